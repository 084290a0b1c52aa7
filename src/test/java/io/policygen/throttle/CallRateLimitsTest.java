package io.policygen.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import io.policygen.time.Sleeper;
import io.policygen.time.Ticker;
import org.junit.jupiter.api.Test;

class CallRateLimitsTest {

    private long now;
    private final Ticker ticker = () -> now;
    private final Sleeper sleeper = duration -> now += duration.toNanos();
    private final CallRateLimits limits = new CallRateLimits(new ThrottleProperties(5, 500), ticker, sleeper);

    @Test
    void shouldReleaseAnAccountsLimitersInEveryRegionAndKeepTheOthers() throws InterruptedException {
        limits.acquire(RateScope.account("111111111111"), "ListRoles");
        limits.acquire(RateScope.accountInRegion("111111111111", "us-east-1"), "StartPolicyGeneration");
        limits.acquire(RateScope.accountInRegion("111111111111", "eu-west-1"), "GetGeneratedPolicy");
        limits.acquire(RateScope.accountInRegion("222222222222", "us-east-1"), "StartPolicyGeneration");
        limits.acquire(RateScope.MANAGEMENT, "ListAccounts");

        limits.release("111111111111");

        assertThat(limits.limiters()).isEqualTo(2);
    }

    @Test
    void shouldPaceOneAccountsCallsInARegionApartFromAnotherRegions() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            limits.acquire(RateScope.accountInRegion("111111111111", "us-east-1"), "GetGeneratedPolicy");
            limits.acquire(RateScope.accountInRegion("111111111111", "eu-west-1"), "GetGeneratedPolicy");
        }

        // five calls in each Region fit the burst of one second at 5/s; ten in one Region would not
        assertThat(now).isZero();
    }
}
