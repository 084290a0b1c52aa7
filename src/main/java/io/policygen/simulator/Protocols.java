package io.policygen.simulator;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * How each wire protocol frames answers and errors: AWS Query (XML), AWS JSON 1.1 and REST-JSON.
 * See https://smithy.io/2.0/aws/protocols/ for the error shapes the SDK parses.
 */
final class Protocols {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String XML = "text/xml";
    static final String AMZ_JSON_11 = "application/x-amz-json-1.1";
    static final String REST_JSON = "application/json";

    private Protocols() {
    }

    // --- AWS Query (STS, IAM) ---

    /**
     * IAM's words for a denied action (AccessDenied's message, as AWS words it): a service control policy's deny in a
     * member account; in the management account, which no SCP reaches, a role policy without the action.
     */
    static String deniedByScp(Identity caller, String action) {
        return "User: " + caller.arn() + " is not authorized to perform: " + action + (caller.management()
                ? " because no identity-based policy allows the " + action + " action"
                : " with an explicit deny in a service control policy");
    }

    static SimResponse querySuccess(String action, String namespace, String requestId, Xml result) {
        String body = new Xml().open(action + "Response", namespace).toString()
                + "<" + action + "Result>" + result + "</" + action + "Result>"
                + new Xml().open("ResponseMetadata").element("RequestId", requestId).close("ResponseMetadata")
                + "</" + action + "Response>";
        return SimResponse.ok(XML, body);
    }

    static SimResponse queryError(AwsError error, String namespace, String requestId) {
        Xml xml = new Xml().open("ErrorResponse", namespace).open("Error")
                .element("Type", error.faultType())
                .element("Code", error.code())
                .element("Message", error.getMessage())
                .close("Error")
                .element("RequestId", requestId)
                .close("ErrorResponse");
        return SimResponse.error(error.status(), XML, error.code(), xml.toString(), Map.of());
    }

    // --- AWS JSON 1.1 (Organizations) ---

    static SimResponse json11Success(JsonNode body) {
        return SimResponse.ok(AMZ_JSON_11, JSON.writeValueAsString(body));
    }

    static SimResponse json11Error(AwsError error) {
        ObjectNode body = JSON.createObjectNode();
        body.put("__type", error.code());
        body.put("Message", error.getMessage());
        putFields(body, error.fields());
        return SimResponse.error(error.status(), AMZ_JSON_11, error.code(), JSON.writeValueAsString(body),
                Map.of("x-amzn-ErrorType", error.code()));
    }

    // --- REST-JSON (Access Analyzer) ---

    static SimResponse restJsonSuccess(JsonNode body) {
        return SimResponse.ok(REST_JSON, JSON.writeValueAsString(body));
    }

    static SimResponse restJsonError(AwsError error) {
        ObjectNode body = JSON.createObjectNode();
        body.put("message", error.getMessage());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-amzn-ErrorType", error.code());
        for (Map.Entry<String, Object> field : error.fields().entrySet()) {
            // members bound to HTTP headers (retryAfterSeconds -> Retry-After) go there, not in the body
            if (field.getKey().equals("retryAfterSeconds")) {
                headers.put("Retry-After", String.valueOf(field.getValue()));
            }
        }
        Map<String, Object> bodyFields = new LinkedHashMap<>(error.fields());
        bodyFields.remove("retryAfterSeconds");
        putFields(body, bodyFields);
        return SimResponse.error(error.status(), REST_JSON, error.code(), JSON.writeValueAsString(body), headers);
    }

    private static void putFields(ObjectNode body, Map<String, Object> fields) {
        fields.forEach((name, value) -> body.set(name, JSON.valueToTree(value)));
    }

    /** Text of a JSON member, or null if absent / null; numbers as their text. */
    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        return value.isString() ? value.stringValue() : value.toString();
    }
}
