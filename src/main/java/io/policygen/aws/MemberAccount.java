package io.policygen.aws;

import io.policygen.throttle.RateScope;
import java.util.function.Function;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.accessanalyzer.AccessAnalyzerClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.utils.IoUtils;

/**
 * The clients of one member account, acting as its member role. Its IAM client is built on first use, kept for the
 * account's work, and closed with it, so thousands of accounts never hold thousands of idle clients; Access Analyzer
 * is the Region's shared client, each request made as this account ({@link MemberAccessAnalyzer}). The role's
 * session is {@link AwsClients}'s, kept for the run: closing the account leaves it.
 */
public final class MemberAccount implements AutoCloseable {

    private final String accountId;
    private final MemberSession session;
    private final Function<MemberAccount, IamClient> iamFactory;
    private final Function<String, AccessAnalyzerClient> sharedAccessAnalyzers;
    private volatile IamClient iam;

    MemberAccount(String accountId, MemberSession session,
                  Function<MemberAccount, IamClient> iamFactory,
                  Function<String, AccessAnalyzerClient> sharedAccessAnalyzers) {
        this.accountId = accountId;
        this.session = session;
        this.iamFactory = iamFactory;
        this.sharedAccessAnalyzers = sharedAccessAnalyzers;
    }

    public String accountId() {
        return accountId;
    }

    /** Assumes the member role now, so that an account we cannot enter fails here, with STS's error. */
    public void assumeRole() {
        session.resolveCredentials();
    }

    /** The role's session: its credentials, and {@link MemberSession#call} to make a call it renews when refused as expired. */
    public MemberSession session() {
        return session;
    }

    public IamClient iam() {
        if (iam == null) {
            synchronized (this) {
                if (iam == null) {
                    iam = iamFactory.apply(this);
                }
            }
        }
        return iam;
    }

    public MemberAccessAnalyzer accessAnalyzer(String region) {
        return new MemberAccessAnalyzer(sharedAccessAnalyzers.apply(region), AwsRequestOverrideConfiguration.builder()
                .credentialsProvider(session)
                .putExecutionAttribute(RateLimitingInterceptor.SCOPE, RateScope.accountInRegion(accountId, region))
                .build(), session);
    }

    @Override
    public void close() {
        IoUtils.closeQuietlyV2(iam, null);
    }
}
