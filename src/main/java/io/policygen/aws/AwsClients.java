package io.policygen.aws;

import io.policygen.throttle.CallRateLimits;
import io.policygen.throttle.RateScope;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.accessanalyzer.AccessAnalyzerClient;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The one place that builds AWS clients: Region, endpoint override (the simulator), credentials, both call
 * timeouts (the SDK has no default for either), the retry strategy, client-side rate limits and call metrics.
 * All clients share one HTTP connection pool.
 */
public final class AwsClients implements AutoCloseable {

    /** IAM is global: its API is signed for, and served from, us-east-1 in the aws partition. */
    private static final Region IAM_REGION = Region.US_EAST_1;
    /** A shared client's own credentials: none, so that a request not made as a member account fails instead of going as the management account. */
    private static final AwsCredentialsProvider NO_CREDENTIALS = () -> {
        throw SdkClientException.create("this client is shared by the member accounts: a request must carry its account's credentials");
    };

    private final AwsProperties properties;
    private final MemberRole memberRole;
    private final AwsCredentialsProvider managementCredentials;
    private final CallRateLimits limits;
    private final AwsCallMetrics metrics;
    private final SdkHttpClient http;
    /**
     * The timers of every client's call timeouts: without it, each client starts a scheduler of its own, threads and
     * all, and ten thousand slots' Access Analyzer clients held eighteen thousand idle platform threads.
     */
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(2,
            Thread.ofPlatform().daemon().name("aws-timer-", 1).factory());
    private final OrganizationsClient organizations;
    private final StsClient sts;
    private final Map<String, CloudTrailClient> cloudTrails = new ConcurrentHashMap<>();
    private final Map<String, AccessAnalyzerClient> accessAnalyzers = new ConcurrentHashMap<>();
    private final Map<String, MemberSession> memberSessions = new ConcurrentHashMap<>();

    public AwsClients(AwsProperties properties, MemberRole memberRole,
                      AwsCredentialsProvider managementCredentials, CallRateLimits limits, AwsCallMetrics metrics) {
        this.properties = properties;
        this.memberRole = memberRole;
        this.managementCredentials = managementCredentials;
        this.limits = limits;
        this.metrics = metrics;
        this.http = ApacheHttpClient.builder().maxConnections(properties.maxConnections()).build();
        this.organizations = configure(OrganizationsClient.builder(), managementCredentials, RateScope.MANAGEMENT,
                Region.of(properties.region())).build();
        this.sts = configure(StsClient.builder(), managementCredentials, RateScope.MANAGEMENT,
                Region.of(properties.region())).build();
    }

    public OrganizationsClient organizations() {
        return organizations;
    }

    /** The management account's STS: who policygen runs as (GetCallerIdentity), and the source of member roles. */
    public StsClient sts() {
        return sts;
    }

    /** The management account's CloudTrail in a Region (a trail is read in the Region of its ARN), kept until closed. */
    public CloudTrailClient cloudTrail(String region) {
        return cloudTrails.computeIfAbsent(region, r -> configure(CloudTrailClient.builder(), managementCredentials,
                RateScope.MANAGEMENT, Region.of(r)).build());
    }

    public AwsCallMetrics metrics() {
        return metrics;
    }

    /**
     * The member account's clients, acting through its member role; close it when the account's work is done. The role's
     * session is kept for the run (renewed when AWS refuses it as expired: {@link MemberSession}) and shared by all of
     * the account's work (discovery, every generation Region): one AssumeRole per account and run, as AWS recommends,
     * instead of one per step and Region. (10,000 slots starting at once would otherwise wait for 10,000 AssumeRole
     * calls.)
     */
    public MemberAccount memberAccount(String accountId) {
        MemberSession session = memberSessions.computeIfAbsent(accountId,
                id -> new MemberSession(id, () -> assumeRole(id)));
        Function<MemberAccount, IamClient> iam = member ->
                configure(IamClient.builder(), member.session(), RateScope.account(accountId), IAM_REGION).build();
        return new MemberAccount(accountId, session, iam, this::accessAnalyzer);
    }

    /**
     * The Region's Access Analyzer client, shared by every member account: each request carries its account's
     * credentials and rate scope ({@link MemberAccount#accessAnalyzer}), and one without them fails. Building a client
     * costs more than a call (the SDK reads its interceptors from the classpath each time): ten thousand slots, each
     * building its own, spent a sixth of the job's CPU at their start on it.
     */
    private AccessAnalyzerClient accessAnalyzer(String region) {
        return accessAnalyzers.computeIfAbsent(region, r -> configure(AccessAnalyzerClient.builder(), NO_CREDENTIALS, null,
                Region.of(r)).build());
    }

    private StsAssumeRoleCredentialsProvider assumeRole(String accountId) {
        return StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .asyncCredentialUpdateEnabled(false)
                .refreshRequest(request -> {
                    request.roleArn(memberRole.arn(accountId)).roleSessionName(memberRole.sessionName());
                    if (memberRole.externalId() != null) {
                        request.externalId(memberRole.externalId());
                    }
                })
                .build();
    }

    /** Forgets what was kept for an account (its rate limiters) once its work in this run is done. */
    public void release(String accountId) {
        limits.release(accountId);
    }

    private <B extends AwsClientBuilder<B, ?> & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, ?>> B configure(
            B builder, AwsCredentialsProvider credentials, RateScope rateScope, Region region) {
        builder.region(region)
                .credentialsProvider(credentials)
                .httpClient(http)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(properties.apiCallTimeout())
                        .apiCallAttemptTimeout(properties.apiCallAttemptTimeout())
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(properties.maxAttempts())
                                .build())
                        .scheduledExecutorService(timers)
                        .addExecutionInterceptor(new RateLimitingInterceptor(limits, rateScope))
                        .addMetricPublisher(metrics)
                        .build());
        if (properties.endpoint() != null) {
            builder.endpointOverride(properties.endpoint());
        }
        return builder;
    }

    @Override
    public void close() {
        memberSessions.values().forEach(MemberSession::close);
        cloudTrails.values().forEach(CloudTrailClient::close);
        accessAnalyzers.values().forEach(AccessAnalyzerClient::close);
        organizations.close();
        sts.close();
        http.close();
        timers.shutdownNow();
    }
}
