package io.policygen.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PollScheduleTest {

    private final PollSchedule schedule = new PollSchedule(Duration.ofSeconds(1), Duration.ofMinutes(1));

    @Test
    void shouldBackOffByAQuarterOfTheWaitWhileNoDurationIsKnown() {
        assertThat(schedule.next(Duration.ofSeconds(40), null, Duration.ZERO)).isEqualTo(Duration.ofSeconds(10));
        assertThat(schedule.next(Duration.ZERO, null, Duration.ZERO)).as("at least the minimum").isEqualTo(Duration.ofSeconds(1));
        assertThat(schedule.next(Duration.ofHours(1), null, Duration.ZERO)).as("at most the maximum").isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void shouldWaitForTheFirstPollUntilADeviationBeforeTheExpectedEndEvenPastTheMaximum() {
        Duration expected = Duration.ofMinutes(10);
        Duration deviation = Duration.ofSeconds(30);

        assertThat(schedule.next(Duration.ZERO, expected, deviation)).isEqualTo(Duration.ofSeconds(570));
        assertThat(schedule.next(Duration.ofSeconds(569), expected, deviation)).as("at least the minimum").isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void shouldStepByADeviationAroundTheExpectedEnd() {
        Duration expected = Duration.ofMinutes(10);
        Duration deviation = Duration.ofSeconds(30);

        assertThat(schedule.next(Duration.ofSeconds(570), expected, deviation)).isEqualTo(deviation);
        assertThat(schedule.next(Duration.ofSeconds(659), expected, deviation)).isEqualTo(deviation);
    }

    @Test
    void shouldBackOffByATenthOfTheWaitPastTwoDeviationsAfterTheExpectedEnd() {
        Duration expected = Duration.ofMinutes(10);
        Duration deviation = Duration.ofSeconds(30);

        assertThat(schedule.next(Duration.ofSeconds(660), expected, deviation)).isEqualTo(Duration.ofSeconds(60));
        assertThat(schedule.next(Duration.ofSeconds(700), expected, Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(60));
        assertThat(schedule.next(Duration.ofSeconds(100), Duration.ofSeconds(50), Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void shouldPollEveryMinimumWhenTheDurationsNeverDeviate() {
        Duration expected = Duration.ofSeconds(20);

        assertThat(schedule.next(Duration.ofSeconds(20), expected, Duration.ZERO)).as("two deviations past the end is the end")
                .isEqualTo(Duration.ofSeconds(2));
        assertThat(schedule.next(Duration.ofSeconds(5), expected, Duration.ZERO)).isEqualTo(Duration.ofSeconds(15));
    }
}
