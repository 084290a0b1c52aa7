package io.policygen.gap;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A policy's statements as documents that each fit a length (IAM's, whitespace not counted): in their order, as many to
 * a document as fit; a statement too long alone is cut by its actions into statements that each fit, alike but for
 * their actions, so the documents together allow what the statements did. A statement that cannot be cut (NotAction,
 * no list of actions) and is too long alone gets a document of its own all the same.
 */
final class PolicyParts {

    private PolicyParts() {
    }

    static List<ObjectNode> split(List<JsonNode> statements, int limit) {
        List<ObjectNode> documents = new ArrayList<>();
        int empty = CanonicalJson.compactLength(PolicyFiles.document());
        ArrayNode current = null;
        int length = 0;
        for (JsonNode whole : statements) {
            for (JsonNode statement : cut(whole, limit - empty)) {
                int added = CanonicalJson.compactLength(statement);
                if (current == null || length + 1 + added > limit) {
                    ObjectNode document = PolicyFiles.document();
                    documents.add(document);
                    current = (ArrayNode) document.get("Statement");
                    length = empty - 1;
                }
                current.add(statement);
                length += 1 + added;
            }
        }
        return documents;
    }

    /** The statement as statements of at most {@code room} characters each, cut by its actions where it is longer. */
    private static List<JsonNode> cut(JsonNode statement, int room) {
        JsonNode actions = statement.get("Action");
        if (CanonicalJson.compactLength(statement) <= room || !(statement instanceof ObjectNode object)
                || actions == null || !actions.isArray() || actions.size() < 2) {
            return List.of(statement);
        }
        ObjectNode rest = object.deepCopy();
        rest.remove("Action");
        // the rest, then ,"Action":[...] (its comma only where the rest has members)
        int restLength = CanonicalJson.compactLength(rest) + (rest.isEmpty() ? 11 : 12);
        List<JsonNode> parts = new ArrayList<>();
        ArrayNode part = null;
        int length = 0;
        for (JsonNode action : actions) {
            int added = CanonicalJson.compactLength(action);
            if (part == null || length + 1 + added > room) {
                ObjectNode next = rest.deepCopy();
                part = next.putArray("Action");
                parts.add(next);
                length = restLength - 1;
            }
            part.add(action);
            length += 1 + added;
        }
        return parts;
    }
}
