package io.policygen.generation;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long generations take, learnt from those that succeeded, so that the tracker polls where a generation is likely
 * to have ended instead of many times before.
 * <p>
 * What it learns, and why: a generation's time is the time Access Analyzer takes to read the account's CloudTrail log
 * files over the requested window, so it learns a <em>rate</em>, seconds per day of window, <em>per account</em>: an
 * account with heavy CloudTrail is slow for all its principals, and a window halved for the log-file limit halves the
 * time. Not per Region (every generation Region reads the same trail), not per principal or principal type (the files
 * read are the account's, whoever's activity is in them). An account's rate is the running mean of the logarithm of
 * its rates (an exponentially weighted one past five). Accounts it has not seen yet are forecast from the organization's
 * recent rates. The spread of an account's forecast is that of the errors its predictions made lately (all accounts
 * together); it is used only while it is narrower than the organization's spread: when accounts do not differ (a
 * uniform jitter), one account's few generations predict worse than the whole organization's many.
 * <p>
 * It starts from what earlier runs saw ({@code history}, read once, on first use): a night does not begin blind.
 */
public final class DurationEstimator {

    /** One finished generation: its account, its window and how long AWS says it took. */
    public record Observation(String accountId, Duration window, Duration took) {
    }

    private static final Logger log = LoggerFactory.getLogger(DurationEstimator.class);
    private static final int SAMPLES = 256;
    private static final int MIN_ERRORS = 8;
    private static final double ACCOUNT_WEIGHT = 0.2;

    private final Supplier<List<Observation>> history;
    private boolean historyRead;
    private final Samples rates = new Samples(SAMPLES);
    private final Samples accountErrors = new Samples(SAMPLES);
    private final Map<String, AccountRate> accounts = new HashMap<>();

    private record AccountRate(double logRate, int count) {
        AccountRate add(double rate) {
            return new AccountRate(logRate + Math.max(1.0 / (count + 1), ACCOUNT_WEIGHT) * (rate - logRate), count + 1);
        }
    }

    public DurationEstimator(Supplier<List<Observation>> history) {
        this.history = history;
    }

    /** With nothing learnt before. */
    public DurationEstimator() {
        this(List::of);
    }

    public synchronized void observe(Observation observation) {
        readHistory();
        learn(observation);
    }

    /** The likely durations of a generation of the account over this window, or null while nothing was learnt. */
    public synchronized DurationForecast forecast(String accountId, Duration window) {
        readHistory();
        if (rates.isEmpty()) {
            return null;
        }
        double logDays = Math.log(days(window));
        AccountRate account = accounts.get(accountId);
        if (account != null && accountErrors.size() >= MIN_ERRORS && accountErrors.spread() < rates.spread()) {
            return new DurationForecast(logDays + account.logRate(), accountErrors.sorted());
        }
        return new DurationForecast(logDays, rates.sorted());
    }

    private void learn(Observation observation) {
        double seconds = observation.took().toNanos() / 1e9;
        if (seconds <= 0) {
            return;
        }
        double rate = Math.log(seconds / days(observation.window()));
        AccountRate account = accounts.get(observation.accountId());
        if (account != null) {
            accountErrors.add(rate - account.logRate());
        }
        accounts.put(observation.accountId(), account == null ? new AccountRate(rate, 1) : account.add(rate));
        rates.add(rate);
    }

    private void readHistory() {
        if (historyRead) {
            return;
        }
        historyRead = true;
        try {
            List<Observation> past = history.get();
            past.forEach(this::learn);
            log.info("event=durations-learnt generations={} accounts={}", past.size(), accounts.size());
        } catch (RuntimeException e) {
            log.warn("event=durations-not-learnt message=\"{}\"", e.getMessage());
        }
    }

    /** The window in days, at least a minute's worth (a window is days long; a zero one would divide by zero). */
    private static double days(Duration window) {
        return Math.max(window.toSeconds(), 60) / 86_400.0;
    }

    /** The last {@code capacity} values, and their sorted copy, made again only after a change. */
    private static final class Samples {
        private final double[] values;
        private int size;
        private int next;
        private double[] sorted;

        Samples(int capacity) {
            values = new double[capacity];
        }

        void add(double value) {
            values[next] = value;
            next = (next + 1) % values.length;
            size = Math.min(size + 1, values.length);
            sorted = null;
        }

        boolean isEmpty() {
            return size == 0;
        }

        int size() {
            return size;
        }

        double[] sorted() {
            if (sorted == null) {
                sorted = Arrays.copyOf(values, size);
                Arrays.sort(sorted);
            }
            return sorted;
        }

        /** From the 10th to the 90th percentile. */
        double spread() {
            double[] s = sorted();
            return s[(int) (0.9 * (s.length - 1))] - s[(int) (0.1 * (s.length - 1))];
        }
    }
}
