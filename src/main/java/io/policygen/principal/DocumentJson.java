package io.policygen.principal;

import io.policygen.principal.IamItem.PolicyVersion;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The JSON text of what discovery stores in jsonb columns; a policy document that is not JSON is kept as a string. */
final class DocumentJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DocumentJson() {
    }

    static JsonNode document(String text) {
        try {
            return JSON.readTree(text);
        } catch (JacksonException e) {
            return JSON.getNodeFactory().stringNode(text);
        }
    }

    static String documentText(String text) {
        return JSON.writeValueAsString(document(text));
    }

    /** {@code {"name": document, ...}} */
    static String documents(Map<String, String> byName) {
        ObjectNode object = JSON.createObjectNode();
        byName.forEach((name, text) -> object.set(name, document(text)));
        return JSON.writeValueAsString(object);
    }

    /** {@code [{"arn": ..., "version": ...}, ...]} */
    static String versions(List<PolicyVersion> policies) {
        ArrayNode array = JSON.createArrayNode();
        policies.forEach(p -> array.addObject().put("arn", p.arn()).put("version", p.version()));
        return JSON.writeValueAsString(array);
    }

    static String strings(Map<String, String> map) {
        return JSON.writeValueAsString(map);
    }
}
