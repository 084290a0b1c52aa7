package io.policygen.principal;

import java.util.List;

/**
 * PostgreSQL's text form of a {@code text[]}, for an array that travels as one element of another (a column of
 * {@code unnest}) and is cast back on the server: every element quoted, so no IAM name or action needs care.
 */
final class TextArray {

    private TextArray() {
    }

    static String literal(List<String> elements) {
        StringBuilder out = new StringBuilder("{");
        for (String element : elements) {
            if (out.length() > 1) {
                out.append(',');
            }
            if (element == null) {
                out.append("NULL");
                continue;
            }
            out.append('"');
            for (int i = 0; i < element.length(); i++) {
                char c = element.charAt(i);
                if (c == '"' || c == '\\') {
                    out.append('\\');
                }
                out.append(c);
            }
            out.append('"');
        }
        return out.append('}').toString();
    }
}
