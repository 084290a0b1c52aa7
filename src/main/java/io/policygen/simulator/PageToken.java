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

    /** The page an IAM Marker asks for (the first without one); IAM's InvalidInput for a marker of another listing. */
    static PageToken iamMarker(String marker, String scope) {
        PageToken token = marker == null ? new PageToken(scope, 0, 0) : decode(marker, scope);
        if (token == null) {
            throw new AwsError(400, "InvalidInput", "Invalid Marker.");
        }
        return token;
    }

    /**
     * Items on this page of an IAM listing: every fifth page or so only half of MaxItems while IsTruncated, which
     * the IAM API reference allows: a client must follow IsTruncated, not count items.
     */
    int iamPageSize(long seed, int maxItems) {
        return (page + Hashing.below(Hashing.hash(seed, scope), 5)) % 5 == 3 ? Math.max(1, maxItems / 2) : maxItems;
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
