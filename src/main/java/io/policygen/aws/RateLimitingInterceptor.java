package io.policygen.aws;

import io.policygen.throttle.CallRateLimits;
import io.policygen.throttle.RateScope;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;

/** Holds each call (once per call, not per retry: retries are paced by the SDK's backoff) to the client-side rates. */
final class RateLimitingInterceptor implements ExecutionInterceptor {

    /** A request's own scope, on a client shared by scopes (a client with a scope of its own may leave it out). */
    static final ExecutionAttribute<RateScope> SCOPE = new ExecutionAttribute<>("policygen.RateScope");

    private final CallRateLimits limits;
    private final RateScope scope;

    RateLimitingInterceptor(CallRateLimits limits, RateScope scope) {
        this.limits = limits;
        this.scope = scope;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        try {
            limits.acquire(scopeOf(context, attributes), operation);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AbortedException.builder().message("interrupted while waiting for the " + operation + " rate limit").build();
        }
    }

    /**
     * AssumeRole is made by the management account once per member account: paced in the management scope at the
     * per-account rate (5/s by default), 1,000 accounts waited 200 s to enter. Each member account's AssumeRole is
     * paced in that account's scope instead; the overall rate still caps them all.
     */
    private RateScope scopeOf(Context.BeforeExecution context, ExecutionAttributes attributes) {
        RateScope own = attributes.getAttribute(SCOPE);
        if (own != null) {
            return own;
        }
        if (context.request() instanceof AssumeRoleRequest assumeRole && assumeRole.roleArn() != null) {
            String[] arn = assumeRole.roleArn().split(":", 6);
            if (arn.length == 6 && !arn[4].isEmpty()) {
                return RateScope.account(arn[4]);
            }
        }
        if (scope == null) {
            throw new IllegalStateException("a request on a shared client must name its rate scope");
        }
        return scope;
    }
}
