package io.policygen.preflight;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A role's trust policy, read for one question: may this AWS service assume the role? IAM's GetRole returns the
 * document URL-encoded (RFC 3986). An Allow statement must name the service principal (or {@code "*"}) and an
 * action matching sts:AssumeRole, and no Deny statement may match the same; conditions are not evaluated.
 */
final class TrustPolicy {

    static final String ASSUME_ROLE = "sts:AssumeRole";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TrustPolicy() {
    }

    /** The document as IAM returns it, or already decoded. */
    static String decode(String document) {
        String trimmed = document.strip();
        return trimmed.startsWith("{") ? trimmed : URLDecoder.decode(trimmed, StandardCharsets.UTF_8);
    }

    /** Whether the policy lets {@code service} (e.g. access-analyzer.amazonaws.com) assume the role; false if unreadable. */
    static boolean allowsService(String document, String service) {
        JsonNode policy;
        try {
            policy = JSON.readTree(decode(document));
        } catch (JacksonException | IllegalArgumentException e) {
            return false;
        }
        boolean allowed = false;
        for (JsonNode statement : list(policy.path("Statement"))) {
            if (!statement.isObject() || !matches(statement, service)) {
                continue;
            }
            String effect = statement.path("Effect").asString("");
            if (effect.equals("Deny")) {
                return false;
            }
            allowed |= effect.equals("Allow");
        }
        return allowed;
    }

    private static boolean matches(JsonNode statement, String service) {
        return strings(statement.path("Action")).stream().anyMatch(TrustPolicy::coversAssumeRole)
                && names(statement.path("Principal"), service);
    }

    private static boolean names(JsonNode principal, String service) {
        if (principal.isString()) {
            return principal.asString().equals("*");
        }
        return strings(principal.path("Service")).stream().anyMatch(name -> name.equals(service) || name.equals("*"));
    }

    /** IAM action patterns are case-insensitive and may use * and ?. */
    private static boolean coversAssumeRole(String action) {
        String regex = Pattern.quote(action).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q");
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE).matcher(ASSUME_ROLE).matches();
    }

    private static List<JsonNode> list(JsonNode node) {
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(items::add);
        } else if (!node.isMissingNode() && !node.isNull()) {
            items.add(node);
        }
        return items;
    }

    private static List<String> strings(JsonNode node) {
        return list(node).stream().filter(JsonNode::isString).map(JsonNode::asString).map(String::strip).toList();
    }
}
