package io.policygen.generation;

import java.time.Duration;

/**
 * How long generations take, learnt from those that succeeded (an exponentially weighted mean, shared by all
 * accounts): the tracker polls once at the expected end instead of many times before it.
 */
public final class DurationEstimator {

    private static final double WEIGHT = 0.2;
    private double meanNanos = -1;

    public synchronized void observe(Duration duration) {
        if (duration.isNegative()) {
            return;
        }
        double nanos = duration.toNanos();
        meanNanos = meanNanos < 0 ? nanos : meanNanos + WEIGHT * (nanos - meanNanos);
    }

    /** The expected duration, or null while nothing has been observed. */
    public synchronized Duration expected() {
        return meanNanos < 0 ? null : Duration.ofNanos((long) meanNanos);
    }
}
