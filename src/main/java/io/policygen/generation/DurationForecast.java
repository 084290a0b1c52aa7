package io.policygen.generation;

import java.time.Duration;

/**
 * What one generation's duration is likely to be: {@code e^(center + value)} seconds, for the values of a learnt
 * {@link DurationSamples.Distribution}. Quantiles come from the sample as it is, whatever its shape: a uniform jitter
 * and a long tail are both looked at where their own durations fall. {@code own}: NaN, or for a provisional forecast
 * (the organization's, for an account seen before and much faster than the organization's median, while too few of
 * the night's accounts' own forecasts have been seen to end to tell which is the better) the logarithm of where the account's own generations
 * end: it is looked at there too, and planned again once the better is known.
 */
public record DurationForecast(double center, DurationSamples.Distribution distribution, double own) {

    /** A forecast that stands until generations end. */
    public DurationForecast(double center, DurationSamples.Distribution distribution) {
        this(center, distribution, Double.NaN);
    }

    public boolean provisional() {
        return !Double.isNaN(own);
    }

    /** Where the account's own generations end, for a provisional forecast. */
    public Duration ownEnd() {
        return seconds(Math.exp(own));
    }

    /** From durations that all ended (natural logarithms of seconds, ascending): each one an equal share. */
    static DurationForecast ofEnded(double center, double... sortedValues) {
        double[] shares = new double[sortedValues.length];
        for (int i = 0; i < shares.length; i++) {
            shares[i] = (i + 1) / (double) shares.length;
        }
        return new DurationForecast(center, new DurationSamples.Distribution(sortedValues, shares, Double.NEGATIVE_INFINITY));
    }

    /**
     * The duration that this share of generations like it took at most (0: the shortest seen; 1: the longest); a share
     * beyond what has ended yet is the longest known, ended or still running.
     */
    public Duration quantile(double share) {
        return seconds(Math.exp(center + distribution.quantile(Math.clamp(share, 0, 1))));
    }

    /** Whether this share of generations like it has ended (those still running may end later than any ended). */
    public boolean reaches(double share) {
        return distribution.reach() >= share;
    }

    /** Rounded up: a look a nanosecond early, from the logarithms' rounding, would find the generation running. */
    private static Duration seconds(double seconds) {
        return Duration.ofNanos((long) Math.min(Math.ceil(seconds * 1e9), Long.MAX_VALUE / 2.0));
    }
}
