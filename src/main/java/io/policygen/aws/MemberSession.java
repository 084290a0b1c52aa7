package io.policygen.aws;

import io.policygen.log.LogEvent;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * A member account's role session, kept for the run and renewed when AWS refuses it as expired. The SDK renews a
 * session 5 minutes before its expiration by this host's clock; a clock further behind AWS's has AWS refuse a session
 * the SDK still holds valid, and without a renewal every call of the account would be refused until the SDK's own
 * reckoning caught up. One renewal per refusal, however many of the account's calls (its Regions' slots, discovery)
 * were refused with the same session.
 */
public final class MemberSession implements AwsCredentialsProvider, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MemberSession.class);

    private final String accountId;
    private final Supplier<StsAssumeRoleCredentialsProvider> assume;
    private volatile StsAssumeRoleCredentialsProvider current;
    /** How many times the session was renewed: a call refused with a session already renewed since it began renews nothing. */
    private volatile int renewals;

    MemberSession(String accountId, Supplier<StsAssumeRoleCredentialsProvider> assume) {
        this.accountId = accountId;
        this.assume = assume;
        this.current = assume.get();
    }

    @Override
    public AwsCredentials resolveCredentials() {
        return current.resolveCredentials();
    }

    /**
     * Makes a call as this session; refused because the session has expired, renews the session (a new AssumeRole, on
     * the retried call) and makes it once more. Safe for every call policygen makes: a request refused for its
     * credentials did nothing at AWS, and StartPolicyGeneration carries its clientToken. A second refusal, or the
     * renewal's own (the management account's credentials have expired), is thrown to the caller.
     */
    public <T> T call(String operation, Supplier<T> request) {
        int seen = renewals;
        try {
            return request.get();
        } catch (SdkException e) {
            CredentialsExpiredException expired = CredentialsExpiredException.in(e)
                    .filter(CredentialsExpiredException::memberSession).orElseThrow(() -> e);
            renew(seen, operation, expired);
            return request.get();
        }
    }

    private synchronized void renew(int seen, String operation, CredentialsExpiredException expired) {
        if (renewals != seen) {
            return;
        }
        // the refused provider is left to the collector, not closed: a call may be resolving with it now, and it
        // holds no thread (asyncCredentialUpdateEnabled false)
        current = assume.get();
        renewals++;
        LogEvent.warn(log, "member-session-renewed").with("account", accountId).with("operation", operation)
                .quoted("reason", expired.awsSaid() + "; renewed before the SDK would have: is this host's clock behind AWS's?")
                .log();
    }

    @Override
    public void close() {
        current.close();
    }
}
