package io.policygen.gap;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An IAM policy document's statements, read from its JSON text: Statement as one object or an array; Action,
 * NotAction, Resource and NotResource as a string or an array of strings; Effect Allow or Deny; Condition kept as
 * JSON. The text may be URL-encoded, as GetAccountAuthorizationDetails returns documents, or already JSON.
 */
public record PolicyDocument(List<PolicyStatement> statements) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public PolicyDocument {
        statements = List.copyOf(statements);
    }

    /**
     * The document in {@code text}.
     *
     * @throws IllegalArgumentException when it is not a policy document, with what is wrong
     */
    public static PolicyDocument parse(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(decoded(text));
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        return of(root);
    }

    /** The document in an already parsed tree (a JSONB column, an element of a generated policy's array). */
    public static PolicyDocument of(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonNode statement = root.get("Statement");
        List<PolicyStatement> statements = new ArrayList<>();
        if (statement != null && statement.isArray()) {
            for (JsonNode each : statement) {
                statements.add(statement(each, statements.size()));
            }
        } else if (statement != null && statement.isObject()) {
            statements.add(statement(statement, 0));
        } else {
            throw new IllegalArgumentException("no Statement object or array");
        }
        return new PolicyDocument(statements);
    }

    /**
     * URL-decoded when it is not JSON yet. Only %XX escapes are decoded: a '+' stays a '+' (IAM encodes as RFC 3986
     * does, spaces as %20), as names such as {@code team+ops} must.
     */
    static String decoded(String text) {
        String trimmed = text.strip();
        if (trimmed.startsWith("{") || trimmed.indexOf('%') < 0) {
            return trimmed;
        }
        return URLDecoder.decode(trimmed.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static PolicyStatement statement(JsonNode node, int index) {
        String where = "Statement " + (index + 1);
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + " is not an object");
        }
        PolicyStatement.Effect effect = switch (node.path("Effect").asString("")) {
            case "Allow" -> PolicyStatement.Effect.ALLOW;
            case "Deny" -> PolicyStatement.Effect.DENY;
            default -> throw new IllegalArgumentException(where + " has Effect " + node.get("Effect") + ", not Allow or Deny");
        };
        boolean notAction = !node.has("Action") && node.has("NotAction");
        if (node.has("Action") == node.has("NotAction")) {
            throw new IllegalArgumentException(where + " needs exactly one of Action and NotAction");
        }
        List<String> actions = strings(node.get(notAction ? "NotAction" : "Action"), where);
        boolean notResource = !node.has("Resource") && node.has("NotResource");
        // IAM refuses a statement without Resource or NotResource; should one come, it applies everywhere.
        List<String> resources = node.has("Resource") || node.has("NotResource")
                ? strings(node.get(notResource ? "NotResource" : "Resource"), where) : List.of("*");
        JsonNode condition = node.get("Condition");
        String conditionText = condition == null || condition.isNull() || condition.isEmpty() ? null
                : JSON.writeValueAsString(condition);
        return new PolicyStatement(effect, actions, notAction, resources, notResource, conditionText);
    }

    private static List<String> strings(JsonNode node, String where) {
        List<String> values = new ArrayList<>();
        if (node.isString()) {
            values.add(node.stringValue());
        } else if (node.isArray()) {
            for (JsonNode value : node) {
                if (!value.isString()) {
                    throw new IllegalArgumentException(where + " holds a value that is not a string: " + value);
                }
                values.add(value.stringValue());
            }
        } else {
            throw new IllegalArgumentException(where + " holds " + node + " where a string or an array of strings belongs");
        }
        return values;
    }
}
