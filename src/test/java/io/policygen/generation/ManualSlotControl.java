package io.policygen.generation;

import io.policygen.testsupport.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's control for tests: waiting moves the manual clock on, and what a test scripted for a time happens once the
 * clock reaches it; a stop or the deadline is set by the test.
 */
final class ManualSlotControl implements SlotControl {

    private final ManualClock clock;
    private final List<Instant> times = new ArrayList<>();
    private final List<Runnable> events = new ArrayList<>();
    /** Every wait, in order. */
    final List<Duration> sleeps = new ArrayList<>();
    volatile boolean stopRequested;
    volatile boolean pastDeadline;
    volatile String stopReason;

    ManualSlotControl(ManualClock clock) {
        this.clock = clock;
    }

    /** Runs {@code event} at the end of the first wait that reaches {@code time}. */
    void at(Instant time, Runnable event) {
        times.add(time);
        events.add(event);
    }

    @Override
    public boolean stopRequested() {
        return stopRequested;
    }

    @Override
    public boolean pastDeadline() {
        return pastDeadline;
    }

    @Override
    public void requestStop(String reason) {
        stopReason = reason;
        stopRequested = true;
    }

    @Override
    public void sleep(Duration duration) {
        sleeps.add(duration);
        clock.advance(duration);
        for (int i = 0; i < times.size(); i++) {
            if (!clock.instant().isBefore(times.get(i))) {
                times.remove(i);
                events.remove(i--).run();
            }
        }
    }
}
