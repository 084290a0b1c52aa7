package io.policygen.gap;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The generated policy as files ready to attach. AWS splits a policy longer than IAM's 6,144-character limit for a
 * managed policy into several documents; they are merged into one when the merged document still fits (IAM counts
 * characters without whitespace), else kept as they came, one file each.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
 */
final class PolicyFiles {

    static final int MAX_MANAGED_POLICY_LENGTH = 6_144;
    private static final String DEFAULT_VERSION = "2012-10-17";

    private PolicyFiles() {
    }

    /**
     * The documents to write, in order: one merged, or AWS's own.
     *
     * @param generated the stored JSON array of documents (objects, or a document's JSON text)
     * @throws IllegalArgumentException when it is not such an array
     */
    static List<JsonNode> documents(String generated) {
        List<JsonNode> documents = read(generated);
        if (documents.size() < 2) {
            return documents;
        }
        ObjectNode merged = CanonicalJson.JSON.createObjectNode();
        merged.put("Version", documents.getFirst().path("Version").asString(DEFAULT_VERSION));
        ArrayNode statements = merged.putArray("Statement");
        documents.forEach(document -> statements(document, statements::add));
        return CanonicalJson.compactLength(merged) <= MAX_MANAGED_POLICY_LENGTH ? List.of(merged) : documents;
    }

    /** A document of the current policy language version, its {@code Statement} array empty. */
    static ObjectNode document() {
        ObjectNode document = CanonicalJson.JSON.createObjectNode();
        document.put("Version", DEFAULT_VERSION);
        document.putArray("Statement");
        return document;
    }

    /** A document's statements: the elements of its {@code Statement} array, or its one {@code Statement} object. */
    static void statements(JsonNode document, Consumer<JsonNode> each) {
        JsonNode statement = document.get("Statement");
        if (statement != null && statement.isArray()) {
            statement.forEach(each);
        } else if (statement != null) {
            each.accept(statement);
        }
    }

    private static List<JsonNode> read(String generated) {
        JsonNode root;
        try {
            root = CanonicalJson.JSON.readTree(generated);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the generated policy is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("the generated policy is not an array of policy documents");
        }
        List<JsonNode> documents = new ArrayList<>();
        for (JsonNode element : root) {
            JsonNode document = element;
            if (element.isString()) {
                try {
                    document = CanonicalJson.JSON.readTree(element.stringValue());
                } catch (JacksonException e) {
                    throw new IllegalArgumentException("a generated policy document is not JSON: " + e.getOriginalMessage());
                }
            }
            if (!document.isObject()) {
                throw new IllegalArgumentException("a generated policy document is not a JSON object");
            }
            documents.add(document);
        }
        return documents;
    }
}
