package io.policygen.gap;

import java.util.Locale;

/**
 * IAM's matching of an action against a policy's Action or NotAction value: {@code *} any run of characters,
 * {@code ?} any one, case-insensitive (IAM action names are), over the whole {@code service:Action} text.
 */
final class Glob {

    private Glob() {
    }

    static boolean hasWildcard(String pattern) {
        return pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0;
    }

    static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    /** Whether {@code text} matches {@code pattern}; both already lower-cased. */
    static boolean matchesLower(String pattern, String text) {
        int p = 0;
        int t = 0;
        int star = -1;
        int resume = 0;
        while (t < text.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
                p++;
                t++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    static boolean matches(String pattern, String text) {
        return matchesLower(lower(pattern), lower(text));
    }
}
