package io.policygen.generation;

import io.policygen.log.LogEvent;
import io.policygen.log.LogFields;

/** One generation slot: an account in a Region (Access Analyzer allows one generation in progress in each). */
public record SlotId(String accountId, String region) implements LogFields {

    /** As log lines carry it: {@code account=111122223333 region=us-east-1}. */
    @Override
    public String toString() {
        return "account=" + accountId + " region=" + region;
    }

    /** As log events carry it: fields {@code account} and {@code region}. */
    @Override
    public void addTo(LogEvent event) {
        event.with("account", accountId).with("region", region);
    }
}
