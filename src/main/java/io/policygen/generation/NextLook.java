package io.policygen.generation;

import io.policygen.time.Ticker;
import java.time.Duration;

/**
 * Waits until a running generation's next look. While the night's first generations are being learnt only the first
 * few (the scouts) plan their own looks; the others wait the longest, cut short when enough have been seen to end
 * ({@link DurationEstimator#knowsFirstLook()}), and look then: when thousands start at once, the scouts' ends tell
 * all the others when to look.
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
     */
    void await(long sentNanos, String accountId, Duration window, DurationEstimator.Flight flight) throws InterruptedException {
        Duration elapsed = Duration.ofNanos(ticker.nanos() - sentNanos);
        boolean ownLooks = flight == null || flight.scout() || estimator.knowsFirstLook();
        Duration wait = schedule.next(elapsed, estimator.forecast(accountId, window), ownLooks);
        if (ownLooks) {
            control.sleep(wait);
            return;
        }
        long until = ticker.nanos() + wait.toNanos();
        for (long left = wait.toNanos(); left > 0; left = until - ticker.nanos()) {
            control.sleep(Duration.ofNanos(Math.min(left, KNOWLEDGE_CHECK.toNanos())));
            if (control.stopRequested()) {
                return;
            }
            if (estimator.knowsFirstLook()) {
                // at once if it has run as long as the shortest seen, else then: where starts spread over seconds
                // (thousands of slots), the late ones do not all look together at what cannot have ended yet
                DurationForecast forecast = estimator.forecast(accountId, window);
                Duration early = forecast == null ? Duration.ZERO
                        : forecast.quantile(0).minus(Duration.ofNanos(ticker.nanos() - sentNanos));
                if (early.isPositive()) {
                    control.sleep(early);
                }
                return;
            }
        }
    }
}
