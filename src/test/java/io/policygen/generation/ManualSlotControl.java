package io.policygen.generation;

import io.policygen.testsupport.ManualClock;
import java.time.Duration;

/** A run's control for tests: waiting moves the manual clock on; a stop or the deadline is set by the test. */
final class ManualSlotControl implements SlotControl {

    private final ManualClock clock;
    volatile boolean stopRequested;
    volatile boolean pastDeadline;
    volatile String stopReason;

    ManualSlotControl(ManualClock clock) {
        this.clock = clock;
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
        clock.advance(duration);
    }
}
