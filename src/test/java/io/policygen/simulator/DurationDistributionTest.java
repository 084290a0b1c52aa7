package io.policygen.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The duration distributions in memory: the uniform one leaves durations alone, the lognormal one has its tail. */
class DurationDistributionTest {

    @Test
    void shouldLeaveUniformDurationsToTheJitter() {
        assertThat(DurationDistribution.UNIFORM.factor(7, 3, 12345)).isEqualTo(1.0);
    }

    @Test
    void shouldKeepTheMedianAndGrowALongTailWithTheSpread() {
        // given
        DurationDistribution lognormal = DurationDistribution.lognormal(0.5, false);

        // when
        double[] factors = IntStream.range(0, 20_000).mapToDouble(i -> lognormal.factor(7, 1, Hashing.hash(7, i))).sorted().toArray();

        // then: e^(0.5 x 1.2816) = 1.90 at the 90th percentile, e^(0.5 x 2.3263) = 3.20 at the 99th
        assertThat(factors[10_000]).isBetween(0.97, 1.03);
        assertThat(factors[18_000]).isBetween(1.82, 1.98);
        assertThat(factors[19_800]).isBetween(2.95, 3.45);
        assertThat(Arrays.stream(factors).min().orElseThrow()).isPositive();
    }

    @Test
    void shouldGiveEveryJobOfAnAccountTheSameFactorWhenDrawnPerAccount() {
        // given
        DurationDistribution perAccount = DurationDistribution.lognormal(0.8, true);

        // then
        assertThat(perAccount.factor(7, 4, 1)).isEqualTo(perAccount.factor(7, 4, 2));
        assertThat(IntStream.range(1, 50).mapToDouble(account -> perAccount.factor(7, account, 1)).distinct().count())
                .as("one factor per account, seeded").isEqualTo(49);
    }

    @Test
    void shouldNameTheOptionOfABadValue() {
        assertThatThrownBy(() -> DurationDistribution.parseShape("pareto")).hasMessageContaining("--duration-distribution");
        assertThatThrownBy(() -> DurationDistribution.lognormal(-1, false)).hasMessageContaining("--duration-spread");
        assertThatThrownBy(() -> DurationDistribution.parsePerAccount("principal")).hasMessageContaining("--duration-spread-by");
    }
}
