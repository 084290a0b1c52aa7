package io.policygen.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * An opaque paging token (Organizations NextToken, IAM Marker, Access Analyzer nextToken):
 * the listing it belongs to, the position to go on from and the number of the next page.
 * Page numbers make the "quirky" pages (empty, short) deterministic.
 */
record PageToken(String scope, long position, int page) {

    String encode() {
        String raw = scope + "|" + position + "|" + page;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The token, or null if it is not one of ours for this scope. */
    static PageToken decode(String token, String expectedScope) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int second = raw.lastIndexOf('|');
            int first = raw.lastIndexOf('|', second - 1);
            if (first < 0 || !raw.substring(0, first).equals(expectedScope)) {
                return null;
            }
            long position = Long.parseLong(raw.substring(first + 1, second));
            int page = Integer.parseInt(raw.substring(second + 1));
            return position >= 0 && page >= 0 ? new PageToken(expectedScope, position, page) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
