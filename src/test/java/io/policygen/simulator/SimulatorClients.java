package io.policygen.simulator;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
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
 * Builds the real AWS SDK v2 clients against a simulator, for tests: endpoint override, static
 * management credentials, the Apache HTTP client, and assumed-role credentials for member accounts.
 * Closes everything it built.
 */
final class SimulatorClients implements AutoCloseable {

    private final URI endpoint;
    private final ManagementCredentials keys;
    private final String region;
    private final String memberRoleName;
    private final SdkHttpClient http = ApacheHttpClient.builder().maxConnections(64).build();
    /** Clients are built from the tests' worker threads too (ScaleIT's member clients). */
    private final List<AutoCloseable> built = Collections.synchronizedList(new ArrayList<>());

    private final boolean retries;

    /** Clients that retry like the SDK's standard strategy, with short backoffs so tests stay fast. */
    SimulatorClients(Simulator simulator) {
        this(simulator, true);
    }

    private SimulatorClients(Simulator simulator, boolean retries) {
        this(simulator.endpoint(), simulator.credentials(), simulator.organization().region(),
                simulator.organization().memberRoleName(), retries);
    }

    /** Clients for a simulator running elsewhere (e.g. standalone), given what it printed. */
    SimulatorClients(URI endpoint, ManagementCredentials keys, String region, String memberRoleName, boolean retries) {
        this.endpoint = endpoint;
        this.keys = keys;
        this.region = region;
        this.memberRoleName = memberRoleName;
        this.retries = retries;
    }

    /** Clients that never retry: a test sees each answer of the simulator as it is. */
    static SimulatorClients withoutRetries(Simulator simulator) {
        return new SimulatorClients(simulator, false);
    }

    AwsCredentialsProvider management() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(
                keys.accessKeyId(), keys.secretAccessKey()));
    }

    static AwsCredentialsProvider keys(String accessKeyId, String secret) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret));
    }

    static AwsCredentialsProvider session(String accessKeyId, String secret, String token) {
        return StaticCredentialsProvider.create(AwsSessionCredentials.create(accessKeyId, secret, token));
    }

    /** Credentials of the member role in {@code accountId}, assumed (and refreshed) by the SDK. */
    AwsCredentialsProvider member(String accountId) {
        return member(accountId, null);
    }

    AwsCredentialsProvider member(String accountId, String externalId) {
        StsAssumeRoleCredentialsProvider provider = StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts(management()))
                .asyncCredentialUpdateEnabled(false)
                .refreshRequest(r -> r.roleArn("arn:aws:iam::" + accountId + ":role/" + memberRoleName)
                        .roleSessionName("policygen-test").externalId(externalId))
                .build();
        built.add(provider);
        return provider;
    }

    OrganizationsClient organizations() {
        return organizations(management());
    }

    OrganizationsClient organizations(AwsCredentialsProvider credentials) {
        return track(OrganizationsClient.builder().region(Region.US_EAST_1)
                .endpointOverride(endpoint).credentialsProvider(credentials)
                .httpClient(http).overrideConfiguration(timeouts()).build());
    }

    StsClient sts(AwsCredentialsProvider credentials) {
        return track(StsClient.builder().region(Region.US_EAST_1)
                .endpointOverride(endpoint).credentialsProvider(credentials)
                .httpClient(http).overrideConfiguration(timeouts()).build());
    }

    IamClient iam(AwsCredentialsProvider credentials) {
        return track(IamClient.builder().region(Region.AWS_GLOBAL)
                .endpointOverride(endpoint).credentialsProvider(credentials)
                .httpClient(http).overrideConfiguration(timeouts()).build());
    }

    AccessAnalyzerClient accessAnalyzer(AwsCredentialsProvider credentials) {
        return accessAnalyzer(credentials, Region.of(region));
    }

    AccessAnalyzerClient accessAnalyzer(AwsCredentialsProvider credentials, Region region) {
        return track(AccessAnalyzerClient.builder().region(region)
                .endpointOverride(endpoint).credentialsProvider(credentials)
                .httpClient(http).overrideConfiguration(timeouts()).build());
    }

    CloudTrailClient cloudTrail(AwsCredentialsProvider credentials) {
        return cloudTrail(credentials, Region.of(region));
    }

    CloudTrailClient cloudTrail(AwsCredentialsProvider credentials, Region region) {
        return track(CloudTrailClient.builder().region(region)
                .endpointOverride(endpoint).credentialsProvider(credentials)
                .httpClient(http).overrideConfiguration(timeouts()).build());
    }

    private ClientOverrideConfiguration timeouts() {
        BackoffStrategy shortBackoff = BackoffStrategy.exponentialDelay(Duration.ofMillis(5), Duration.ofMillis(50));
        return ClientOverrideConfiguration.builder()
                .apiCallTimeout(Duration.ofSeconds(30))
                .apiCallAttemptTimeout(Duration.ofSeconds(10))
                .retryStrategy(retries
                        ? AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .backoffStrategy(shortBackoff).throttlingBackoffStrategy(shortBackoff)
                                .circuitBreakerEnabled(false).build()
                        : AwsRetryStrategy.doNotRetry())
                .build();
    }

    private <T extends AutoCloseable> T track(T client) {
        built.add(client);
        return client;
    }

    @Override
    public void close() throws Exception {
        synchronized (built) {
            for (AutoCloseable c : built.reversed()) {
                c.close();
            }
        }
        http.close();
    }
}
