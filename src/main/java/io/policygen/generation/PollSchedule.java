package io.policygen.generation;

import java.time.Duration;

/**
 * When to look at a running generation next, from how long it has run and what the learnt durations say: a first
 * poll a deviation before the expected end, then steps of a deviation up to two deviations past it (at most four
 * polls there); past that, or while nothing is known, backing off in proportion to the time already waited (a
 * tenth, or a quarter while nothing is known). Every wait is at least {@code min}; the backing-off ones and the
 * steps around the end at most {@code max}, while the wait for the first poll is as long as the learnt durations say.
 */
public record PollSchedule(Duration min, Duration max) {

    /**
     * @param elapsed   how long the generation has run since it was sent
     * @param expected  the learnt duration, or null while none is known
     * @param deviation how far durations typically fall from it
     */
    public Duration next(Duration elapsed, Duration expected, Duration deviation) {
        if (expected == null) {
            return clamp(elapsed.dividedBy(4));
        }
        Duration firstPoll = expected.minus(deviation);
        if (elapsed.compareTo(firstPoll) < 0) {
            Duration wait = firstPoll.minus(elapsed);
            return wait.compareTo(min) < 0 ? min : wait;
        }
        if (elapsed.compareTo(expected.plus(deviation.multipliedBy(2))) < 0) {
            return clamp(deviation);
        }
        return clamp(elapsed.dividedBy(10));
    }

    private Duration clamp(Duration wait) {
        if (wait.compareTo(min) < 0) {
            return min;
        }
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
