package io.policygen.run;

import io.policygen.generation.GenerationEvents;
import io.policygen.generation.SlotId;
import io.policygen.generation.SlotOutcome;
import io.policygen.time.Ticker;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * This invocation's run: its id in the {@code run} table, and what its slots did so far. Generations are counted
 * as {@code report_runs} counts them: those this run started; those an earlier run started and this one saw to
 * their end are counted apart.
 */
public final class CurrentRun implements GenerationEvents {

    private final Ticker ticker;
    private volatile long id = -1;
    private final EnumMap<SlotOutcome, Integer> outcomes = new EnumMap<>(SlotOutcome.class);
    private final SlotBacklog backlog = new SlotBacklog();
    private final LongAdder slotsStarted = new LongAdder();
    private final LongAdder planned = new LongAdder();
    private final LongAdder started = new LongAdder();
    private final LongAdder succeeded = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder lost = new LongAdder();
    private final LongAdder settledFromEarlierRuns = new LongAdder();
    private final LongAdder slotNanos = new LongAdder();
    private final LongAdder busyNanos = new LongAdder();

    public CurrentRun(Ticker ticker) {
        this.ticker = ticker;
    }

    public long id() {
        if (id < 0) {
            throw new IllegalStateException("no run has been started");
        }
        return id;
    }

    void start(long runId) {
        this.id = runId;
    }

    @Override
    public void slotOpened(SlotId slot) {
        slotsStarted.increment();
        backlog.opened(slot, ticker.nanos());
    }

    @Override
    public void planned(SlotId slot, int generations) {
        planned.add(generations);
        backlog.planned(slot, generations);
    }

    @Override
    public void started(SlotId slot) {
        started.increment();
    }

    @Override
    public void finished(SlotId slot, String status, boolean startedThisRun) {
        if (!startedThisRun) {
            settledFromEarlierRuns.increment();
            return;
        }
        ("SUCCEEDED".equals(status) ? succeeded : LOST.equals(status) ? lost : failed).increment();
        backlog.finished(slot);
    }

    @Override
    public synchronized void slotEnded(SlotId slot, SlotOutcome outcome, Duration slotTime, Duration busyTime) {
        outcomes.merge(outcome, 1, Integer::sum);
        slotNanos.add(slotTime.toNanos());
        busyNanos.add(busyTime.toNanos());
        backlog.ended(slot, ticker.nanos());
    }

    public synchronized int count(SlotOutcome outcome) {
        return outcomes.getOrDefault(outcome, 0);
    }

    public synchronized Map<SlotOutcome, Integer> outcomes() {
        return new EnumMap<>(outcomes);
    }

    public synchronized int slotsEnded() {
        return outcomes.values().stream().mapToInt(Integer::intValue).sum();
    }

    public long slotsStarted() {
        return slotsStarted.sum();
    }

    /** Generations the started slots plan for this run (new ones; those settled from earlier runs are not counted). */
    public long generationsPlanned() {
        return planned.sum();
    }

    public long generationsStarted() {
        return started.sum();
    }

    /** Of the generations this run started, those that succeeded. */
    public long generationsSucceeded() {
        return succeeded.sum();
    }

    /** Of the generations this run started, those that ended FAILED or CANCELED, lost ones apart. */
    public long generationsFailed() {
        return failed.sum();
    }

    /** Of the generations this run started, those whose result Access Analyzer no longer had. */
    public long generationsLost() {
        return lost.sum();
    }

    /** Of the generations this run started, those that ended: succeeded, failed or lost. */
    public long generationsFinished() {
        return generationsSucceeded() + generationsFailed() + generationsLost();
    }

    /** Generations earlier runs started and this run saw to their end (not counted as this run's). */
    public long generationsSettledFromEarlierRuns() {
        return settledFromEarlierRuns.sum();
    }

    /** The time the busiest open slot still needs at this run's pace, or null while nothing has finished. */
    public Duration longestSlotRemaining() {
        return backlog.longestRemaining(ticker.nanos());
    }

    /** Of the time the ended slots ran, the share a generation was in flight in them (1.0 = never idle). */
    public double slotUtilization() {
        long slots = slotNanos.sum();
        return slots == 0 ? 0 : (double) busyNanos.sum() / slots;
    }
}
