package io.policygen.generation;

import java.time.Duration;

/**
 * When to look at a running generation next, from how long it has run and its {@link DurationForecast}: where 45%,
 * 75% and 92% of generations like it have ended and at the longest seen, after the first look never more than a
 * quarter later than the time already waited (so that a wide forecast, an account not seen yet, is looked at in steps
 * that grow with the wait); past the longest, backing off from it (1 s, 2 s, 4 s past it ...) up to a tenth of the
 * time waited. Where fewer generations like it have ended than a look needs (the night's first, most still running),
 * first at the shortest seen, then a quarter of the time waited; while nothing is known, a quarter of the time waited.
 * That is how the night's first few generations (the scouts) look, past the shortest seen every tenth of the time
 * waited ({@link #scoutNext}); until they have seen enough end, the others wait the maximum, cut short by the tracker
 * when they have ({@link DurationEstimator#knowsFirstLook()}). A provisional
 * forecast (an account much faster than the organization, whose own forecast cannot be weighed yet) is also looked at
 * where the account's own generations ended, then in steps of a tenth of the time waited. The slot's last generation
 * of the run (nothing is started after it) is looked at where 92% of generations like it have ended and at the
 * longest seen, once or twice: its end is late for nobody, as no start waits for it.
 * <p>
 * Why: each look costs an Access Analyzer call; each second between a generation's end and the look that sees it is a
 * second of the slot's day lost. Where durations are known to within a few percent, these looks see a generation
 * ended at the first or second look nine times in ten (under 3 calls a generation with its start), a few percent of
 * its time after its end. Every wait is at least {@code min}, and at most {@code max} once the shortest duration seen
 * has passed; until then (the first look) as long as the forecast says.
 */
public record PollSchedule(Duration min, Duration max) {

    private static final double[] LOOKS = {0.45, 0.75, 0.92, 1.0};
    private static final double[] LAST_LOOKS = {0.92, 1.0};
    /** How much later than the time waited the next look after the first may be. */
    private static final double STEP = 1.25;

    /** As a scout looks: see {@link #next(Duration, DurationForecast, boolean)}. */
    public Duration next(Duration elapsed, DurationForecast forecast) {
        return next(elapsed, forecast, true);
    }

    /**
     * @param elapsed  how long the generation has run since it was sent
     * @param forecast how long it is likely to take, or null while nothing is known
     * @param ownLooks true to plan its own looks, false to wait the maximum (a generation that is not a scout while
     *                 the scouts have not seen enough end: the tracker cuts that wait short when they have)
     */
    public Duration next(Duration elapsed, DurationForecast forecast, boolean ownLooks) {
        return next(elapsed, forecast, ownLooks, false);
    }

    /**
     * @param last true for the slot's last generation of the run: no start waits for its end, so it is looked at
     *             late and seldom (its Access Analyzer calls are spared for the generations whose end another start
     *             waits for)
     */
    public Duration next(Duration elapsed, DurationForecast forecast, boolean ownLooks, boolean last) {
        if (!ownLooks) {
            return max;
        }
        if (forecast == null) {
            return clamp(elapsed.dividedBy(4));
        }
        if (last) {
            return lastLooks(elapsed, forecast);
        }
        Duration planned = planned(elapsed, forecast);
        if (!forecast.provisional()) {
            return planned;
        }
        // an account faster than most, its own errors not known yet: where its own generations ended, then in steps of
        // a tenth of the wait, unless the organization's forecast looks first
        Duration own = elapsed.compareTo(forecast.ownEnd()) < 0 ? atLeastMin(forecast.ownEnd().minus(elapsed))
                : clamp(elapsed.dividedBy(10));
        return own.compareTo(planned) < 0 ? own : planned;
    }

    /**
     * Whether enough generations like it have ended for all its looks but the last to go where they end; past the
     * share that has ended, a look goes a quarter of the time waited on.
     */
    boolean knowsLooks(DurationForecast forecast) {
        return forecast.reaches(LOOKS[LOOKS.length - 2]);
    }

    /**
     * A scout's next look while many like it are still running: past the shortest seen, a tenth of the time waited on
     * (not a quarter), so that the others, waiting for the scouts' ends, learn of them within a few percent of their
     * time.
     */
    Duration scoutNext(Duration elapsed, DurationForecast forecast) {
        Duration planned = next(elapsed, forecast);
        if (elapsed.compareTo(forecast.quantile(0)) < 0) {
            return planned;
        }
        Duration tenth = clamp(elapsed.dividedBy(10));
        return tenth.compareTo(planned) < 0 ? tenth : planned;
    }

    private Duration planned(Duration elapsed, DurationForecast forecast) {
        Duration shortest = forecast.quantile(0);
        if (!forecast.reaches(LOOKS[0])) {
            // most generations like it are still running (the night's first): their ends are not known yet, but none
            // ended before the shortest seen, so the first look is there, and a quarter of the time waited after it
            return elapsed.compareTo(shortest) < 0 ? clamp(shortest.minus(elapsed)) : clamp(elapsed.dividedBy(4));
        }
        Duration firstLook = forecast.quantile(LOOKS[0]);
        Duration stepped = scaled(elapsed, STEP);
        Duration latest = stepped.compareTo(firstLook) > 0 ? stepped : firstLook;
        // nothing like it ended before the shortest seen: until then the wait is as long as the forecast says
        boolean beforeAnyEnd = elapsed.compareTo(shortest) < 0;
        for (double share : LOOKS) {
            if (!forecast.reaches(share)) {
                return clamp(latest.minus(elapsed));
            }
            Duration look = forecast.quantile(share);
            Duration wait = (look.compareTo(latest) < 0 ? look : latest).minus(elapsed);
            // a look due within half the minimum is the one being made now
            if (wait.compareTo(min.dividedBy(2)) >= 0) {
                return beforeAnyEnd ? atLeastMin(wait) : clamp(wait);
            }
        }
        return pastTheLongest(elapsed, forecast);
    }

    /** Where 92% have ended and at the longest; a share not reached yet is the longest known, ended or running. */
    private Duration lastLooks(Duration elapsed, DurationForecast forecast) {
        boolean beforeAnyEnd = elapsed.compareTo(forecast.quantile(0)) < 0;
        for (double share : LAST_LOOKS) {
            Duration wait = forecast.quantile(share).minus(elapsed);
            if (wait.compareTo(min.dividedBy(2)) >= 0) {
                return beforeAnyEnd ? atLeastMin(wait) : clamp(wait);
            }
        }
        return pastTheLongest(elapsed, forecast);
    }

    /** Backing off from the longest seen (1 s, 2 s, 4 s past it ...) up to a tenth of the time waited. */
    private Duration pastTheLongest(Duration elapsed, DurationForecast forecast) {
        Duration pastLongest = elapsed.minus(forecast.quantile(1));
        Duration tenth = elapsed.dividedBy(10);
        return clamp(pastLongest.compareTo(tenth) < 0 ? pastLongest : tenth);
    }

    private static Duration scaled(Duration duration, double factor) {
        return Duration.ofNanos((long) (duration.toNanos() * factor));
    }

    private Duration atLeastMin(Duration wait) {
        return wait.compareTo(min) < 0 ? min : wait;
    }

    private Duration clamp(Duration wait) {
        Duration atLeast = atLeastMin(wait);
        return atLeast.compareTo(max) > 0 ? max : atLeast;
    }
}
