package io.policygen.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.accessanalyzer.AccessAnalyzerClient;
import software.amazon.awssdk.services.accessanalyzer.model.GeneratedPolicy;
import software.amazon.awssdk.services.accessanalyzer.model.GetGeneratedPolicyResponse;
import software.amazon.awssdk.services.accessanalyzer.model.JobStatus;
import tools.jackson.databind.JsonNode;

/** The generated policies: incomplete where services are known only at service level, split when long. */
class GeneratedPoliciesContractIT {

    static final String ACCOUNT = SimulatedOrganization.accountId(7, 1);
    /** Each generation's window, ending now: the principals tried were used within it. */
    static final Duration WINDOW = Duration.ofDays(30);

    static Simulator simulator;
    static SimulatorClients clients;
    static AccessAnalyzerClient analyzer;

    @BeforeAll
    static void start() {
        simulator = Simulator.start(SimulatorOptions.builder().seed(7).accounts(2).principalsPerAccount(200)
                .generationTime(Duration.ofMinutes(2)).generationJitter(Duration.ZERO).activeRegions(1)
                .concurrentQuota(100).manualClock(Instant.parse("2026-03-02T08:00:00Z")).build());
        clients = SimulatorClients.withoutRetries(simulator);
        analyzer = clients.accessAnalyzer(clients.member(ACCOUNT));
    }

    @AfterAll
    static void stop() throws Exception {
        clients.close();
        simulator.close();
    }

    static List<String> principals(boolean serviceLevelOnly, boolean broad) {
        return GenerationRequests.principals(simulator, ACCOUNT).stream().map(Principal::arn)
                .filter(arn -> simulator.usage(arn).serviceLevelOnly() == serviceLevelOnly
                        && simulator.usage(arn).broad() == broad && GenerationRequests.usedWithin(simulator, arn, WINDOW)).toList();
    }

    static GetGeneratedPolicyResponse generate(String principalArn, boolean placeholders) {
        String jobId = start(principalArn);
        simulator.clock().advance(Duration.ofMinutes(2));
        return analyzer.getGeneratedPolicy(r -> r.jobId(jobId).includeResourcePlaceholders(placeholders));
    }

    static String start(String principalArn) {
        return analyzer.startPolicyGeneration(GenerationRequests.inRegions(simulator.organization(),
                principalArn, simulator.clock().instant(), WINDOW, List.of("us-east-1"))).jobId();
    }

    static List<String> actions(String policy) {
        List<String> actions = new ArrayList<>();
        JsonNode document = Protocols.JSON.readTree(policy);
        assertThat(document.get("Version").asString()).isEqualTo("2012-10-17");
        document.get("Statement").forEach(statement -> statement.get("Action").forEach(a -> actions.add(a.asString())));
        return actions;
    }

    @Test
    void shouldSayIncompleteForAPrincipalUsingServicesKnownOnlyAtServiceLevel() {
        // given
        String incomplete = principals(true, false).getFirst();
        String complete = principals(false, false).getFirst();

        // when
        GetGeneratedPolicyResponse serviceLevel = generate(incomplete, false);
        GetGeneratedPolicyResponse actionLevel = generate(complete, false);

        // then
        assertThat(serviceLevel.jobDetails().status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(serviceLevel.generatedPolicyResult().properties().isComplete()).isFalse();
        assertThat(serviceLevel.generatedPolicyResult().generatedPolicies()).singleElement()
                .satisfies(p -> assertThat(actions(p.policy())).anyMatch(a -> a.endsWith(":*")));
        assertThat(actionLevel.generatedPolicyResult().properties().isComplete()).isTrue();
        assertThat(actionLevel.generatedPolicyResult().generatedPolicies()).singleElement()
                .satisfies(p -> assertThat(actions(p.policy())).noneMatch(a -> a.endsWith(":*")));
    }

    @Test
    void shouldSplitAPolicyLongerThanSixThousandOneHundredFortyFourCharactersIntoSeveral() {
        // given
        String broad = principals(false, true).getFirst();

        // when
        List<String> policies = generate(broad, true).generatedPolicyResult().generatedPolicies().stream()
                .map(GeneratedPolicy::policy).toList();

        // then
        assertThat(policies).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(policy -> assertThat(policy.length()).isLessThanOrEqualTo(6_144));
        assertThat(policies.stream().mapToInt(String::length).sum()).isGreaterThan(6_144);
        List<String> actions = policies.stream().flatMap(policy -> actions(policy).stream()).toList();
        assertThat(actions).hasSizeGreaterThan(200).doesNotHaveDuplicates()
                .contains("s3:GetObject", "rds:DescribeDBInstances");
        assertThat(simulator.usage(broad).complete()).isTrue();
    }

    @Test
    void shouldStillNameWhatAPrincipalDidWhenItIsDeletedBeforeItsGenerationEnds() {
        // given a principal that used services, and its generation started
        String doomed = principals(false, false).stream()
                .filter(arn -> !simulator.usage(arn).idle()).findFirst().orElseThrow();
        String jobId = start(doomed);

        // when it is deleted while its generation runs
        assertThat(simulator.organization().deletePrincipal(doomed)).isTrue();
        simulator.clock().advance(Duration.ofMinutes(2));
        GetGeneratedPolicyResponse after = analyzer.getGeneratedPolicy(r -> r.jobId(jobId));

        // then CloudTrail still holds what it did
        assertThat(after.jobDetails().status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(after.generatedPolicyResult().properties().principalArn()).isEqualTo(doomed);
        assertThat(after.generatedPolicyResult().generatedPolicies()).isNotEmpty()
                .allSatisfy(p -> assertThat(actions(p.policy())).isNotEmpty());
    }
}
