package io.policygen.generation;

import io.policygen.time.Ticker;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Waits until a running generation's next look. While the night's first generations are being learnt only the first
 * few (the scouts) plan their own looks; the others wait the longest, cut short when enough have been seen to end
 * ({@link DurationEstimator#knowsFirstLook()}), and look then: when thousands start at once, the scouts' ends tell
 * all the others when to look. A look planned on a {@link DurationForecast#provisional() provisional} forecast is
 * planned again when the forecast stands.
 */
final class NextLook {

    /** How often a generation waiting blind looks whether another generation taught the estimator anything. */
    static final Duration KNOWLEDGE_CHECK = Duration.ofSeconds(1);

    private final PollSchedule schedule;
    private final DurationEstimator estimator;
    private final SlotControl control;
    private final Ticker ticker;

    NextLook(PollSchedule schedule, DurationEstimator estimator, SlotControl control, Ticker ticker) {
        this.schedule = schedule;
        this.estimator = estimator;
        this.control = control;
        this.ticker = ticker;
    }

    /**
     * @param sentNanos when the generation was sent, on the ticker
     * @param flight    the estimator's record of it, null for one an earlier run started (it plans its own looks)
     * @param last      whether the slot starts nothing after it: then it is looked at late and seldom, unless it is a
     *                  scout (the others wait for the scouts' ends)
     */
    void await(long sentNanos, String accountId, Duration window, DurationEstimator.Flight flight, boolean last)
            throws InterruptedException {
        boolean ownLooks = flight == null || flight.scout() || estimator.knowsFirstLook();
        boolean lastLooks = last && (flight == null || !flight.scout());
        DurationForecast forecast = estimator.forecast(accountId, window);
        Duration wait = schedule.next(elapsed(sentNanos), forecast, ownLooks, lastLooks);
        if (!ownLooks) {
            DurationForecast learnt = newsWithin(wait, () -> estimator.knowsFirstLook() ? estimator.forecast(accountId, window) : null);
            // at once if it has run as long as the shortest seen, else then: where starts spread over seconds
            // (thousands of slots), the late ones do not all look together at what cannot have ended yet
            Duration early = learnt == null ? Duration.ZERO
                    : lastLooks ? schedule.next(elapsed(sentNanos), learnt, true, true)
                    : learnt.quantile(0).minus(elapsed(sentNanos));
            if (early.isPositive()) {
                control.sleep(early);
            }
            return;
        }
        if (forecast != null && forecast.provisional() && !lastLooks) {
            // planned again once the forecast stands: on a first night where accounts differ, a fast account's second
            // generation would otherwise be looked at where the organization's generations end, long after its own
            DurationForecast standing = newsWithin(wait, () -> {
                DurationForecast now = estimator.forecast(accountId, window);
                return now == null || now.provisional() ? null : now;
            });
            if (standing != null) {
                control.sleep(schedule.next(elapsed(sentNanos), standing));
            }
            return;
        }
        control.sleep(wait);
    }

    /**
     * Waits {@code wait}, asking for news every {@link #KNOWLEDGE_CHECK}: the first that is not null, as soon as there
     * is, or null at the end of the wait or at a stop.
     */
    private <T> T newsWithin(Duration wait, Supplier<T> news) throws InterruptedException {
        long until = ticker.nanos() + wait.toNanos();
        for (long left = wait.toNanos(); left > 0; left = until - ticker.nanos()) {
            control.sleep(Duration.ofNanos(Math.min(left, KNOWLEDGE_CHECK.toNanos())));
            if (control.stopRequested()) {
                return null;
            }
            T found = news.get();
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private Duration elapsed(long sentNanos) {
        return Duration.ofNanos(ticker.nanos() - sentNanos);
    }
}
