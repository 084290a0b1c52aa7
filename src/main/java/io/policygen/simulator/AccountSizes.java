package io.policygen.simulator;

import java.util.Arrays;

/**
 * How big and how busy each account is. Under {@code SKEWED} a few "large" accounts hold about twelve
 * times the principals of the others and write four times as many CloudTrail log files; under
 * {@code UNIFORM} every account is alike.
 */
final class AccountSizes {

    /** How much busier in CloudTrail a large account is than the others. */
    static final int BUSY_FACTOR = 4;

    private AccountSizes() {
    }

    /** Whether account {@code index} is one of the few large ones (never under UNIFORM). */
    static boolean large(SimulatorOptions options, int index) {
        int n = options.accounts();
        if (options.distribution() == SimulatorOptions.Distribution.UNIFORM) {
            return false;
        }
        return Hashing.unit(Hashing.hash(options.seed(), 21, index)) < 0.06
                || (n >= 3 && index == 1 + Hashing.below(Hashing.hash(options.seed(), 22), n - 1));
    }

    /** Principals per account: exact for UNIFORM; for SKEWED a few accounts weigh 12 times the others. */
    static int[] principalCounts(SimulatorOptions options) {
        int n = options.accounts();
        int[] counts = new int[n];
        if (options.distribution() == SimulatorOptions.Distribution.UNIFORM) {
            Arrays.fill(counts, options.principalsPerAccount());
            return counts;
        }
        long total = (long) n * options.principalsPerAccount();
        double[] weights = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            weights[i] = large(options, i) ? 12 : 0.5 + Hashing.unit(Hashing.hash(options.seed(), 23, i));
            sum += weights[i];
        }
        long assigned = 0;
        for (int i = 0; i < n; i++) {
            counts[i] = (int) Math.floor(total * weights[i] / sum);
            assigned += counts[i];
        }
        for (int i = 0; assigned < total; i = (i + 1) % n, assigned++) {
            counts[i]++;
        }
        return counts;
    }
}
