package io.policygen.throttle;

import io.policygen.time.Sleeper;
import io.policygen.time.Ticker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    /** Time that passes only when the limiter sleeps. */
    private long now;
    private final Ticker ticker = () -> now;
    private final Sleeper sleeper = duration -> now += duration.toNanos();

    @Test
    void shouldSpaceCallsAtTheConfiguredRateOnceTheBurstIsSpent() throws InterruptedException {
        RateLimiter limiter = new RateLimiter(10, ticker, sleeper);

        for (int i = 0; i < 100; i++) {
            limiter.acquire();
        }

        // the first second's 10 calls go at once, the other 90 at 10 a second
        assertThat(Duration.ofNanos(now)).isEqualTo(Duration.ofMillis(9_000));
    }

    @Test
    void shouldAllowOneSecondOfBurstAfterIdleness() throws InterruptedException {
        RateLimiter limiter = new RateLimiter(5, ticker, sleeper);
        now += Duration.ofMinutes(1).toNanos();
        long idleUntil = now;

        for (int i = 0; i < 4; i++) {
            limiter.acquire();
        }

        assertThat(now).isEqualTo(idleUntil);
    }

    @Test
    void shouldNeverLetMoreThanTheRatePlusBurstThroughInAWindow() throws InterruptedException {
        RateLimiter limiter = new RateLimiter(50, ticker, sleeper);
        now += Duration.ofSeconds(5).toNanos();
        long start = now;
        int calls = 0;
        while (now - start < Duration.ofSeconds(2).toNanos()) {
            limiter.acquire();
            calls++;
        }

        assertThat(calls).isLessThanOrEqualTo(50 * 2 + 50 + 1);
    }

    @Test
    void shouldRefuseANonPositiveRate() {
        assertThatThrownBy(() -> new RateLimiter(0, ticker, sleeper)).hasMessageContaining("positive");
    }

    @Test
    void shouldLimitEachScopeSeparatelyAndAllTogether() throws InterruptedException {
        CallRateLimits limits = new CallRateLimits(new ThrottleProperties(1, 2), ticker, sleeper);
        now += Duration.ofMinutes(1).toNanos();
        long start = now;

        limits.acquire(RateScope.account("111111111111"), "ListRoles");
        limits.acquire(RateScope.account("222222222222"), "ListRoles");
        limits.acquire(RateScope.account("333333333333"), "ListRoles");
        limits.acquire(RateScope.account("444444444444"), "ListRoles");

        // four accounts at once: each account's own limit allows one, the overall limit allows a burst of 2 then 2/s
        assertThat(Duration.ofNanos(now - start)).isEqualTo(Duration.ofMillis(1_000));
    }
}
