package io.policygen.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulator's notion of "now": quotas, the 7-day list window, generation completion and
 * timestamps all read it. Either real time plus the advances asked for (standalone), or fully
 * manual (tests: "the next day" takes no real time). It never goes backwards.
 */
public final class SimulatedClock extends Clock {

    private final Clock base;
    private final boolean manual;
    private final AtomicLong offsetNanos = new AtomicLong();
    private final Instant manualStart;

    private SimulatedClock(Clock base, boolean manual, Instant manualStart) {
        this.base = base;
        this.manual = manual;
        this.manualStart = manualStart;
    }

    /** Real time plus whatever {@link #advance(Duration)} added. */
    public static SimulatedClock realTime() {
        return new SimulatedClock(Clock.systemUTC(), false, null);
    }

    /** Stands still at {@code start} until advanced. */
    public static SimulatedClock manual(Instant start) {
        return new SimulatedClock(null, true, start);
    }

    public boolean isManual() {
        return manual;
    }

    @Override
    public Instant instant() {
        Instant origin = manual ? manualStart : base.instant();
        return origin.plusNanos(offsetNanos.get());
    }

    /** Same as {@link #instant()}, in epoch milliseconds. */
    public long nowMillis() {
        return instant().toEpochMilli();
    }

    /** Moves the clock forward; negative durations are refused. */
    public Instant advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("the simulated clock cannot go backwards: " + duration);
        }
        offsetNanos.addAndGet(duration.toNanos());
        return instant();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant(), zone);
    }

    /** Default start of a manual clock: now, to the second, so tests read clean timestamps. */
    static Instant defaultManualStart() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }
}
