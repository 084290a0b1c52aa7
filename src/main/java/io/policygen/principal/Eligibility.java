package io.policygen.principal;

/**
 * Whether a principal is worth a generation, examined again at every discovery. Each generation spends one of the
 * account's 50 a day, so it goes where a least-privilege policy changes something.
 */
public enum Eligibility {
    /** Gets a generation when due. */
    ELIGIBLE,
    /** Not used within the lookback: a generation would come back empty; a candidate for removal instead. */
    UNUSED,
    /** Younger than min-age: too little activity to judge yet. */
    TOO_NEW,
    /** Tagged {@code policygen:skip}, with no value or a date still to come. */
    OPTED_OUT
}
