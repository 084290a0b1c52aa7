package io.policygen.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.accessanalyzer.AccessAnalyzerClient;
import software.amazon.awssdk.services.accessanalyzer.model.StartPolicyGenerationRequest;
import software.amazon.awssdk.services.accessanalyzer.model.ValidationException;

/** A simulator and a member account's Access Analyzer client for each test, on a manual clock; requests as the job sends them. */
abstract class GenerationContractBase {

    static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

    Simulator simulator;
    SimulatorClients clients;
    String account;
    AccessAnalyzerClient analyzer;
    List<Principal> principals;

    @BeforeEach
    void start() {
        start(options());
    }

    static SimulatorOptions.Builder options() {
        return SimulatorOptions.builder().accounts(6).principalsPerAccount(12)
                .distribution(SimulatorOptions.Distribution.UNIFORM).suspendedAccounts(0).unassumableAccounts(1)
                .generationTime(Duration.ofMinutes(3)).generationJitter(Duration.ofSeconds(30))
                .dailyQuota(3).activeRegions(1).manualClock(T0);
    }

    void start(SimulatorOptions.Builder options) {
        if (simulator != null) {
            simulator.close();
        }
        simulator = Simulator.start(options.build());
        clients = new SimulatorClients(simulator);
        account = simulator.organization().accounts().stream().filter(a -> !a.management() && a.assumable())
                .findFirst().orElseThrow().id();
        analyzer = clients.accessAnalyzer(clients.member(account));
        // principals whose policy fits one document (GeneratedPoliciesContractIT covers the split ones), used within
        // the requests' 30 days
        principals = simulator.organization().principals(account).stream()
                .filter(p -> !p.serviceLinked() && !simulator.usage(p.arn()).broad()
                        && GenerationRequests.usedWithin(simulator, p.arn(), Duration.ofDays(30))).toList();
    }

    @AfterEach
    void stop() throws Exception {
        clients.close();
        simulator.close();
    }

    StartPolicyGenerationRequest.Builder validRequest() {
        return request(principals.getFirst().arn(), UUID.randomUUID().toString()).toBuilder();
    }

    static String validation(Runnable call) {
        try {
            call.run();
        } catch (ValidationException e) {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.reasonAsString()).isNotBlank();
            return e.awsErrorDetails().errorMessage();
        }
        throw new AssertionError("expected a ValidationException");
    }

    StartPolicyGenerationRequest request(String principalArn, String clientToken) {
        return StartPolicyGenerationRequest.builder()
                .policyGenerationDetails(d -> d.principalArn(principalArn))
                .cloudTrailDetails(c -> c.accessRole(simulator.organization().accessRoleArn(account))
                        .trails(t -> t.cloudTrailArn(simulator.organization().trailArn()).allRegions(true))
                        .startTime(T0.minus(Duration.ofDays(30))).endTime(T0))
                .clientToken(clientToken)
                .build();
    }

    String startFor(int principal) {
        return analyzer.startPolicyGeneration(request(principals.get(principal).arn(), UUID.randomUUID().toString()))
                .jobId();
    }
}
