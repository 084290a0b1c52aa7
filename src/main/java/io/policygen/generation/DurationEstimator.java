package io.policygen.generation;

import java.time.Duration;

/**
 * How long generations take, learnt from those that succeeded (exponentially weighted mean and mean absolute
 * deviation, shared by all accounts): the tracker polls around the expected end instead of many times before it.
 */
public final class DurationEstimator {

    private static final double WEIGHT = 0.2;
    private double meanNanos = -1;
    private double deviationNanos;

    public synchronized void observe(Duration duration) {
        if (duration.isNegative()) {
            return;
        }
        double nanos = duration.toNanos();
        if (meanNanos < 0) {
            meanNanos = nanos;
            return;
        }
        deviationNanos += WEIGHT * (Math.abs(nanos - meanNanos) - deviationNanos);
        meanNanos += WEIGHT * (nanos - meanNanos);
    }

    /** The expected duration, or null while nothing has been observed. */
    public synchronized Duration expected() {
        return meanNanos < 0 ? null : Duration.ofNanos((long) meanNanos);
    }

    /** How far durations typically fall from the expected one (zero while fewer than two were observed). */
    public synchronized Duration deviation() {
        return Duration.ofNanos((long) deviationNanos);
    }
}
