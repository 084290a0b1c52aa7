package io.policygen.run;

import io.policygen.generation.SlotControl;
import io.policygen.principal.DiscoveryControl;
import io.policygen.time.Ticker;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * The run's stop request (SIGTERM) and deadline, seen by every account's worker. Its waits end early when a
 * stop is requested, so that thousands of waiting workers notice at once.
 * <p>
 * A waiter parks on its own and is woken by the stop: ten thousand slots waiting on one latch with a timeout spent
 * a quarter of the job's CPU at their start in the latch's queue, each wait that timed out walking every other
 * waiter to unlink itself.
 */
public final class RunControl implements SlotControl, DiscoveryControl {

    private final Ticker ticker;
    private final Set<Thread> waiting = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;
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
        stopped = true;
        waiting.forEach(LockSupport::unpark);
    }

    @Override
    public boolean stopRequested() {
        return stopped;
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
        Thread self = Thread.currentThread();
        long end = System.nanoTime() + duration.toNanos();
        waiting.add(self);
        try {
            // the stop is read after the thread is listed: a stop requested meanwhile has unparked it or is seen here
            for (long left = duration.toNanos(); left > 0 && !stopped; left = end - System.nanoTime()) {
                LockSupport.parkNanos(this, left);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        } finally {
            waiting.remove(self);
        }
    }
}
