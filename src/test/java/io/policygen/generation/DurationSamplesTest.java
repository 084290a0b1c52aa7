package io.policygen.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DurationSamplesTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void shouldServeTheLastDistributionOnlyWhileNothingChangedAndItIsFresh() {
        DurationSamples samples = new DurationSamples(8);
        samples.add(Math.log(10));
        DurationSamples.Entry running = samples.start(0, 0);

        DurationSamples.Distribution first = samples.distribution(5 * SECOND);
        DurationSamples.Distribution again = samples.distribution(5 * SECOND + DurationSamples.FRESH_NANOS - 1);
        DurationSamples.Distribution later = samples.distribution(5 * SECOND + DurationSamples.FRESH_NANOS);

        assertThat(again).isSameAs(first);
        assertThat(later).isNotSameAs(first);
        assertThat(later.atLeast()).isGreaterThan(first.atLeast());

        samples.end(running, Math.log(6));
        DurationSamples.Distribution ended = samples.distribution(5 * SECOND + DurationSamples.FRESH_NANOS);
        assertThat(ended).as("an end changes it at once").isNotSameAs(later);
        assertThat(ended.ended()).containsExactly(Math.log(6), Math.log(10));
        assertThat(ended.reach()).isEqualTo(1.0);

        samples.start(6 * SECOND, 0);
        assertThat(samples.distribution(6 * SECOND).atLeast()).as("so does a start").isGreaterThan(Double.NEGATIVE_INFINITY);
    }

    @Test
    void shouldComputeItAgainWhenTheClockGoesBack() {
        DurationSamples samples = new DurationSamples(8);
        samples.start(0, 0);
        DurationSamples.Distribution now = samples.distribution(10 * SECOND);

        assertThat(samples.distribution(9 * SECOND).atLeast()).isLessThan(now.atLeast());
    }

    @Test
    void shouldTellTheShareThatEndedWithinAValue() {
        DurationSamples.Distribution distribution = new DurationSamples.Distribution(
                new double[] {1, 2, 2, 3}, new double[] {0.1, 0.2, 0.3, 0.4}, 5);

        assertThat(distribution.shareWithin(0.5)).isZero();
        assertThat(distribution.shareWithin(1)).isEqualTo(0.1);
        assertThat(distribution.shareWithin(2)).as("both at 2").isEqualTo(0.3);
        assertThat(distribution.shareWithin(2.5)).isEqualTo(0.3);
        assertThat(distribution.shareWithin(9)).as("past the longest ended: the reach").isEqualTo(0.4);
        assertThat(new DurationSamples.Distribution(new double[0], new double[0], 5).shareWithin(9)).isZero();
        assertThat(distribution.endedSince(1, 2.5)).as("of the 0.9 that ran past 1, 0.2 ended by 2.5").isCloseTo(0.2 / 0.9, within(1e-12));
        assertThat(new DurationSamples.Distribution(new double[] {1}, new double[] {1.0}, 1).endedSince(2, 3))
                .as("every one ended before").isEqualTo(1.0);
    }
}
