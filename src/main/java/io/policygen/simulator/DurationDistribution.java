package io.policygen.simulator;

import java.util.Locale;

/**
 * How generation durations spread around what their log files take ({@link CloudTrailActivity}). UNIFORM: the
 * configured jitter only (+/- generation-jitter, per job). LOGNORMAL: that duration times a long-tailed factor
 * {@code e^(spread x Z)}, Z standard normal, so that the median stays and the mean and tail grow with the spread
 * (0.5: the 90th percentile is 1.9 times the median, the 99th 3.2 times). {@code perAccount}: Z is drawn once per
 * account (an account's CloudTrail is heavy or light for all its generations, something a client can learn), else
 * once per job (noise nothing can predict). AWS publishes no such figures: it is the simulator's model.
 */
public record DurationDistribution(Shape shape, double spread, boolean perAccount) {

    public enum Shape { UNIFORM, LOGNORMAL }

    public static final DurationDistribution UNIFORM = new DurationDistribution(Shape.UNIFORM, 0, false);

    public DurationDistribution {
        if (shape == null || !(spread >= 0 && spread <= 3)) {
            throw new IllegalArgumentException("--duration-spread: must be 0-3");
        }
    }

    public static DurationDistribution lognormal(double spread, boolean perAccount) {
        return new DurationDistribution(Shape.LOGNORMAL, spread, perAccount);
    }

    static Shape parseShape(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "uniform" -> Shape.UNIFORM;
            case "lognormal" -> Shape.LOGNORMAL;
            default -> throw new IllegalArgumentException("--duration-distribution: must be uniform or lognormal, was '" + value + "'");
        };
    }

    static boolean parsePerAccount(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "account" -> true;
            case "job" -> false;
            default -> throw new IllegalArgumentException("--duration-spread-by: must be job or account, was '" + value + "'");
        };
    }

    /** The factor a job's duration is multiplied by: 1 for UNIFORM; seeded by the account or the job's own hash. */
    double factor(long seed, int accountIndex, long jobHash) {
        if (shape == Shape.UNIFORM || spread == 0) {
            return 1;
        }
        long h = perAccount ? Hashing.hash(seed, 131, accountIndex) : Hashing.mix(jobHash ^ 0x5deece66dL);
        return Math.exp(spread * standardNormal(h));
    }

    /** Box-Muller from two uniforms of one hash. */
    static double standardNormal(long h) {
        double u1 = 1 - Hashing.unit(h);
        double u2 = Hashing.unit(Hashing.mix(h));
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
