package io.policygen.run;

import io.policygen.generation.SlotOutcome;
import java.util.EnumMap;
import java.util.Map;

/** This invocation's run: its id in the {@code run} table, and how its account slots ended. */
public final class CurrentRun {

    private volatile long id = -1;
    private final EnumMap<SlotOutcome, Integer> outcomes = new EnumMap<>(SlotOutcome.class);

    public long id() {
        if (id < 0) {
            throw new IllegalStateException("no run has been started");
        }
        return id;
    }

    void start(long runId) {
        this.id = runId;
    }

    public synchronized void record(SlotOutcome outcome) {
        outcomes.merge(outcome, 1, Integer::sum);
    }

    public synchronized int count(SlotOutcome outcome) {
        return outcomes.getOrDefault(outcome, 0);
    }

    public synchronized Map<SlotOutcome, Integer> outcomes() {
        return new EnumMap<>(outcomes);
    }
}
