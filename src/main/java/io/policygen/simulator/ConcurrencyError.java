package io.policygen.simulator;

import java.util.Locale;

/**
 * What StartPolicyGeneration answers while the account's one generation is in progress. AWS documents
 * both exceptions for the operation and does not say which one it sends here, so the simulator can play
 * either.
 */
public enum ConcurrencyError {
    /** ServiceQuotaExceededException (402) naming the concurrent quota. */
    QUOTA,
    /** ConflictException (409) naming the generation in progress. */
    CONFLICT;

    public static ConcurrencyError parse(String text) {
        try {
            return valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("must be quota or conflict, was '" + text + "'");
        }
    }
}
