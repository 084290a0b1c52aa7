package io.policygen.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PollScheduleTest {

    private static final Duration MS = Duration.ofMillis(1);
    private final PollSchedule schedule = new PollSchedule(Duration.ofSeconds(1), Duration.ofMinutes(1));

    /** Durations seen: from {@code from} to {@code to} seconds, one every {@code step}. */
    private static DurationForecast seen(int from, int to, int step) {
        double[] offsets = new double[(to - from) / step + 1];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = Math.log(from + i * step);
        }
        return DurationForecast.ofEnded(0, offsets);
    }

    @Test
    void shouldBackOffByAQuarterOfTheWaitWhileNoDurationIsKnown() {
        assertThat(schedule.next(Duration.ofSeconds(40), null)).isEqualTo(Duration.ofSeconds(10));
        assertThat(schedule.next(Duration.ZERO, null)).as("at least the minimum").isEqualTo(Duration.ofSeconds(1));
        assertThat(schedule.next(Duration.ofHours(1), null)).as("at most the maximum").isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void shouldLookWhereFortyFiveSeventyFiveAndNinetyTwoPercentHadEndedThenAtTheLongest() {
        // given: 100 s to 110 s, one a second
        DurationForecast forecast = seen(100, 110, 1);

        // then: 103.9 s, 107.2 s, 109.1 s and 110 s
        assertThat(schedule.next(Duration.ZERO, forecast)).isCloseTo(Duration.ofMillis(103_950), MS);
        assertThat(schedule.next(Duration.ofMillis(103_950), forecast)).isCloseTo(Duration.ofMillis(3_299), MS);
        assertThat(schedule.next(Duration.ofMillis(107_249), forecast)).isCloseTo(Duration.ofMillis(1_871), MS);
        assertThat(schedule.next(Duration.ofMillis(109_120), forecast)).as("at least the minimum").isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void shouldWaitForTheFirstLookAsLongAsTheForecastSaysEvenPastTheMaximum() {
        DurationForecast tenMinutes = seen(600, 610, 1);

        assertThat(schedule.next(Duration.ZERO, tenMinutes)).isCloseTo(Duration.ofMillis(603_950), MS);
        assertThat(schedule.next(Duration.ofSeconds(601), tenMinutes)).as("past the shortest: at most the maximum")
                .isCloseTo(Duration.ofMillis(2_950), MS);
    }

    @Test
    void shouldLookWhereAFastAccountsOwnGenerationsEndedWhileItsForecastIsProvisional() {
        // given: the organization's generations took 20 s to 30 s, the account's own 8 s
        DurationForecast organization = seen(20, 30, 1);
        DurationForecast provisional = new DurationForecast(organization.center(), organization.distribution(), Math.log(8));

        // then: at 8 s, then a tenth of the wait (at least the minimum), unless the organization's look comes first
        assertThat(schedule.next(Duration.ZERO, provisional)).isCloseTo(Duration.ofSeconds(8), MS);
        assertThat(schedule.next(Duration.ofSeconds(8), provisional)).isEqualTo(Duration.ofSeconds(1));
        assertThat(schedule.next(Duration.ofSeconds(15), provisional)).isEqualTo(Duration.ofMillis(1_500));
        assertThat(schedule.next(Duration.ofMillis(26_500), provisional))
                .isEqualTo(schedule.next(Duration.ofMillis(26_500), organization)).isLessThan(Duration.ofMillis(2_650));
        assertThat(schedule.next(Duration.ZERO, organization)).as("the organization's alone").isCloseTo(Duration.ofMillis(23_949), MS);
    }

    @Test
    void shouldTakeALookDueWithinHalfTheMinimumAsTheOneBeingMade() {
        assertThat(schedule.next(Duration.ofMillis(103_600), seen(100, 110, 1))).isCloseTo(Duration.ofMillis(3_649), MS);
    }

    @Test
    void shouldLookInStepsOfAQuarterOfTheWaitAfterTheFirstLookWhenTheForecastIsWide() {
        // given: 100 s to 1,000 s, one every 100 s; a schedule that allows waits of 10 minutes
        DurationForecast wide = seen(100, 1_000, 100);
        PollSchedule patient = new PollSchedule(Duration.ofSeconds(1), Duration.ofMinutes(10));

        // then: the first look where 45% ended (447 s), then a quarter past the wait (560 s), not at the 75th percentile (748 s)
        assertThat(patient.next(Duration.ZERO, wide)).isCloseTo(Duration.ofMillis(447_214), MS);
        assertThat(patient.next(Duration.ofSeconds(448), wide)).isEqualTo(Duration.ofSeconds(112));
        assertThat(schedule.next(Duration.ofSeconds(448), wide)).as("at most the maximum").isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void shouldBackOffFromTheLongestDurationSeenUpToATenthOfTheWait() {
        DurationForecast forecast = seen(100, 110, 1);

        assertThat(schedule.next(Duration.ofSeconds(110), forecast)).as("at least the minimum").isEqualTo(Duration.ofSeconds(1));
        assertThat(schedule.next(Duration.ofSeconds(114), forecast)).isCloseTo(Duration.ofSeconds(4), MS);
        assertThat(schedule.next(Duration.ofSeconds(150), forecast)).isCloseTo(Duration.ofSeconds(15), MS);
        assertThat(schedule.next(Duration.ofHours(1), forecast)).as("at most the maximum").isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void shouldBackOffByAQuarterWhileFewerHaveEndedThanALookNeeds() {
        // given: of 10 generations like it, 3 ended (20 s to 22 s), 7 still running at 30 s
        DurationForecast partly = new DurationForecast(0, new DurationSamples.Distribution(
                new double[] {Math.log(20), Math.log(21), Math.log(22)}, new double[] {0.1, 0.2, 0.3}, Math.log(30)));

        assertThat(schedule.next(Duration.ofSeconds(40), partly)).as("45% have not ended: a quarter of the wait").isEqualTo(Duration.ofSeconds(10));
        assertThat(schedule.next(Duration.ofMillis(500), partly)).as("none like it ended before 20 s: the first look there")
                .isEqualTo(Duration.ofMillis(19_500));
    }

    @Test
    void shouldLetAllButTheScoutsWaitTheMaximumUntilTheScoutsHaveSeenEnoughEnd() {
        DurationForecast known = DurationForecast.ofEnded(0, Math.log(20), Math.log(22), Math.log(24));
        assertThat(schedule.next(Duration.ofSeconds(8), null, false)).isEqualTo(Duration.ofMinutes(1));
        assertThat(schedule.next(Duration.ofSeconds(8), known, false)).as("not on the forecast").isEqualTo(Duration.ofMinutes(1));
        assertThat(schedule.next(Duration.ofSeconds(8), null, true)).isEqualTo(Duration.ofSeconds(2));
        assertThat(schedule.next(Duration.ofSeconds(8), known, true)).as("a scout: where 45% of 20 s, 22 s, 24 s ended")
                .isBetween(Duration.ofMillis(12_600), Duration.ofMillis(12_800));
    }

    @Test
    void shouldLookAtTheLastGenerationWhereNinetyTwoPercentHadEndedThenAtTheLongest() {
        DurationForecast forecast = seen(100, 110, 1);

        assertThat(schedule.next(Duration.ZERO, forecast, true, true)).as("not at 45% and 75%")
                .isCloseTo(Duration.ofMillis(109_120), MS);
        assertThat(schedule.next(Duration.ofMillis(109_120), forecast, true, true)).as("the longest, at least the minimum")
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(schedule.next(Duration.ofSeconds(150), forecast, true, true)).as("then backing off as any other")
                .isCloseTo(Duration.ofSeconds(15), MS);
    }

    @Test
    void shouldLookAtTheLastGenerationWhereTheOrganizationsEndNotWhereAFastAccountsOwnDid() {
        DurationForecast organization = seen(20, 30, 1);
        DurationForecast provisional = new DurationForecast(organization.center(), organization.distribution(), Math.log(8));

        assertThat(schedule.next(Duration.ZERO, provisional, true, true)).isEqualTo(schedule.next(Duration.ZERO, organization, true, true))
                .isGreaterThan(Duration.ofSeconds(28));
    }

    @Test
    void shouldLookAtTheLastGenerationAtTheLongestKnownWhileFewHaveEnded() {
        // given: of 10 generations like it, 3 ended (20 s to 22 s), 7 still running at 30 s
        DurationForecast partly = new DurationForecast(0, new DurationSamples.Distribution(
                new double[] {Math.log(20), Math.log(21), Math.log(22)}, new double[] {0.1, 0.2, 0.3}, Math.log(30)));

        assertThat(schedule.next(Duration.ofMillis(500), partly, true, true)).isCloseTo(Duration.ofMillis(29_500), MS);
    }

    @Test
    void shouldLetAScoutLookEveryTenthOfItsWaitPastTheShortestWhileFewHaveEnded() {
        // given: of 10 generations like it, 3 ended (20 s to 22 s), 7 still running at 30 s
        DurationForecast partly = new DurationForecast(0, new DurationSamples.Distribution(
                new double[] {Math.log(20), Math.log(21), Math.log(22)}, new double[] {0.1, 0.2, 0.3}, Math.log(30)));

        assertThat(schedule.scoutNext(Duration.ofSeconds(5), partly)).as("until the shortest, as planned")
                .isEqualTo(Duration.ofSeconds(15));
        assertThat(schedule.scoutNext(Duration.ofSeconds(24), partly)).as("not a quarter on").isEqualTo(Duration.ofMillis(2_400));
        assertThat(schedule.scoutNext(Duration.ofSeconds(2), seen(1, 3, 1))).as("never later than planned")
                .isEqualTo(schedule.next(Duration.ofSeconds(2), seen(1, 3, 1)));
    }
}
