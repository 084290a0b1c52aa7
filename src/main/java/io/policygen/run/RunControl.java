package io.policygen.run;

import io.policygen.generation.SlotControl;
import io.policygen.time.Sleeper;
import io.policygen.time.Ticker;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The run's stop request (SIGTERM) and deadline, seen by every account's worker. Its waits end early when a
 * stop is requested, so that thousands of waiting workers notice at once.
 */
public final class RunControl implements SlotControl, Sleeper {

    private final Ticker ticker;
    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile String stopReason;
    private volatile long deadlineNanos = Long.MAX_VALUE;

    public RunControl(Ticker ticker) {
        this.ticker = ticker;
    }

    public void startClock(Duration maxDuration) {
        long now = ticker.nanos();
        deadlineNanos = now + Math.min(maxDuration.toNanos(), Long.MAX_VALUE - now);
    }

    @Override
    public synchronized void requestStop(String reason) {
        if (stopReason == null) {
            stopReason = reason;
        }
        stop.countDown();
    }

    @Override
    public boolean stopRequested() {
        return stop.getCount() == 0;
    }

    public String stopReason() {
        return stopReason;
    }

    @Override
    public boolean pastDeadline() {
        return ticker.nanos() - deadlineNanos >= 0;
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        stop.await(duration.toNanos(), TimeUnit.NANOSECONDS);
    }
}
