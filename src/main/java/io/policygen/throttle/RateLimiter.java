package io.policygen.throttle;

import io.policygen.time.Sleeper;
import io.policygen.time.Ticker;
import java.time.Duration;

/**
 * Spaces calls at most {@code permitsPerSecond} apart, allowing a burst of one second's permits after idleness.
 * Callers reserve a slot under the lock and wait outside it, so waiting threads don't block each other.
 */
public final class RateLimiter {

    private final long intervalNanos;
    private final long burstNanos;
    private final Ticker ticker;
    private final Sleeper sleeper;
    private long nextFreeNanos;

    public RateLimiter(double permitsPerSecond, Ticker ticker, Sleeper sleeper) {
        if (!(permitsPerSecond > 0)) {
            throw new IllegalArgumentException("permitsPerSecond must be positive, was " + permitsPerSecond);
        }
        this.intervalNanos = Math.max(1, (long) (1_000_000_000L / permitsPerSecond));
        this.burstNanos = Math.max(intervalNanos, 1_000_000_000L) - intervalNanos;
        this.ticker = ticker;
        this.sleeper = sleeper;
        this.nextFreeNanos = ticker.nanos() - burstNanos;
    }

    /** Blocks until a permit is free. */
    public void acquire() throws InterruptedException {
        long waitNanos = reserve();
        if (waitNanos > 0) {
            sleeper.sleep(Duration.ofNanos(waitNanos));
        }
    }

    /** Takes the next permit and returns how long its holder must wait for it. */
    synchronized long reserve() {
        long now = ticker.nanos();
        long slot = Math.max(nextFreeNanos, now - burstNanos);
        nextFreeNanos = slot + intervalNanos;
        return slot - now;
    }
}
