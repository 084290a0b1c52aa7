package io.policygen.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void shouldPaceARequestInTheScopeItNamesOnASharedClient() {
        RateLimitingInterceptor shared = new RateLimitingInterceptor(new CallRateLimits(new ThrottleProperties(1, 1000), ticker, sleeper), null);
        for (int account = 0; account < 3; account++) {
            ExecutionAttributes attributes = attributes("ListPolicyGenerations");
            attributes.putAttribute(RateLimitingInterceptor.SCOPE, RateScope.accountInRegion("10700000000" + account, "us-east-1"));
            shared.beforeExecution((Context.BeforeExecution) () -> ListAccountsRequest.builder().build(), attributes);
        }
        assertThat(Duration.ofNanos(now)).as("three accounts, one call each").isZero();

        ExecutionAttributes again = attributes("ListPolicyGenerations");
        again.putAttribute(RateLimitingInterceptor.SCOPE, RateScope.accountInRegion("107000000000", "us-east-1"));
        shared.beforeExecution((Context.BeforeExecution) () -> ListAccountsRequest.builder().build(), again);
        assertThat(Duration.ofNanos(now)).as("the first account's second call").isEqualTo(Duration.ofSeconds(1));

        assertThatThrownBy(() -> shared.beforeExecution((Context.BeforeExecution) () -> ListAccountsRequest.builder().build(),
                attributes("ListPolicyGenerations")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("must name its rate scope");
    }

    private void call(String operation, SdkRequest request) {
        management.beforeExecution((Context.BeforeExecution) () -> request, attributes(operation));
    }

    private static ExecutionAttributes attributes(String operation) {
        ExecutionAttributes attributes = new ExecutionAttributes();
        attributes.putAttribute(SdkExecutionAttribute.OPERATION_NAME, operation);
        return attributes;
    }
}
