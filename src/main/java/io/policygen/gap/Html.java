package io.policygen.gap;

import java.util.Locale;

/**
 * Text into HTML. Everything shown on the gap page comes from member accounts, where anyone with IAM rights writes
 * names, paths and policy text, so every value goes through {@link #text}: it can only ever be text, never markup,
 * in element content and in quoted attribute values alike.
 */
final class Html {

    private Html() {
    }

    /**
     * The five characters that can end text or an attribute escaped; C0 controls other than tab, line feed and
     * carriage return (NUL above all, which parsers treat apart) and unpaired surrogates replaced by U+FFFD.
     */
    static String text(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f) {
                        out.append('\uFFFD');
                    } else if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                        out.append(c).append(value.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        out.append('\uFFFD');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** At most {@code max} characters, with an ellipsis when cut; escaped. */
    static String shortText(String value, int max) {
        if (value == null) {
            return "";
        }
        if (value.codePointCount(0, value.length()) <= max) {
            return text(value);
        }
        return text(value.substring(0, value.offsetByCodePoints(0, max - 1))) + "\u2026";
    }

    /** 0.7333 as "73.3%". */
    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    /** 12345 as "12,345". */
    static String number(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
