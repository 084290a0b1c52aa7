package io.policygen.generation;

/** One generation slot: an account in a Region (Access Analyzer allows one generation in progress in each). */
public record SlotId(String accountId, String region) {

    /** As log lines carry it: {@code account=111122223333 region=us-east-1}. */
    @Override
    public String toString() {
        return "account=" + accountId + " region=" + region;
    }
}
