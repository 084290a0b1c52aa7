package io.policygen.simulator;

/** A tiny XML writer for Query-protocol responses: fast, no DOM. */
final class Xml {

    private final StringBuilder sb = new StringBuilder(256);

    Xml open(String tag) {
        sb.append('<').append(tag).append('>');
        return this;
    }

    Xml open(String tag, String xmlns) {
        sb.append('<').append(tag).append(" xmlns=\"").append(xmlns).append("\">");
        return this;
    }

    Xml close(String tag) {
        sb.append("</").append(tag).append('>');
        return this;
    }

    /** An element with text; nothing at all if the text is null. */
    Xml element(String tag, Object text) {
        if (text != null) {
            sb.append('<').append(tag).append('>');
            escape(String.valueOf(text));
            sb.append("</").append(tag).append('>');
        }
        return this;
    }

    private void escape(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> sb.append(c);
            }
        }
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
