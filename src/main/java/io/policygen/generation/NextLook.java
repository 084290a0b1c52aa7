package io.policygen.generation;

import io.policygen.time.Ticker;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Waits until a running generation's next look. While the night's first generations are being learnt only the first
 * few (the scouts) plan their own looks; the others wait the longest, cut short when enough have been seen to end
 * ({@link DurationEstimator#knowsFirstLook()}), and look then: when thousands start at once, the scouts' ends tell
 * all the others when to look. A look planned on a {@link DurationForecast#provisional() provisional} forecast is
 * planned again when the forecast stands, and one planned while many generations like it were still running is made
 * early when enough of the scouts are seen to end.
 */
final class NextLook {

    /** How often a generation waiting blind looks whether another generation taught the estimator anything. */
    static final Duration KNOWLEDGE_CHECK = Duration.ofSeconds(1);
    /** The share of the generations running at a look that must be seen to end before the next look, in a wave. */
    private static final double ENDED_SINCE_LOOK = 0.5;

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
        if (forecast != null && !forecast.provisional() && !lastLooks && !schedule.knowsLooks(forecast)) {
            if (flight != null && flight.scout()) {
                control.sleep(schedule.scoutNext(elapsed(sentNanos), forecast));
            } else {
                awaitEnds(wait, sentNanos, window);
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
     * Many generations like it are still running (the night's first wave, woken by the scouts' first ends, or looked at
     * and found running): past the share that has ended, the schedule waits a quarter of the time waited. The ends seen
     * meanwhile by the scouts (they look often, so their ends are seen when they happen; the others' only when they
     * look) tell when this one has likely ended too: it looks as soon as half of the scouts that had run as long as it
     * had at this look have been seen to end within the time it has run now, or at the planned time if that comes
     * first. A quarter on was 3 s to 4 s past the ends of 15-second generations in the first wave of the uniform case,
     * 7 s past 30-second ones in the scale run's.
     */
    private void awaitEnds(Duration wait, long sentNanos, Duration window) throws InterruptedException {
        Duration atLook = elapsed(sentNanos);
        newsWithin(wait, () -> estimator.scoutsEndedSince(atLook, elapsed(sentNanos), window) >= ENDED_SINCE_LOOK ? Boolean.TRUE : null);
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
