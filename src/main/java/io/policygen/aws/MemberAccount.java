package io.policygen.aws;

import io.policygen.throttle.RateScope;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.accessanalyzer.AccessAnalyzerClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.IoUtils;

/**
 * The clients of one member account, acting as its member role. Its IAM client is built on first use, kept for the
 * account's work, and closed with it, so thousands of accounts never hold thousands of idle clients; Access Analyzer
 * is the Region's shared client, each request made as this account ({@link MemberAccessAnalyzer}). The role's
 * credentials are {@link AwsClients}'s, kept for the run: closing the account leaves them.
 */
public final class MemberAccount implements AutoCloseable {

    private final String accountId;
    private final StsAssumeRoleCredentialsProvider credentials;
    private final Function<MemberAccount, IamClient> iamFactory;
    private final Function<String, AccessAnalyzerClient> sharedAccessAnalyzers;
    private volatile IamClient iam;

    MemberAccount(String accountId, StsAssumeRoleCredentialsProvider credentials,
                  Function<MemberAccount, IamClient> iamFactory,
                  Function<String, AccessAnalyzerClient> sharedAccessAnalyzers) {
        this.accountId = accountId;
        this.credentials = credentials;
        this.iamFactory = iamFactory;
        this.sharedAccessAnalyzers = sharedAccessAnalyzers;
    }

    public String accountId() {
        return accountId;
    }

    /** Assumes the member role now, so that an account we cannot enter fails here, with STS's error. */
    public void assumeRole() {
        credentials.resolveCredentials();
    }

    AwsCredentialsProvider credentials() {
        return credentials;
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
                .credentialsProvider(credentials)
                .putExecutionAttribute(RateLimitingInterceptor.SCOPE, RateScope.accountInRegion(accountId, region))
                .build());
    }

    @Override
    public void close() {
        IoUtils.closeQuietlyV2(iam, null);
    }
}
