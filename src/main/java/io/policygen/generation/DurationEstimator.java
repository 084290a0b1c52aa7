package io.policygen.generation;

import io.policygen.log.LogEvent;
import io.policygen.time.Ticker;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long generations take, learnt from those that succeeded and from those still running, so that the tracker looks
 * where a generation is likely to have ended instead of many times before.
 * <p>
 * What it learns, and why: a generation's time is the time Access Analyzer takes to read the account's CloudTrail log
 * files over the requested window, so it learns a <em>rate</em>, seconds per day of window, <em>per account</em>: an
 * account with heavy CloudTrail is slow for all its principals, and a window halved for the log-file limit halves the
 * time. Not per Region (every generation Region reads the same trail), not per principal or principal type (the files
 * read are the account's, whoever's activity is in them). An account's rate is the running mean of the logarithm of
 * its rates (exponentially weighted past five). An account not seen yet is forecast from the organization's rates. An
 * account's forecast spreads as the errors its predictions made lately (all accounts together); it is used only while
 * that spread is narrower than the organization's (compared as far as both samples have seen generations end, from
 * half of each), and once 30 predictions have ended: when accounts do not differ (a uniform jitter), one account's few
 * generations predict worse than the whole organization's many. Until they can be compared, the organization's
 * forecast for an account much faster than its median is provisional: a fast account's second generation of a first
 * night is looked at where its first ended, and planned again when its own forecast is known, not where the
 * organization's end.
 * <p>
 * Both samples are of generations by their start ({@link DurationSamples}), the running ones counted as lasting at
 * least as long as they have run, so that a night's first, shortest generations to end do not make the next ones look
 * short. It starts from what earlier runs saw ({@code history}, read once, on first use).
 */
public final class DurationEstimator {

    /** One finished generation: its account, its window and how long AWS says it took. */
    public record Observation(String accountId, Duration window, Duration took) {
    }

    /** A generation being followed: what it will be learnt as when it ends. */
    public static final class Flight {
        private final String accountId;
        private final double logDays;
        private final DurationSamples.Entry organization;
        private final DurationSamples.Entry account;
        private final DurationSamples.Entry scoutEntry;
        private final double predicted;

        private Flight(String accountId, double logDays, DurationSamples.Entry organization, DurationSamples.Entry account,
                       DurationSamples.Entry scoutEntry, double predicted) {
            this.accountId = accountId;
            this.logDays = logDays;
            this.organization = organization;
            this.account = account;
            this.scoutEntry = scoutEntry;
            this.predicted = predicted;
        }

        /** One of the night's first generations: while nothing is known, it looks often, for all. */
        public boolean scout() {
            return scoutEntry != null;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(DurationEstimator.class);
    private static final int SAMPLES = 1024;
    /** Starts sampled while this many generations run; past it, this many in every so many starts. */
    private static final int SAMPLED_WHILE_RUNNING = 512;
    private static final double ACCOUNT_WEIGHT = 0.2;
    /** Generations that look often while nothing is known (the night's first ones). */
    private static final int SCOUTS = 32;
    /** Below this share of the organization's sample ended, the scouts' sample forecasts if it has seen more end. */
    private static final double SCOUTED_REACH = 0.45;
    /**
     * Generations seen to end, and the share of the sample they are, before those that are not scouts plan their own
     * looks. On a first night the three setup canaries end before the others start; looks planned on their three
     * durations came early, or past the longest of them backed off: 3.8 calls for an account's first generation of
     * the night, 2.7 for its others. Waiting for a first look's share (45%) kept the generations of fast accounts
     * waiting where accounts differ (tail-account, night 1: utilization 0.87 against 0.90); a quarter does not.
     */
    private static final int FIRST_LOOK_ENDS = 8;
    private static final double FIRST_LOOK_REACH = 0.25;

    private final Supplier<List<Observation>> history;
    private final Ticker ticker;
    private boolean historyRead;
    private final DurationSamples rates = new DurationSamples(SAMPLES);
    private final DurationSamples accountErrors = new DurationSamples(SAMPLES);
    /**
     * The scouts' own rates. While most of the night's generations still look to be running, the scouts are the ones
     * whose ends are seen when they happen (the others look seldom, so their "still running" is only unseen): a fair
     * sample of the night's durations before the organization's sample has seen enough of them end.
     */
    private final DurationSamples scouts = new DurationSamples(SCOUTS);
    private final Map<String, AccountRate> accounts = new HashMap<>();
    private int running;
    private long starts;
    private volatile boolean knowsFirstLook;

    private record AccountRate(double logRate, int count) {
        AccountRate add(double rate) {
            return new AccountRate(logRate + Math.max(1.0 / (count + 1), ACCOUNT_WEIGHT) * (rate - logRate), count + 1);
        }
    }

    public DurationEstimator(Supplier<List<Observation>> history, Ticker ticker) {
        this.history = history;
        this.ticker = ticker;
    }

    /** With nothing learnt before. */
    public DurationEstimator(Ticker ticker) {
        this(List::of, ticker);
    }

    /** A generation is followed from now; a share of starts is sampled while thousands run, so the sample spans them. */
    public synchronized Flight started(String accountId, Duration window) {
        readHistory();
        double logDays = Math.log(days(window));
        AccountRate account = accounts.get(accountId);
        running++;
        long every = Math.max(1, running / SAMPLED_WHILE_RUNNING);
        boolean sampled = starts++ % every == 0;
        long now = ticker.nanos();
        boolean scout = starts <= SCOUTS;
        DurationSamples.Entry inOrganization = sampled || scout ? rates.start(now, -logDays, scout) : null;
        DurationSamples.Entry inAccount = sampled && account != null ? accountErrors.start(now, -logDays - account.logRate()) : null;
        DurationSamples.Entry asScout = scout ? scouts.start(now, -logDays) : null;
        return new Flight(accountId, logDays, inOrganization, inAccount, asScout, account == null ? Double.NaN : account.logRate());
    }

    /** It ended: {@code took} how long AWS says a successful one took, null for one that failed or was abandoned. */
    public synchronized void ended(Flight flight, Duration took) {
        running = Math.max(0, running - 1);
        double seconds = took == null ? 0 : took.toNanos() / 1e9;
        if (seconds <= 0) {
            drop(flight.organization, rates);
            drop(flight.account, accountErrors);
            drop(flight.scoutEntry, scouts);
            return;
        }
        double rate = Math.log(seconds) - flight.logDays;
        if (flight.organization != null) {
            rates.end(flight.organization, rate);
        }
        if (flight.account != null) {
            accountErrors.end(flight.account, rate - flight.predicted);
        }
        if (flight.scoutEntry != null) {
            scouts.end(flight.scoutEntry, rate);
        }
        if (!knowsFirstLook) {
            knowsFirstLook = firstLook(rates) || firstLook(scouts);
        }
        accounts.merge(flight.accountId, new AccountRate(rate, 1), (old, unused) -> old.add(rate));
    }

    /**
     * Whether the generations that are not scouts may plan their own looks: once the organization's or the scouts'
     * sample has seen eight generations end, and a quarter of it. Until then they wait, and look when it turns true.
     */
    public boolean knowsFirstLook() {
        return knowsFirstLook;
    }

    /** A generation that ended, learnt at once (earlier runs' and tests'). */
    public synchronized void observe(Observation observation) {
        readHistory();
        learn(observation);
        knowsFirstLook = knowsFirstLook || firstLook(rates);
    }

    /** The likely durations of a generation of the account over this window, or null while nothing was learnt. */
    public synchronized DurationForecast forecast(String accountId, Duration window) {
        readHistory();
        long now = ticker.nanos();
        DurationSamples.Distribution organization = rates.distribution(now);
        if (!organization.known()) {
            return null;
        }
        if (organization.reach() < SCOUTED_REACH) {
            DurationSamples.Distribution scouted = scouts.distribution(now);
            if (scouted.reach() > organization.reach()) {
                organization = scouted;
            }
        }
        double logDays = Math.log(days(window));
        AccountRate account = accounts.get(accountId);
        if (account != null) {
            return AccountForecast.of(logDays, account.logRate(), accountErrors.distribution(now), organization);
        }
        return new DurationForecast(logDays, organization);
    }

    /** Of the scouts that ran at least {@code before}, the share seen to end within {@code now} (they look often). */
    public synchronized double scoutsEndedSince(Duration before, Duration now, Duration window) {
        return scouts.distribution(ticker.nanos()).endedSince(logRate(before, window), logRate(now, window));
    }

    private void learn(Observation observation) {
        if (!observation.took().isPositive()) {
            return;
        }
        double rate = logRate(observation.took(), observation.window());
        AccountRate account = accounts.get(observation.accountId());
        if (account != null) {
            accountErrors.add(rate - account.logRate());
        }
        accounts.put(observation.accountId(), account == null ? new AccountRate(rate, 1) : account.add(rate));
        rates.add(rate);
    }

    private boolean firstLook(DurationSamples samples) {
        DurationSamples.Distribution distribution = samples.distribution(ticker.nanos());
        return distribution.ended().length >= FIRST_LOOK_ENDS && distribution.reach() >= FIRST_LOOK_REACH;
    }

    private static void drop(DurationSamples.Entry entry, DurationSamples samples) {
        if (entry != null) {
            samples.drop(entry);
        }
    }

    private void readHistory() {
        if (historyRead) {
            return;
        }
        historyRead = true;
        try {
            List<Observation> past = history.get();
            past.forEach(this::learn);
            knowsFirstLook = firstLook(rates);
            LogEvent.info(log, "durations-learnt").with("generations", past.size()).with("accounts", accounts.size()).log();
        } catch (RuntimeException e) {
            LogEvent.warn(log, "durations-not-learnt").quoted("detail", e.getMessage()).log();
        }
    }

    private static double logRate(Duration took, Duration window) {
        return Math.log(Math.max(took.toNanos(), 1) / 1e9 / days(window));
    }

    /** The window in days, at least a minute's worth (a window is days long; a zero one would divide by zero). */
    private static double days(Duration window) {
        return Math.max(window.toSeconds(), 60) / 86_400.0;
    }
}
