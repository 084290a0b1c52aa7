package io.policygen.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.policygen.testsupport.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A generation's wait for its next look, on the night's first minute: one that is not a scout waits blind until the
 * scouts have seen enough end, then looks at once if it has run as long as the shortest seen, else when it has; one
 * planned on a provisional forecast is planned again when the forecast stands. On a manual ticker; nothing sleeps.
 */
class NextLookTest {

    private static final Duration WINDOW = Duration.ofDays(30);
    private static final Duration POLL_MAX = Duration.ofMinutes(1);
    private static final Duration SCOUTS_TOOK = Duration.ofSeconds(13);

    private final ManualClock ticker = new ManualClock(Instant.parse("2026-03-02T01:00:00Z"));
    private final Instant night = ticker.instant();
    private final long nightNanos = ticker.nanos();
    private final DurationEstimator estimator = new DurationEstimator(ticker);
    private final ManualSlotControl control = new ManualSlotControl(ticker);
    private final NextLook nextLook = new NextLook(new PollSchedule(Duration.ofSeconds(1), POLL_MAX), estimator, control, ticker);
    private final List<DurationEstimator.Flight> flights = new ArrayList<>();

    @BeforeEach
    void startTheNight() {
        for (int i = 0; i < 300; i++) {
            flights.add(estimator.started(String.format("1111222%05d", i), WINDOW));
        }
        assertThat(flights.get(100).scout()).isFalse();
    }

    @Test
    void shouldLookAtOnceWhenTheScoutsHaveSeenEnoughEndIfItRanAsLongAsTheShortest() throws InterruptedException {
        control.at(night.plus(SCOUTS_TOOK), this::nineScoutsEnd);

        nextLook.await(nightNanos, "111122200100", WINDOW, flights.get(100), false);

        assertThat(elapsed()).isEqualTo(SCOUTS_TOOK);
        assertThat(control.sleeps).allMatch(sleep -> sleep.compareTo(NextLook.KNOWLEDGE_CHECK) <= 0);
    }

    @Test
    void shouldWaitUntilItHasRunAsLongAsTheShortestSeenIfItStartedLate() throws InterruptedException {
        ticker.advance(Duration.ofSeconds(10));
        long sent = ticker.nanos();
        DurationEstimator.Flight late = estimator.started("111122299999", WINDOW);
        control.at(night.plus(SCOUTS_TOOK), this::nineScoutsEnd);

        nextLook.await(sent, "111122299999", WINDOW, late, false);

        assertThat(elapsed()).isCloseTo(Duration.ofSeconds(10).plus(SCOUTS_TOOK), Duration.ofMillis(5));
    }

    @Test
    void shouldLookAtALastGenerationWhereNinetyTwoPercentEndWhenTheScoutsHaveSeenEnoughEnd() throws InterruptedException {
        control.at(night.plus(SCOUTS_TOOK), this::nineScoutsEnd);

        nextLook.await(nightNanos, "111122200100", WINDOW, flights.get(100), true);

        // nine of the night's 300 ended at 13 s, the others still running at 13 s: the longest known is 13 s, and a
        // look later than the scouts' ends is due from there
        Duration planned = new PollSchedule(Duration.ofSeconds(1), POLL_MAX).next(SCOUTS_TOOK,
                estimator.forecast("111122200100", WINDOW), true, true);
        assertThat(elapsed()).isEqualTo(SCOUTS_TOOK.plus(planned)).isGreaterThan(SCOUTS_TOOK);
    }

    @Test
    void shouldLetAScoutLookAsAScoutEvenIfItIsItsSlotsLast() throws InterruptedException {
        nextLook.await(nightNanos, "111122200000", WINDOW, flights.getFirst(), true);

        assertThat(control.sleeps).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void shouldLookWhenHalfOfThoseRunningAtItsLastLookHaveBeenSeenToEnd() throws InterruptedException {
        // given: nine of the 32 scouts ended at 13 s, so the others looked; this one was still running
        ticker.advance(SCOUTS_TOOK);
        nineScoutsEnd();
        PollSchedule schedule = new PollSchedule(Duration.ofSeconds(1), POLL_MAX);
        DurationForecast atLook = estimator.forecast("111122200100", WINDOW);
        assertThat(schedule.knowsLooks(atLook)).isFalse();
        assertThat(schedule.next(SCOUTS_TOOK, atLook)).as("planned a quarter of the wait on").isEqualTo(Duration.ofMillis(3_250));

        // when: seven more scouts end at 14 s (half of the 32 ended, not yet half of the 23 running at 13 s), five
        // more at 15 s
        control.at(night.plus(Duration.ofSeconds(14)), () -> scoutsEnd(9, 16, Duration.ofSeconds(14)));
        control.at(night.plus(Duration.ofSeconds(15)), () -> scoutsEnd(16, 21, Duration.ofSeconds(15)));
        nextLook.await(nightNanos, "111122200100", WINDOW, flights.get(100), false);

        // then: it looks at 15 s (12 of the 23 ended), not at 16.25 s
        assertThat(elapsed()).isEqualTo(Duration.ofSeconds(15));
        assertThat(estimator.scoutsEndedSince(SCOUTS_TOOK, Duration.ofSeconds(15), WINDOW)).isCloseTo(12 / 23.0, within(1e-9));
        assertThat(estimator.scoutsEndedSince(SCOUTS_TOOK, Duration.ofSeconds(14), WINDOW)).isCloseTo(7 / 23.0, within(1e-9));
    }

    @Test
    void shouldLookAtThePlannedTimeIfTooFewEndBefore() throws InterruptedException {
        ticker.advance(SCOUTS_TOOK);
        nineScoutsEnd();
        control.at(night.plus(Duration.ofSeconds(14)), () -> scoutsEnd(9, 16, Duration.ofSeconds(14)));

        nextLook.await(nightNanos, "111122200100", WINDOW, flights.get(100), false);

        assertThat(elapsed()).isEqualTo(Duration.ofMillis(16_250));
    }

    private void scoutsEnd(int from, int to, Duration took) {
        for (int i = from; i < to; i++) {
            estimator.ended(flights.get(i), took);
        }
    }

    @Test
    void shouldWaitTheLongestWhileNothingEnds() throws InterruptedException {
        nextLook.await(nightNanos, "111122200100", WINDOW, flights.get(100), false);

        assertThat(elapsed()).isEqualTo(POLL_MAX);
        assertThat(control.sleeps).hasSize((int) POLL_MAX.dividedBy(NextLook.KNOWLEDGE_CHECK));
    }

    @Test
    void shouldStopWaitingBlindWhenTheRunStops() throws InterruptedException {
        control.at(night.plus(Duration.ofSeconds(5)), () -> control.stopRequested = true);

        nextLook.await(nightNanos, "111122200100", WINDOW, flights.get(100), false);

        assertThat(elapsed()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void shouldLetAScoutPlanItsOwnLooks() throws InterruptedException {
        DurationEstimator.Flight scout = flights.getFirst();
        assertThat(scout.scout()).isTrue();

        nextLook.await(nightNanos, "111122200000", WINDOW, scout, false);

        assertThat(control.sleeps).as("nothing is known: the first look at the minimum").containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void shouldPlanALookAgainWhenTheAccountsOwnForecastProvesBetterThanTheOrganizations() throws InterruptedException {
        // given: the night's first generations ended, 60 accounts in 8 s, the other 240 in 24 s
        ticker.advance(Duration.ofSeconds(24));
        for (int i = 0; i < flights.size(); i++) {
            estimator.ended(flights.get(i), Duration.ofSeconds(i < 60 ? 8 : 24));
        }
        // and every account's second started, its own errors not known yet: the organization's forecast, provisional
        // for a fast account
        long sent = ticker.nanos();
        List<DurationEstimator.Flight> seconds = new ArrayList<>();
        for (int i = 0; i < flights.size(); i++) {
            seconds.add(estimator.started(String.format("1111222%05d", i), WINDOW));
        }
        DurationForecast planned = estimator.forecast("111122200000", WINDOW);
        assertThat(planned.provisional()).isTrue();
        assertThat(planned.quantile(0.45)).isCloseTo(Duration.ofSeconds(24), Duration.ofMillis(1));

        // when: 8 s on, the second generations of 40 other fast accounts ended as their first did
        control.at(night.plus(Duration.ofSeconds(24 + 8)), () -> {
            for (int i = 1; i <= 40; i++) {
                estimator.ended(seconds.get(i), Duration.ofSeconds(8));
            }
        });
        nextLook.await(sent, "111122200000", WINDOW, seconds.getFirst(), false);

        // then: the account's own forecast (8 s) stands, and the look is planned on it (past its 8 s, a quarter later, as
        // the schedule steps while three quarters of the errors are not known), not at the organization's 24 s
        assertThat(estimator.forecast("111122200000", WINDOW).provisional()).isFalse();
        assertThat(Duration.ofNanos(ticker.nanos() - sent)).isEqualTo(Duration.ofSeconds(10));
    }

    private void nineScoutsEnd() {
        for (int i = 0; i < 9; i++) {
            estimator.ended(flights.get(i), SCOUTS_TOOK);
        }
        assertThat(estimator.knowsFirstLook()).isTrue();
    }

    private Duration elapsed() {
        return Duration.between(night, ticker.instant());
    }
}
