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
    UNSETTLED,
    /**
     * Generations here cannot succeed until the setup is fixed (the access role, the trail, its bucket or key policy;
     * the account's or the whole organization's): no more quota is spent here this run.
     */
    SETUP_FAILED,
    /** Generations kept failing here, one after the other: no more quota is spent here this run. */
    FAILING;

    /** Whether the account's remaining work is deferred to a later run, with the reason recorded for the reports. */
    public boolean defers() {
        return this != DONE && this != STOPPED;
    }

    /** Whether a person must look at the account's setup before a rerun helps (exit code 5). */
    public boolean needsSetupFix() {
        return this == SETUP_FAILED || this == FAILING;
    }
}
