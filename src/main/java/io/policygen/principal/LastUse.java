package io.policygen.principal;

import java.time.Instant;

/**
 * When a principal was last used, as far as IAM says.
 *
 * @param at     null: never (within IAM's tracking period)
 * @param source where it comes from: {@code RoleLastUsed}, or the credential report's {@code password},
 *               {@code access_key_1}, {@code access_key_2}; null when never used; when not known, why
 * @param known  false when IAM could not tell (no credential report for the account's users): such a principal is
 *               never taken for unused
 */
public record LastUse(Instant at, String source, boolean known) {

    public static LastUse unknown(String why) {
        return new LastUse(null, why, false);
    }

    public static LastUse never() {
        return new LastUse(null, null, true);
    }
}
