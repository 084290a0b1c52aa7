package io.policygen.principal;

import io.policygen.aws.AskAgain;
import io.policygen.aws.CredentialsExpiredException;
import io.policygen.principal.IamPrincipals.AccountIam;
import io.policygen.principal.IamPrincipals.ReportState;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * An account's credential report: asked for when the account is opened (GenerateCredentialReport; IAM takes seconds
 * to make one, and keeps it four hours), collected when the users come (GenerateCredentialReport again until
 * COMPLETE, waiting 0.2 s, then twice as long each time up to 5 s, then GetCredentialReport). A call IAM did not
 * answer after the SDK's retries (5xx, throttling, no answer) is asked again as the report is, within {@code maxWait}:
 * without a report every user's last use is unknown, none is taken for unused, and the night may spend the account's
 * scarce generations on users nobody uses. When there is none within {@code maxWait}, or IAM refuses it, the users'
 * last use is unknown for this run, and why is kept.
 */
final class CredentialReportFetch {

    private static final Duration FIRST_WAIT = Duration.ofMillis(200);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(5);

    private final AccountIam iam;
    private final DiscoveryControl control;
    private final Duration maxWait;
    private ReportState state;
    private String failure;
    private String unanswered;
    /** How long the calls IAM did not answer took (the SDK's retries): waited for the report as much as the polls' waits. */
    private Duration unansweredFor = Duration.ZERO;

    CredentialReportFetch(AccountIam iam, DiscoveryControl control, Duration maxWait) {
        this.iam = iam;
        this.control = control;
        this.maxWait = maxWait;
    }

    void start() {
        try {
            state = ask("GenerateCredentialReport", iam::generateCredentialReport, null);
        } catch (SdkException e) {
            // expired credentials are not the report's failure: no account can be read with them, and the run stops
            CredentialsExpiredException.throwIfIn(e);
            failure = "GenerateCredentialReport: " + e.getMessage();
        }
    }

    /** The users' last use by ARN; empty when there is no report (see {@link #failure()}). */
    Optional<Map<String, LastUse>> lastUses() {
        if (failure != null) {
            return Optional.empty();
        }
        Duration waited = Duration.ZERO;
        Duration wait = FIRST_WAIT;
        try {
            while (true) {
                if (state == ReportState.COMPLETE) {
                    Optional<String> csv = ask("GetCredentialReport", iam::credentialReport, Optional.empty());
                    if (csv.isPresent()) {
                        return Optional.of(CredentialReport.lastUses(csv.get()));
                    }
                }
                if (control.stopRequested()) {
                    return Optional.empty();
                }
                if (waited.plus(unansweredFor).compareTo(maxWait) >= 0) {
                    failure = "no credential report after " + waited.plus(unansweredFor).toSeconds() + " s"
                            + (unanswered == null ? "" : " (IAM's last failure to answer: " + unanswered + ")");
                    return Optional.empty();
                }
                control.sleep(wait);
                waited = waited.plus(wait);
                wait = wait.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.multipliedBy(2);
                state = ask("GenerateCredentialReport", iam::generateCredentialReport, state);
            }
        } catch (SdkException e) {
            CredentialsExpiredException.throwIfIn(e);
            failure = "credential report: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted waiting for the credential report";
        }
        return Optional.empty();
    }

    /** The call's answer; {@code otherwise} where IAM gave none (the next poll asks again), a refusal thrown. */
    private <T> T ask(String operation, Supplier<T> call, T otherwise) {
        long started = System.nanoTime();
        try {
            return call.get();
        } catch (SdkException e) {
            if (!AskAgain.unanswered(e)) {
                throw e;
            }
            unanswered = operation + ": " + e.getMessage();
            unansweredFor = unansweredFor.plusNanos(System.nanoTime() - started);
            return otherwise;
        }
    }

    String failure() {
        return failure;
    }
}
