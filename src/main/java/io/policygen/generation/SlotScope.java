package io.policygen.generation;

/** What a slot may do in its account and Region, as the settings and the organization's listing leave them. */
public enum SlotScope {

    /** An account in scope, a Region among {@code generation.regions}: it settles what was left open, then works. */
    WORKED,

    /**
     * A Region left out of {@code generation.regions} since requests were made there: it settles them (their jobs
     * spent the quota; their principals may have no other request), sending one an earlier run did not, and starts
     * nothing new.
     */
    REGION_LEFT_OUT,

    /**
     * An account the organization still lists as ACTIVE but the settings now leave out, where requests are open: it
     * reads the generations AWS holds (each spent a day's quota; AWS keeps them 7 days) and sends nothing, a request
     * never sent included: policygen spends no quota in an account it was told to leave alone.
     */
    ACCOUNT_LEFT_OUT;

    boolean settlesOnly() {
        return this != WORKED;
    }

    boolean sendsUnsent() {
        return this != ACCOUNT_LEFT_OUT;
    }
}
