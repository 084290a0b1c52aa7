package io.policygen.generation;

import java.time.Duration;

/**
 * What one generation's duration is likely to be: {@code e^(center + offset)} seconds, the offsets being the learnt
 * spread (natural logarithms, sorted). Quantiles come from the offsets as they are, whatever their shape: a uniform
 * jitter and a long tail are both polled where their own durations fall.
 */
public record DurationForecast(double center, double[] offsets) {

    public DurationForecast {
        if (offsets.length == 0) {
            throw new IllegalArgumentException("a forecast needs at least one learnt duration");
        }
    }

    /** The duration that this share of generations like it took at most (0.5: the median; 1: the longest seen). */
    public Duration quantile(double share) {
        double index = Math.clamp(share, 0, 1) * (offsets.length - 1);
        int below = (int) Math.floor(index);
        int above = Math.min(below + 1, offsets.length - 1);
        double offset = offsets[below] + (offsets[above] - offsets[below]) * (index - below);
        return seconds(Math.exp(center + offset));
    }

    /** Rounded up: a look a nanosecond early, from the logarithms' rounding, would find the generation running. */
    private static Duration seconds(double seconds) {
        return Duration.ofNanos((long) Math.min(Math.ceil(seconds * 1e9), Long.MAX_VALUE / 2.0));
    }
}
