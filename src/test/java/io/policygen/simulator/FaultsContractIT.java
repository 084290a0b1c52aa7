package io.policygen.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.accessanalyzer.AccessAnalyzerClient;
import software.amazon.awssdk.services.accessanalyzer.model.StartPolicyGenerationRequest;

/** Throttling, rates, 5xx, latency and lost responses, as the real SDK clients see them. */
class FaultsContractIT {

    static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

    final AtomicLong ticker = new AtomicLong();
    Simulator simulator;
    SimulatorClients clients;
    SimulatorClients noRetries;
    String member;

    @BeforeEach
    void start() {
        simulator = Simulator.start(SimulatorOptions.builder().accounts(4).principalsPerAccount(6)
                .suspendedAccounts(0).unassumableAccounts(0).manualClock(T0).nanoTicker(ticker::get).build());
        clients = new SimulatorClients(simulator);
        noRetries = SimulatorClients.withoutRetries(simulator);
        member = simulator.organization().accounts().get(1).id();
    }

    @AfterEach
    void stop() throws Exception {
        clients.close();
        noRetries.close();
        simulator.close();
    }

    @Test
    void shouldLetTheSdkRetryThrottledCallsUntilTheySucceed() {
        // given
        simulator.faults().throttleNext("ListAccounts", 2);
        simulator.faults().throttleNext("ListRoles", 2);
        simulator.faults().throttleNext("ListPolicyGenerations", 2);

        // when
        clients.organizations().listAccounts();
        clients.iam(clients.member(member)).listRoles();
        clients.accessAnalyzer(clients.member(member)).listPolicyGenerations(r -> { });

        // then
        RequestCounts counts = simulator.requestCounts();
        assertThat(counts.count("organizations", "ListAccounts", "TooManyRequestsException")).isEqualTo(2);
        assertThat(counts.count("organizations", "ListAccounts", "ok")).isEqualTo(1);
        assertThat(counts.count("iam", "ListRoles", "Throttling")).isEqualTo(2);
        assertThat(counts.count("iam", "ListRoles", "ok")).isEqualTo(1);
        assertThat(counts.count("access-analyzer", "ListPolicyGenerations", "ThrottlingException")).isEqualTo(2);
        assertThat(counts.count("access-analyzer", "ListPolicyGenerations", "ok")).isEqualTo(1);
    }

    @Test
    void shouldThrottleBeyondTheRateWithEachServicesOwnError() {
        // given
        simulator.rates().setDefaultRate(1);

        // when the ticker does not move, the second call in a second is beyond the rate
        noRetries.organizations().listRoots();
        noRetries.iam(noRetries.management()).listUsers();
        noRetries.sts(noRetries.management()).getCallerIdentity();
        noRetries.accessAnalyzer(noRetries.management()).listPolicyGenerations(r -> { });

        // then
        assertThat(code(() -> noRetries.organizations().listRoots())).isEqualTo("400 TooManyRequestsException");
        assertThat(code(() -> noRetries.iam(noRetries.management()).listUsers())).isEqualTo("400 Throttling");
        assertThat(code(() -> noRetries.sts(noRetries.management()).getCallerIdentity()))
                .isEqualTo("400 Throttling");
        assertThat(code(() -> noRetries.accessAnalyzer(noRetries.management()).listPolicyGenerations(r -> { })))
                .isEqualTo("429 ThrottlingException");
        ticker.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(noRetries.organizations().listRoots().roots()).hasSize(1);
    }

    @Test
    void shouldAnswerEachServicesOwnInternalError() {
        // given
        simulator.faults().set(Faults.ALL, FaultSettings.NONE.withErrorRate(1));

        // then
        assertThat(code(() -> noRetries.organizations().listRoots())).isEqualTo("500 ServiceException");
        assertThat(code(() -> noRetries.iam(noRetries.management()).listUsers())).isEqualTo("500 ServiceFailure");
        assertThat(code(() -> noRetries.sts(noRetries.management()).getCallerIdentity()))
                .isEqualTo("500 InternalFailure");
        assertThat(code(() -> noRetries.accessAnalyzer(noRetries.management()).listPolicyGenerations(r -> { })))
                .isEqualTo("500 InternalServerException");
    }

    @Test
    void shouldLetTheSdkRetryTheNextFailedCalls() {
        // given
        simulator.faults().failNext("GetCallerIdentity", 2);

        // when
        String account = clients.sts(clients.management()).getCallerIdentity().account();

        // then
        assertThat(account).isEqualTo(simulator.organization().managementAccountId());
        assertThat(simulator.requestCounts().count("sts", "GetCallerIdentity", "InternalFailure")).isEqualTo(2);
    }

    @Test
    void shouldDelayAnswersByTheAddedLatency() {
        // given
        simulator.faults().set("ListRoots", FaultSettings.NONE.withLatency(Duration.ofMillis(300)));

        // when
        long started = System.nanoTime();
        noRetries.organizations().listRoots();

        // then
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void shouldStartTheGenerationEvenWhenItsResponseIsLost() {
        // given
        simulator.faults().set("StartPolicyGeneration", FaultSettings.NONE.withLostStartResponses(1));
        AccessAnalyzerClient analyzer = noRetries.accessAnalyzer(noRetries.member(member));
        StartPolicyGenerationRequest request = startRequest(UUID.randomUUID().toString());

        // when
        String lost = code(() -> analyzer.startPolicyGeneration(request));

        // then
        assertThat(lost).isEqualTo("500 InternalServerException");
        assertThat(simulator.generations()).singleElement()
                .satisfies(g -> assertThat(g.clientToken()).isEqualTo(request.clientToken()));

        // and the same clientToken recovers the jobId without a second generation
        simulator.faults().clear();
        String jobId = analyzer.startPolicyGeneration(request).jobId();
        assertThat(simulator.generations()).singleElement()
                .satisfies(g -> assertThat(g.jobId()).isEqualTo(jobId));
    }

    @Test
    void shouldLetTheSdkRetryALostStartIntoTheSameJob() {
        // given
        simulator.faults().set("StartPolicyGeneration", FaultSettings.NONE.withLostStartResponses(0.5));
        AccessAnalyzerClient analyzer = clients.accessAnalyzer(clients.member(member));

        // when the SDK retries the 500, it resends the same clientToken
        for (int i = 0; i < 6; i++) {
            try {
                analyzer.startPolicyGeneration(startRequest(UUID.randomUUID().toString()));
            } catch (AwsServiceException e) {
                // all attempts lost: fine, the generation is recorded anyway
            }
            simulator.clock().advance(Duration.ofMinutes(5));
        }

        // then: one generation per call, however many attempts
        assertThat(simulator.generations()).hasSize(6);
        assertThat(simulator.requestCounts().count("access-analyzer", "StartPolicyGeneration",
                "InternalServerException")).isPositive();
    }

    @Test
    void shouldNotFindAGenerationUntilItIsReadable() {
        // given
        simulator.faults().set("GetGeneratedPolicy", FaultSettings.NONE.withUnreadableFor(Duration.ofSeconds(30)));
        AccessAnalyzerClient analyzer = noRetries.accessAnalyzer(noRetries.member(member));
        String jobId = analyzer.startPolicyGeneration(startRequest(UUID.randomUUID().toString())).jobId();

        // when / then: as a generation Access Analyzer no longer has, until 30 s after its start
        simulator.clock().advance(Duration.ofSeconds(29));
        assertThat(code(() -> analyzer.getGeneratedPolicy(r -> r.jobId(jobId)))).isEqualTo("404 ResourceNotFoundException");
        assertThat(analyzer.listPolicyGenerations(r -> { }).policyGenerations()).as("the listing is not delayed").hasSize(1);
        simulator.clock().advance(Duration.ofSeconds(1));
        assertThat(analyzer.getGeneratedPolicy(r -> r.jobId(jobId)).jobDetails().jobId()).isEqualTo(jobId);
    }

    StartPolicyGenerationRequest startRequest(String clientToken) {
        Principal principal = simulator.organization().principals(member).stream().filter(p -> !p.serviceLinked())
                .findFirst().orElseThrow();
        return StartPolicyGenerationRequest.builder()
                .policyGenerationDetails(d -> d.principalArn(principal.arn()))
                .cloudTrailDetails(c -> c.accessRole(simulator.organization().accessRoleArn(member))
                        .trails(t -> t.cloudTrailArn(simulator.organization().trailArn()))
                        .startTime(simulator.clock().instant().minus(Duration.ofDays(30)))
                        .endTime(simulator.clock().instant()))
                .clientToken(clientToken)
                .build();
    }

    static String code(Runnable call) {
        return SigningContractIT.code(call);
    }
}
