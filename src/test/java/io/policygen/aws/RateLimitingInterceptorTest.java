package io.policygen.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.policygen.throttle.CallRateLimits;
import io.policygen.throttle.RateScope;
import io.policygen.time.Sleeper;
import io.policygen.throttle.ThrottleProperties;
import io.policygen.time.Ticker;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.organizations.model.ListAccountsRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;

class RateLimitingInterceptorTest {

    /** Time that passes only when a limiter sleeps. */
    private long now;
    private final Ticker ticker = () -> now;
    private final Sleeper sleeper = duration -> now += duration.toNanos();
    private final RateLimitingInterceptor management =
            new RateLimitingInterceptor(new CallRateLimits(new ThrottleProperties(1, 1000), ticker, sleeper), RateScope.MANAGEMENT);

    @Test
    void shouldPaceEachMemberAccountsAssumeRoleOnItsOwn() {
        for (int account = 0; account < 100; account++) {
            call("AssumeRole", AssumeRoleRequest.builder()
                    .roleArn("arn:aws:iam::" + (107000000000L + account) + ":role/OrganizationAccountAccessRole")
                    .roleSessionName("policygen").build());
        }

        // 100 accounts entered at a per-account rate of 1/s: no waiting (one management-scope limiter took 99 s)
        assertThat(Duration.ofNanos(now)).isZero();
    }

    @Test
    void shouldStillPaceTheManagementAccountsOwnCallsAtThePerAccountRate() {
        for (int page = 0; page < 3; page++) {
            call("ListAccounts", ListAccountsRequest.builder().build());
        }

        assertThat(Duration.ofNanos(now)).isEqualTo(Duration.ofSeconds(2));
    }

    private void call(String operation, SdkRequest request) {
        ExecutionAttributes attributes = new ExecutionAttributes();
        attributes.putAttribute(SdkExecutionAttribute.OPERATION_NAME, operation);
        management.beforeExecution((Context.BeforeExecution) () -> request, attributes);
    }
}
