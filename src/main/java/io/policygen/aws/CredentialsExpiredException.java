package io.policygen.aws;

import io.policygen.log.Causes;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * AWS's word that a call's credentials have expired: ExpiredToken from the query services (STS's AssumeRole, IAM),
 * ExpiredTokenException from the JSON ones. Neither the account's doing nor the principal's: the temporary credentials
 * policygen was started with ran out (an SSO or assumed-role session shorter than the run), or a member session outlived
 * the SDK's renewal (this host's clock behind AWS's), which {@link MemberSession} renews. Nothing more can be asked of
 * AWS with the management account's, nor with a member session refused again once renewed, so the run stops, charging
 * nobody, and once they are renewed the next run resumes where it stopped.
 */
public final class CredentialsExpiredException extends RuntimeException {

    private static final Set<String> CODES = Set.of("ExpiredToken", "ExpiredTokenException");
    /** The services policygen calls with the management account's own credentials (STS: the member role's renewal). */
    private static final Set<String> MANAGEMENT_SERVICES = Set.of("Sts", "Organizations", "CloudTrail");

    private final boolean memberSession;
    private final String awsSaid;

    private CredentialsExpiredException(String message, boolean memberSession, String awsSaid, Throwable cause) {
        super(message, cause);
        this.memberSession = memberSession;
        this.awsSaid = awsSaid;
    }

    /** A member account's role session refused, not the management account's own credentials (nor its AssumeRole). */
    public boolean memberSession() {
        return memberSession;
    }

    /** Throws the failure as this exception when AWS said in it that the credentials have expired: nobody's failure. */
    public static void throwIfIn(Throwable failure) {
        in(failure).ifPresent(expired -> {
            throw expired;
        });
    }

    /** The service, its code and its words: "AccessAnalyzer ExpiredTokenException: The security token ... expired". */
    public String awsSaid() {
        return awsSaid;
    }

    /** The failure as this exception, when it or one of its causes is AWS saying the credentials have expired. */
    public static Optional<CredentialsExpiredException> in(Throwable failure) {
        return Causes.find(failure, CredentialsExpiredException.class, expired -> true)
                .or(() -> Causes.find(failure, AwsServiceException.class,
                                e -> e.awsErrorDetails() != null && CODES.contains(e.awsErrorDetails().errorCode()))
                        .map(CredentialsExpiredException::of));
    }

    private static CredentialsExpiredException of(AwsServiceException e) {
        String service = e.awsErrorDetails().serviceName();
        String said = service + " " + e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage();
        String after = ": the next run resumes where this one stopped; nothing was charged to a principal or an account";
        boolean management = service != null && MANAGEMENT_SERVICES.contains(service);
        String message = management
                ? "the management account's credentials policygen was started with have expired (" + said
                        + "); renew them (a new SSO or assumed-role session) and run again" + after
                : "a member account's role session was refused as expired, and again once renewed (" + said
                        + "); run again" + after;
        return new CredentialsExpiredException(message, !management, said, e);
    }
}
