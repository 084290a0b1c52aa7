package io.policygen.principal;

import io.policygen.aws.CredentialsExpiredException;
import io.policygen.log.LogEvent;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * A call of an account's listing (the AssumeRole that opens it, each page) that AWS did not answer after the SDK's
 * retries (5xx, throttling, no answer) is asked again after {@code retryAfter}, then after twice as long: an outage of
 * a minute or two in one account's IAM or in STS costs that account's listing a wait, not the listing (the run
 * exiting 1). A refusal (4xx) and expired credentials are not asked again; a stop cuts the wait short (the reader
 * ends the listing as stopped). Zero: never asked again.
 */
final class AskAgain {

    private static final int RETRIES = 2;
    private static final Logger log = LoggerFactory.getLogger(AskAgain.class);

    private final String accountId;
    private final DiscoveryControl control;
    private final Duration retryAfter;

    AskAgain(String accountId, DiscoveryControl control, Duration retryAfter) {
        this.accountId = accountId;
        this.control = control;
        this.retryAfter = retryAfter;
    }

    void run(String operation, Runnable call) {
        call(operation, () -> {
            call.run();
            return null;
        });
    }

    <T> T call(String operation, Supplier<T> call) {
        for (int retry = 1; ; retry++) {
            try {
                return call.get();
            } catch (SdkException e) {
                if (retry > RETRIES || retryAfter.isZero() || !unanswered(e) || control.stopRequested()) {
                    throw e;
                }
                Duration wait = retryAfter.multipliedBy(retry);
                LogEvent.warn(log, "listing-call-asked-again").with("account", accountId).with("call", operation)
                        .with("retry", retry).with("after", wait).quoted("detail", e.getMessage()).log();
                try {
                    control.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                if (control.stopRequested()) {
                    throw e;
                }
            }
        }
    }

    /** AWS gave no answer to act on: 5xx, throttling, or none at all; not a refusal, not expired credentials. */
    static boolean unanswered(SdkException e) {
        return CredentialsExpiredException.in(e).isEmpty()
                && !(e instanceof AwsServiceException refused && AwsIamPrincipals.isRefusal(refused));
    }
}
