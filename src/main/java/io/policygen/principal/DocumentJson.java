package io.policygen.principal;

import io.policygen.principal.IamItem.PolicyVersion;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON text of what discovery stores in jsonb columns; a policy document that is not JSON is kept as a string.
 * Written by hand, a document that is JSON copied as it is (PostgreSQL parses it into jsonb anyway): building a tree
 * of each document and writing it again was half of what storing a page of principals cost the job.
 */
final class DocumentJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonStringEncoder QUOTE = JsonStringEncoder.getInstance();

    private DocumentJson() {
    }

    static String documentText(String text) {
        return appendDocument(new StringBuilder(text.length() + 2), text).toString();
    }

    /** {@code {"name": document, ...}} */
    static String documents(Map<String, String> byName) {
        StringBuilder json = new StringBuilder(64 + byName.values().stream().mapToInt(String::length).sum());
        json.append('{');
        byName.forEach((name, text) -> appendDocument(appendString(comma(json), name).append(':'), text));
        return json.append('}').toString();
    }

    /** {@code [{"arn": ..., "version": ...}, ...]} */
    static String versions(List<PolicyVersion> policies) {
        StringBuilder json = new StringBuilder(policies.size() * 80 + 2).append('[');
        for (PolicyVersion p : policies) {
            comma(json).append("{\"arn\":");
            appendString(json, p.arn()).append(",\"version\":");
            appendString(json, p.version()).append('}');
        }
        return json.append(']').toString();
    }

    static String strings(Map<String, String> map) {
        StringBuilder json = new StringBuilder(map.size() * 32 + 2).append('{');
        map.forEach((key, value) -> appendString(appendString(comma(json), key).append(':'), value));
        return json.append('}').toString();
    }

    private static StringBuilder appendDocument(StringBuilder json, String text) {
        return isJson(text) ? json.append(text) : appendString(json, text);
    }

    /** One JSON value and nothing after it. */
    private static boolean isJson(String text) {
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (JacksonException e) {
            return false;
        }
    }

    private static StringBuilder appendString(StringBuilder json, String value) {
        if (value == null) {
            return json.append("null");
        }
        json.append('"');
        QUOTE.quoteAsString(value, json);
        return json.append('"');
    }

    private static StringBuilder comma(StringBuilder json) {
        char last = json.charAt(json.length() - 1);
        return last == '{' || last == '[' ? json : json.append(',');
    }
}
