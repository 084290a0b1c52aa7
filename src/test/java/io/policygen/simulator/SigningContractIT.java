package io.policygen.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;

/** SigV4 verification and credentials: every service refuses unknown keys and bad signatures its own way. */
class SigningContractIT {

    static Simulator simulator;
    static SimulatorClients clients;
    static AwsCredentialsProvider unknownKey = SimulatorClients.keys("AKIAUNKNOWNUNKNOWN01", "whatever");
    static AwsCredentialsProvider wrongSecret;

    @BeforeAll
    static void start() {
        simulator = Simulator.start(SimulatorOptions.builder().accounts(5).principalsPerAccount(5).manualClock(true)
                .build());
        clients = SimulatorClients.withoutRetries(simulator);
        wrongSecret = SimulatorClients.keys(simulator.credentials().accessKeyId(), "not-the-secret");
    }

    @AfterAll
    static void stop() throws Exception {
        clients.close();
        simulator.close();
    }

    @Test
    void shouldRefuseAnUnknownAccessKeyInEachServicesOwnTerms() {
        assertThat(code(() -> clients.sts(unknownKey).getCallerIdentity())).isEqualTo("403 InvalidClientTokenId");
        assertThat(code(() -> clients.iam(unknownKey).listRoles())).isEqualTo("403 InvalidClientTokenId");
        assertThat(code(() -> clients.organizations(unknownKey).listRoots()))
                .isEqualTo("403 UnrecognizedClientException");
        assertThat(code(() -> clients.accessAnalyzer(unknownKey).listPolicyGenerations(r -> { })))
                .isEqualTo("403 UnrecognizedClientException");
    }

    @Test
    void shouldRefuseASignatureMadeWithTheWrongSecret() {
        assertThat(code(() -> clients.sts(wrongSecret).getCallerIdentity())).isEqualTo("403 SignatureDoesNotMatch");
        assertThat(code(() -> clients.iam(wrongSecret).listUsers())).isEqualTo("403 SignatureDoesNotMatch");
        assertThat(code(() -> clients.organizations(wrongSecret).listRoots()))
                .isEqualTo("403 InvalidSignatureException");
        assertThat(code(() -> clients.accessAnalyzer(wrongSecret).listPolicyGenerations(r -> { })))
                .isEqualTo("403 InvalidSignatureException");
    }

    @Test
    void shouldRefuseTemporaryCredentialsWithoutTheirSessionToken() {
        // given
        Credentials issued = assumeMemberRole();

        // when
        AwsCredentialsProvider withoutToken = SimulatorClients.keys(issued.accessKeyId(), issued.secretAccessKey());
        AwsCredentialsProvider wrongToken = SimulatorClients.session(issued.accessKeyId(), issued.secretAccessKey(),
                issued.sessionToken() + "x");
        AwsCredentialsProvider rightToken = SimulatorClients.session(issued.accessKeyId(), issued.secretAccessKey(),
                issued.sessionToken());

        // then
        assertThat(code(() -> clients.sts(withoutToken).getCallerIdentity())).isEqualTo("403 InvalidClientTokenId");
        assertThat(code(() -> clients.sts(wrongToken).getCallerIdentity())).isEqualTo("403 InvalidClientTokenId");
        assertThat(clients.sts(rightToken).getCallerIdentity().account()).isNotEqualTo(
                simulator.organization().managementAccountId());
    }

    @Test
    void shouldHandOutTemporaryCredentialsThatBelongToTheAssumedAccount() {
        // given
        String member = member();

        // when
        AssumeRoleResponse response = clients.sts(clients.management()).assumeRole(r -> r
                .roleArn(simulator.organization().memberRoleArn(member)).roleSessionName("s1").durationSeconds(900));

        // then
        Credentials c = response.credentials();
        assertThat(c.accessKeyId()).startsWith("ASIA");
        assertThat(c.secretAccessKey()).isNotBlank();
        assertThat(c.sessionToken()).isNotBlank();
        assertThat(c.expiration()).isAfter(java.time.Instant.now());
        assertThat(response.assumedRoleUser().arn())
                .isEqualTo("arn:aws:sts::" + member + ":assumed-role/OrganizationAccountAccessRole/s1");
        var session = SimulatorClients.session(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
        assertThat(clients.iam(session).listRoles().roles())
                .allMatch(role -> role.arn().startsWith("arn:aws:iam::" + member + ":"));
    }

    @Test
    void shouldCountRefusedRequestsByTheirErrorCode() {
        long before = simulator.requestCounts().count("sts", "GetCallerIdentity", "InvalidClientTokenId");
        code(() -> clients.sts(unknownKey).getCallerIdentity());
        assertThat(simulator.requestCounts().count("sts", "GetCallerIdentity", "InvalidClientTokenId"))
                .isEqualTo(before + 1);
    }

    static String member() {
        return simulator.organization().accounts().stream().filter(a -> !a.management() && a.assumable() && a.active())
                .findFirst().orElseThrow().id();
    }

    static Credentials assumeMemberRole() {
        return clients.sts(clients.management()).assumeRole(r -> r
                .roleArn(simulator.organization().memberRoleArn(member())).roleSessionName("test")).credentials();
    }

    /** "STATUS Code" of the service error a call ends with. */
    static String code(Runnable call) {
        try {
            call.run();
        } catch (AwsServiceException e) {
            return e.statusCode() + " " + e.awsErrorDetails().errorCode();
        }
        throw new AssertionError("the call succeeded");
    }
}
