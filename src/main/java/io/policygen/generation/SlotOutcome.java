package io.policygen.generation;

/** How one account's (and Region's) generation slot ended for this run. */
public enum SlotOutcome {
    /** Nothing is due any more. */
    DONE,
    /** A quota (or the daily budget) stopped it; the rest stays due for a later run. */
    QUOTA_STOPPED,
    /** The run's deadline came. */
    DEADLINE,
    /** The run was asked to stop (SIGTERM). */
    STOPPED,
    /** AWS gave no answer about a request; it stays PENDING and the next run re-sends its token. */
    UNSETTLED;

    /** Whether the account's remaining work is deferred to a later run, with the reason recorded for the reports. */
    public boolean defers() {
        return this == QUOTA_STOPPED || this == DEADLINE || this == UNSETTLED;
    }
}
