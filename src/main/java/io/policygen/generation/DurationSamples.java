package io.policygen.generation;

import java.util.Arrays;

/**
 * A sample of generations by their start: each one ended (its value) or still running (at least as long as it has run
 * so far), and their distribution by the Kaplan-Meier estimator, which counts a running generation as one that lasts
 * at least that long. Counting only the ended ones would be wrong at the start of a night: when thousands of slots
 * start at once, the first generations to end are the shortest, and the next ones would be forecast far too short.
 * <p>
 * Values are natural logarithms. Once full, a new start takes the place of the oldest running one, or of the oldest.
 */
final class DurationSamples {

    private static final double RUNNING = Double.NaN;
    /**
     * How long a distribution serves unless the sample changed: a running generation's least duration grows with the
     * time, but by a tenth of a second, against durations of seconds. At ten thousand slots, every look asked for the
     * distribution again (1,024 values sorted, under the estimator's lock): an eighth of the job's CPU while the
     * night's second generations started (profile of the scale run, docs/benchmarks.md).
     */
    static final long FRESH_NANOS = 100_000_000L;

    private final double[] values;
    /** For a running one: when it started, and what its value will be less the log of its time in seconds. */
    private final long[] startNanos;
    private final double[] offsets;
    private final long[] ids;
    private final boolean[] kept;
    private int next;
    private int size;
    private long nextId = 1;
    private long changes;
    private Distribution last;
    private long lastChanges = -1;
    private long lastNanos;

    /** One start in the sample: where it is, and its id there (a place is reused once the sample is full). */
    record Entry(int index, long id) {
    }

    DurationSamples(int capacity) {
        values = new double[capacity];
        startNanos = new long[capacity];
        offsets = new double[capacity];
        ids = new long[capacity];
        kept = new boolean[capacity];
    }

    /** A generation that started; {@code offset}: its value will be {@code ln(seconds) + offset}. */
    Entry start(long nanos, double offset) {
        return start(nanos, offset, false);
    }

    /** The same; {@code kept}: its place is not given to a later start while it runs (a scout's: its end is awaited). */
    Entry start(long nanos, double offset, boolean kept) {
        Entry entry = place();
        changes++;
        this.kept[entry.index()] = kept;
        values[entry.index()] = RUNNING;
        startNanos[entry.index()] = nanos;
        offsets[entry.index()] = offset;
        return entry;
    }

    /** A generation known to have ended with this value (an earlier run's). */
    void add(double value) {
        Entry entry = place();
        changes++;
        kept[entry.index()] = false;
        values[entry.index()] = value;
    }

    void end(Entry entry, double value) {
        if (ids[entry.index()] == entry.id()) {
            changes++;
            values[entry.index()] = value;
        }
    }

    /** It ended without a duration worth learning (failed, cancelled, abandoned): it leaves the sample. */
    void drop(Entry entry) {
        if (ids[entry.index()] == entry.id()) {
            changes++;
            ids[entry.index()] = 0;
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    private Entry place() {
        if (size == values.length) {
            next = oldestUnknown();
        }
        Entry entry = new Entry(next, nextId++);
        ids[next] = entry.id();
        next = (next + 1) % values.length;
        size = Math.min(size + 1, values.length);
        return entry;
    }

    /**
     * Where a start goes in a full sample: the oldest place of one dropped or still running (but not kept), else the
     * oldest. When thousands start at once they take each other's places, not those of the durations already learnt
     * nor of the scouts whose ends the others' looks are planned on.
     */
    private int oldestUnknown() {
        for (int i = 0; i < values.length; i++) {
            int place = (next + i) % values.length;
            if (ids[place] == 0 || Double.isNaN(values[place]) && !kept[place]) {
                return place;
            }
        }
        return next;
    }

    /**
     * The Kaplan-Meier distribution now: ended values ascending with their cumulative shares, and the longest running;
     * the one computed last while nothing changed and it is less than {@link #FRESH_NANOS} old.
     */
    Distribution distribution(long nowNanos) {
        if (lastChanges != changes || nowNanos - lastNanos < 0 || nowNanos - lastNanos >= FRESH_NANOS) {
            last = compute(nowNanos);
            lastChanges = changes;
            lastNanos = nowNanos;
        }
        return last;
    }

    private Distribution compute(long nowNanos) {
        double[] ended = new double[size];
        double[] running = new double[size];
        int endedCount = 0;
        int runningCount = 0;
        for (int i = 0; i < size; i++) {
            if (ids[i] == 0) {
                continue;
            }
            if (Double.isNaN(values[i])) {
                double seconds = Math.max(nowNanos - startNanos[i], 1_000_000L) / 1e9;
                running[runningCount++] = Math.log(seconds) + offsets[i];
            } else {
                ended[endedCount++] = values[i];
            }
        }
        Arrays.sort(ended, 0, endedCount);
        Arrays.sort(running, 0, runningCount);
        // Kaplan-Meier: walk both in ascending order; at equal values, ended first (one running at t was still at risk)
        double[] shares = new double[endedCount];
        double survival = 1;
        int atRisk = endedCount + runningCount;
        int r = 0;
        for (int e = 0; e < endedCount; e++) {
            while (r < runningCount && running[r] < ended[e]) {
                r++;
                atRisk--;
            }
            survival *= 1 - 1.0 / atRisk;
            atRisk--;
            shares[e] = 1 - survival;
        }
        return new Distribution(Arrays.copyOf(ended, endedCount), shares,
                runningCount == 0 ? Double.NEGATIVE_INFINITY : running[runningCount - 1]);
    }

    /** The distribution of ended values; {@code atLeast} the longest running (negative infinity when none). */
    record Distribution(double[] ended, double[] shares, double atLeast) {

        boolean known() {
            return ended.length > 0;
        }

        /** The share of generations ended by the longest ended value: 1 when none is still running past it. */
        double reach() {
            return shares.length == 0 ? 0 : shares[shares.length - 1];
        }

        /** The share of generations that ended within this value (0 before the shortest; the reach past the longest). */
        double shareWithin(double value) {
            int low = 0;
            int high = ended.length; // the first ended past the value is in [low, high]
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (ended[middle] <= value) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            return low == 0 ? 0 : shares[low - 1];
        }

        /**
         * Of the generations that ran at least {@code before}, the share that ended within {@code now}; 1 where all
         * ended within {@code before} (one still running has run longer than any).
         */
        double endedSince(double before, double now) {
            double endedBefore = shareWithin(before);
            return endedBefore >= 1 ? 1 : (shareWithin(now) - endedBefore) / (1 - endedBefore);
        }

        /** The value this share of generations ended within, or the longest known when the share is beyond reach. */
        double quantile(double share) {
            if (share > reach()) {
                return Math.max(ended[ended.length - 1], atLeast);
            }
            int i = 0;
            while (shares[i] < share) {
                i++;
            }
            if (i == 0) {
                return ended[0];
            }
            double below = shares[i - 1];
            return ended[i - 1] + (ended[i] - ended[i - 1]) * (share - below) / (shares[i] - below);
        }

        /** From the 10th percentile to this one; infinite while it is beyond reach. */
        double spread(double upTo) {
            return reach() < upTo ? Double.POSITIVE_INFINITY : quantile(upTo) - quantile(0.1);
        }
    }
}
