package io.policygen.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.accessanalyzer.model.AccessDeniedException;
import software.amazon.awssdk.services.accessanalyzer.model.GetGeneratedPolicyResponse;
import software.amazon.awssdk.services.accessanalyzer.model.JobErrorCode;
import software.amazon.awssdk.services.accessanalyzer.model.JobStatus;
import software.amazon.awssdk.services.accessanalyzer.model.ServiceQuotaExceededException;

/** Generations that Access Analyzer accepts and that then end FAILED, through the real SDK client. */
class JobErrorsContractIT {

    static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
    static final Duration GENERATION_TIME = Duration.ofMinutes(3);
    static final long SEED = 7;
    static final String A = SimulatedOrganization.accountId(SEED, 1);
    static final String B = SimulatedOrganization.accountId(SEED, 2);

    Simulator simulator;
    SimulatorClients clients;

    void start(UnaryOperator<SimulatorOptions.Builder> options) {
        simulator = Simulator.start(options.apply(SimulatorOptions.builder().seed(SEED).accounts(4)
                .principalsPerAccount(8).distribution(SimulatorOptions.Distribution.UNIFORM).suspendedAccounts(0)
                .unassumableAccounts(0).generationTime(GENERATION_TIME).generationJitter(Duration.ZERO)
                .activeRegions(1).manualClock(T0)).build());
        clients = SimulatorClients.withoutRetries(simulator);
    }

    @AfterEach
    void stop() throws Exception {
        clients.close();
        simulator.close();
    }

    String principal(String account, int n) {
        return GenerationRequests.principals(simulator, account).get(n).arn();
    }

    String startFor(String principalArn) {
        return clients.accessAnalyzer(clients.member(principalArn.substring(13, 25))).startPolicyGeneration(
                GenerationRequests.inRegions(simulator.organization(), principalArn, simulator.clock().instant(),
                        Duration.ofDays(30), List.of("us-east-1"))).jobId();
    }

    GetGeneratedPolicyResponse get(String account, String jobId) {
        return clients.accessAnalyzer(clients.member(account)).getGeneratedPolicy(r -> r.jobId(jobId));
    }

    /** Starts a generation for the principal, lets it run to its end, and answers what GetGeneratedPolicy says. */
    GetGeneratedPolicyResponse generate(String principalArn) {
        String jobId = startFor(principalArn);
        assertThat(get(principalArn.substring(13, 25), jobId).jobDetails().status()).isEqualTo(JobStatus.IN_PROGRESS);
        simulator.clock().advance(GENERATION_TIME);
        return get(principalArn.substring(13, 25), jobId);
    }

    static void assertFailed(GetGeneratedPolicyResponse response, JobErrorCode code, String messagePart) {
        assertThat(response.jobDetails().status()).isEqualTo(JobStatus.FAILED);
        assertThat(response.jobDetails().jobError().code()).isEqualTo(code);
        assertThat(response.jobDetails().jobError().message()).contains(messagePart);
        assertThat(response.generatedPolicyResult().generatedPolicies()).isEmpty();
        assertThat(response.generatedPolicyResult().properties().isComplete()).isFalse();
    }

    @Test
    void shouldFailAfterAcceptanceWithTheJobErrorSetForTheAccount() {
        // given
        start(o -> o.failingAccount(A, io.policygen.simulator.JobErrorCode.RESOURCE_NOT_FOUND_ERROR));

        // when
        GetGeneratedPolicyResponse failing = generate(principal(A, 0));
        GetGeneratedPolicyResponse other = generate(principal(B, 0));

        // then
        assertFailed(failing, JobErrorCode.RESOURCE_NOT_FOUND_ERROR, simulator.organization().trailArn());
        assertThat(other.jobDetails().status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(simulator.generations()).extracting(GenerationRecord::errorCode)
                .containsExactly(io.policygen.simulator.JobErrorCode.RESOURCE_NOT_FOUND_ERROR, null);
    }

    @Test
    void shouldFailOnlyTheGenerationsOfTheFailingPrincipal() throws Exception {
        // given: the organization is seeded, so a principal's ARN is known before it starts
        start(o -> o);
        String failing = principal(A, 0);
        stop();
        start(o -> o.failingPrincipal(failing, io.policygen.simulator.JobErrorCode.SERVICE_QUOTA_EXCEEDED_ERROR));

        // when
        GetGeneratedPolicyResponse first = generate(failing);
        GetGeneratedPolicyResponse other = generate(principal(A, 1));

        // then
        assertFailed(first, JobErrorCode.SERVICE_QUOTA_EXCEEDED_ERROR, "limit exceeded");
        assertThat(other.jobDetails().status()).isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    void shouldFailGenerationsStartedAfterAJobErrorIsSetAtRunTimeUntilItIsCleared() throws Exception {
        // given
        start(o -> o);
        String before = startFor(principal(A, 0));

        // when
        assertThat(control("POST", "/_simulator/job-errors?account=" + A + "&code=AUTHORIZATION_ERROR")).isEqualTo(200);
        simulator.clock().advance(GENERATION_TIME);
        GetGeneratedPolicyResponse during = generate(principal(A, 1));
        assertThat(control("DELETE", "/_simulator/job-errors?account=" + A)).isEqualTo(200);
        GetGeneratedPolicyResponse after = generate(principal(A, 2));

        // then
        assertThat(get(A, before).jobDetails().status()).as("its end was fixed when it started")
                .isEqualTo(JobStatus.SUCCEEDED);
        assertFailed(during, JobErrorCode.AUTHORIZATION_ERROR, simulator.organization().accessRoleArn(A));
        assertThat(after.jobDetails().status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(control("POST", "/_simulator/job-errors?account=" + A + "&code=NOT_A_CODE")).isEqualTo(400);
    }

    @Test
    void shouldCountFailedAndCancelledGenerationsAgainstTheDailyQuota() {
        // given
        start(o -> o.dailyQuota(2).failingAccount(A, io.policygen.simulator.JobErrorCode.SERVICE_ERROR));
        assertFailed(generate(principal(A, 0)), JobErrorCode.SERVICE_ERROR, "internal service error");
        String cancelled = startFor(principal(A, 1));
        clients.accessAnalyzer(clients.member(A)).cancelPolicyGeneration(r -> r.jobId(cancelled));

        // then
        assertThatThrownBy(() -> startFor(principal(A, 2)))
                .isInstanceOfSatisfying(ServiceQuotaExceededException.class,
                        e -> assertThat(e.getMessage()).contains("Daily"));
    }

    @Test
    void shouldFailAfterAcceptanceWhenAccessRoleIsMissing() {
        // given
        start(o -> o.brokenAccessRole(A, AccessRoleBreak.MISSING).brokenAccessRole(B, AccessRoleBreak.UNTRUSTED));

        // then
        assertFailed(generate(principal(A, 0)), JobErrorCode.AUTHORIZATION_ERROR, "does not exist");
        assertFailed(generate(principal(B, 0)), JobErrorCode.AUTHORIZATION_ERROR,
                "does not allow access-analyzer.amazonaws.com");
    }

    @Test
    void shouldFailEveryAccountsGenerationsWhenTheTrailBucketIsBroken() {
        // given
        start(o -> o.brokenTrailBucket(true));

        // then
        for (String account : List.of(A, B, simulator.organization().managementAccountId())) {
            assertFailed(generate(principal(account, 0)), JobErrorCode.AUTHORIZATION_ERROR,
                    "could not access the CloudTrail bucket " + simulator.organization().trail().bucket());
        }
        simulator.setup().breakTrailBucket(false);
        assertThat(generate(principal(A, 1)).jobDetails().status()).isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    void shouldRefuseTheStartWhereTheMemberRoleMayNotPassTheAccessRole() {
        // given
        start(o -> o.noPassRole(A));

        // then
        assertThatThrownBy(() -> startFor(principal(A, 0)))
                .isInstanceOfSatisfying(AccessDeniedException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.getMessage()).contains("iam:PassRole", simulator.organization().accessRoleArn(A));
                });
        assertThat(simulator.generations()).isEmpty();
        assertThat(generate(principal(B, 0)).jobDetails().status()).isEqualTo(JobStatus.SUCCEEDED);
    }

    int control(String method, String pathAndQuery) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(simulator.endpoint() + pathAndQuery))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode();
        }
    }
}
