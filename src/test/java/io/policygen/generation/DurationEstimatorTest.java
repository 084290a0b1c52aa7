package io.policygen.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationEstimatorTest {

    @Test
    void shouldKnowNothingBeforeTheFirstObservation() {
        assertThat(new DurationEstimator().expected()).isNull();
    }

    @Test
    void shouldExpectTheConstantDurationWithNoDeviation() {
        DurationEstimator estimator = new DurationEstimator();
        for (int i = 0; i < 10; i++) {
            estimator.observe(Duration.ofSeconds(2));
        }

        assertThat(estimator.expected()).isEqualTo(Duration.ofSeconds(2));
        assertThat(estimator.deviation()).isZero();
    }

    @Test
    void shouldLearnTheMeanAndSpreadOfVaryingDurations() {
        DurationEstimator estimator = new DurationEstimator();
        for (int i = 0; i < 200; i++) {
            estimator.observe(Duration.ofMillis(i % 2 == 0 ? 1_700 : 2_300));
        }

        assertThat(estimator.expected()).isBetween(Duration.ofMillis(1_900), Duration.ofMillis(2_100));
        assertThat(estimator.deviation()).isBetween(Duration.ofMillis(250), Duration.ofMillis(350));
    }

    @Test
    void shouldIgnoreNegativeDurationsFromSkewedClocks() {
        DurationEstimator estimator = new DurationEstimator();
        estimator.observe(Duration.ofSeconds(-1));

        assertThat(estimator.expected()).isNull();
    }
}
