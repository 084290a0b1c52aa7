package io.policygen.aws;

import io.policygen.throttle.CallRateLimits;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Holds each call (once per call, not per retry: retries are paced by the SDK's backoff) to the client-side rates. */
final class RateLimitingInterceptor implements ExecutionInterceptor {

    private final CallRateLimits limits;
    private final String scope;

    RateLimitingInterceptor(CallRateLimits limits, String scope) {
        this.limits = limits;
        this.scope = scope;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        try {
            limits.acquire(scope, operation);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AbortedException.builder().message("interrupted while waiting for the " + operation + " rate limit").build();
        }
    }
}
