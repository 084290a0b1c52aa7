package io.policygen.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SimulatedClockTest {

    @Test
    void shouldStandStillUntilAdvancedWhenManual() {
        // given
        Instant start = Instant.parse("2026-03-02T08:00:00Z");
        SimulatedClock clock = SimulatedClock.manual(start);

        // when
        Instant next = clock.advance(Duration.ofDays(1));

        // then
        assertThat(next).isEqualTo(start.plus(Duration.ofDays(1)));
        assertThat(clock.instant()).isEqualTo(next);
    }

    @Test
    void shouldRunWithRealTimePlusTheAdvances() {
        SimulatedClock clock = SimulatedClock.realTime();
        clock.advance(Duration.ofDays(2));
        assertThat(clock.instant()).isAfter(Instant.now().plus(Duration.ofDays(2)).minusSeconds(5));
    }

    @Test
    void shouldRefuseToGoBackwards() {
        assertThatThrownBy(() -> SimulatedClock.manual(Instant.EPOCH).advance(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
