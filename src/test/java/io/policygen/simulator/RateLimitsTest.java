package io.policygen.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimitsTest {

    final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    RateLimits limits(SimulatorOptions.Builder options) {
        return new RateLimits(options.nanoTicker(nanos::get).build());
    }

    @Test
    void shouldLetEverythingThroughWithoutARate() {
        RateLimits limits = limits(SimulatorOptions.builder());
        for (int i = 0; i < 1000; i++) {
            assertThat(limits.tryAcquire("111111111111", "ListRoles")).isTrue();
        }
    }

    @Test
    void shouldAllowABurstOfOneSecondThenRefillAtTheRate() {
        // given
        RateLimits limits = limits(SimulatorOptions.builder().defaultRate(5));

        // when
        int burst = 0;
        while (limits.tryAcquire("111111111111", "ListRoles")) {
            burst++;
        }

        // then
        assertThat(burst).isEqualTo(5);
        nanos.addAndGet(200_000_000L);
        assertThat(limits.tryAcquire("111111111111", "ListRoles")).isTrue();
        assertThat(limits.tryAcquire("111111111111", "ListRoles")).isFalse();
    }

    @Test
    void shouldLimitEachAccountAndOperationSeparately() {
        // given
        RateLimits limits = limits(SimulatorOptions.builder().rate("StartPolicyGeneration", 1));

        // when
        assertThat(limits.tryAcquire("111111111111", "StartPolicyGeneration")).isTrue();

        // then
        assertThat(limits.tryAcquire("111111111111", "StartPolicyGeneration")).isFalse();
        assertThat(limits.tryAcquire("222222222222", "StartPolicyGeneration")).isTrue();
        assertThat(limits.tryAcquire("111111111111", "GetGeneratedPolicy")).isTrue();
    }

    @Test
    void shouldApplyARateChangedAtRuntime() {
        RateLimits limits = limits(SimulatorOptions.builder());
        limits.setRate("ListUsers", 1);
        assertThat(limits.tryAcquire("111111111111", "ListUsers")).isTrue();
        assertThat(limits.tryAcquire("111111111111", "ListUsers")).isFalse();
        limits.setRate("ListUsers", 0);
        assertThat(limits.tryAcquire("111111111111", "ListUsers")).isTrue();
    }
}
