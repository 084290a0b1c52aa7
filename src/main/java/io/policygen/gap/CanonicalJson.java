package io.policygen.gap;

import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.StringNode;

/**
 * JSON written the same way every time, so that the same data gives the same bytes (and a git diff between two
 * nights shows only what changed): object keys sorted, arrays in their order, two spaces of indentation, numbers as
 * written (decimals read as BigDecimal), UTF-8, a trailing newline.
 */
final class CanonicalJson {

    static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private CanonicalJson() {
    }

    static String write(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, out, "");
        return out.append('\n').toString();
    }

    /** The length IAM measures a policy by: its characters without the whitespace between tokens. */
    static int compactLength(JsonNode node) {
        return JSON.writeValueAsString(node).length();
    }

    private static void write(JsonNode node, StringBuilder out, String indent) {
        String inner = indent + "  ";
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            node.properties().forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
            if (sorted.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append("{\n");
            int i = 0;
            for (Map.Entry<String, JsonNode> entry : sorted.entrySet()) {
                out.append(inner).append(string(entry.getKey())).append(": ");
                write(entry.getValue(), out, inner);
                out.append(++i < sorted.size() ? ",\n" : "\n");
            }
            out.append(indent).append('}');
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append("[\n");
            for (int i = 0; i < node.size(); i++) {
                out.append(inner);
                write(node.get(i), out, inner);
                out.append(i + 1 < node.size() ? ",\n" : "\n");
            }
            out.append(indent).append(']');
        } else if (node.isString()) {
            out.append(string(node.stringValue()));
        } else if (node.isBigDecimal()) {
            out.append(node.decimalValue().toPlainString());
        } else {
            out.append(JSON.writeValueAsString(node));
        }
    }

    private static String string(String text) {
        return JSON.writeValueAsString(StringNode.valueOf(text));
    }
}
