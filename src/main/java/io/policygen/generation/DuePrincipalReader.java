package io.policygen.generation;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads the slot's due principals, in the store's order, within what is left of the daily budget. When principals
 * remain beyond the budget it stops the slot at the quota (a business stop: the step completes, the rest stays due);
 * it reads nothing more once the slot is stopped, asked to stop or past the run's deadline.
 * <p>
 * It keeps no position: what is due is in the database, and the budget counts what this run already started.
 */
public class DuePrincipalReader implements ItemStreamReader<DuePrincipal> {

    private static final Duration DAY = Duration.ofDays(1);

    private final AccountSlot slot;
    private final GenerationStore store;
    private final GenerationProperties properties;
    private final SlotControl control;
    private final Clock clock;
    private final GenerationEvents events;
    private List<DuePrincipal> due = List.of();
    private int budget;
    private int next;

    DuePrincipalReader(AccountSlot slot, GenerationStore store, GenerationProperties properties, SlotControl control,
                       Clock clock, GenerationEvents events) {
        this.slot = slot;
        this.store = store;
        this.properties = properties;
        this.control = control;
        this.clock = clock;
        this.events = events;
    }

    @Override
    public void open(ExecutionContext executionContext) {
        if (slot.stopped()) {
            return;
        }
        budget = Math.max(0, properties.dailyQuota() - store.startedSince(slot.id(), clock.instant().minus(DAY)));
        // one more than the budget, to know whether anything is left for a later run
        due = store.due(slot.id(), clock.instant(), properties.refreshAfter(), properties.maxFailures(), budget + 1);
        events.planned(slot.id(), Math.min(budget, due.size()));
    }

    @Override
    public DuePrincipal read() {
        if (slot.interrupted(control)) {
            return null;
        }
        if (next < Math.min(budget, due.size())) {
            return due.get(next++);
        }
        if (due.size() > budget) {
            slot.stop(SlotOutcome.QUOTA_STOPPED, "daily quota of " + properties.dailyQuota()
                    + " generations reached for the last 24 hours; the remaining principals are deferred to a later run");
        }
        return null;
    }
}
