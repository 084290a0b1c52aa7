package io.policygen.aws;

import io.policygen.log.LogEvent;
import io.policygen.time.Sleeper;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * A call of a listing (the organization's accounts; an account's AssumeRole and its IAM pages) that AWS did not answer
 * after the SDK's retries (5xx, throttling, no answer) is asked again after {@code retryAfter}, then after twice as
 * long: an outage of a minute or two costs the listing a wait, not the listing (the run exiting 1). A refusal (4xx)
 * and expired credentials are not asked again; a stop cuts the wait short and the call's failure is thrown, for the
 * caller to end its listing as stopped. Zero: never asked again.
 */
public final class AskAgain {

    private static final int RETRIES = 2;
    private static final Logger log = LoggerFactory.getLogger(AskAgain.class);

    private final String event;
    private final String accountId;
    private final BooleanSupplier stopRequested;
    private final Sleeper sleeper;
    private final Duration retryAfter;

    /** {@code event}: the warning logged at each ask; {@code accountId}: the account whose listing it is, if one. */
    public AskAgain(String event, String accountId, BooleanSupplier stopRequested, Sleeper sleeper, Duration retryAfter) {
        this.event = event;
        this.accountId = accountId;
        this.stopRequested = stopRequested;
        this.sleeper = sleeper;
        this.retryAfter = retryAfter;
    }

    /** Whether the run was asked to stop: a caller's failure path tells a stop from a failure by it. */
    public boolean stopRequested() {
        return stopRequested.getAsBoolean();
    }

    public void run(String operation, Runnable call) {
        call(operation, () -> {
            call.run();
            return null;
        });
    }

    public <T> T call(String operation, Supplier<T> call) {
        return call(() -> operation, call);
    }

    /** {@code operation}: read when the call failed, for a listing whose call differs from page to page. */
    public <T> T call(Supplier<String> operation, Supplier<T> call) {
        for (int retry = 1; ; retry++) {
            try {
                return call.get();
            } catch (SdkException e) {
                if (retry > RETRIES || retryAfter.isZero() || !unanswered(e) || stopRequested.getAsBoolean()) {
                    throw e;
                }
                Duration wait = retryAfter.multipliedBy(retry);
                LogEvent entry = LogEvent.warn(log, event);
                if (accountId != null) {
                    entry.with("account", accountId);
                }
                entry.with("call", operation.get()).with("retry", retry).with("after", wait).quoted("detail", e.getMessage()).log();
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                if (stopRequested.getAsBoolean()) {
                    throw e;
                }
            }
        }
    }

    /** AWS gave no answer to act on: 5xx, throttling, or none at all; not a refusal, not expired credentials. */
    public static boolean unanswered(SdkException e) {
        return CredentialsExpiredException.in(e).isEmpty() && !(e instanceof AwsServiceException refused && isRefusal(refused));
    }

    /** A 4xx that is not throttling: AccessDenied, an unknown role, a Region not enabled. */
    public static boolean isRefusal(AwsServiceException e) {
        return e.statusCode() >= 400 && e.statusCode() < 500 && !e.isThrottlingException();
    }
}
