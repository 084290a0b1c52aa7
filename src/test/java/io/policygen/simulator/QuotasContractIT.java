package io.policygen.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.accessanalyzer.AccessAnalyzerClient;
import software.amazon.awssdk.services.accessanalyzer.model.ConflictException;
import software.amazon.awssdk.services.accessanalyzer.model.JobStatus;
import software.amazon.awssdk.services.accessanalyzer.model.PolicyGeneration;
import software.amazon.awssdk.services.accessanalyzer.model.ServiceQuotaExceededException;
import tools.jackson.databind.JsonNode;

/**
 * The quotas as the SDK sees them: the concurrent one refused as ServiceQuotaExceeded or Conflict, the
 * daily one per Region, and a console user's generation holding the account's slot.
 */
class QuotasContractIT {

    static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
    static final Duration GENERATION_TIME = Duration.ofMinutes(3);
    static final String A = SimulatedOrganization.accountId(7, 1);

    Simulator simulator;
    SimulatorClients clients;

    void start(UnaryOperator<SimulatorOptions.Builder> options) {
        simulator = Simulator.start(options.apply(SimulatorOptions.builder().seed(7).accounts(3)
                .principalsPerAccount(60).distribution(SimulatorOptions.Distribution.UNIFORM).suspendedAccounts(0)
                .unassumableAccounts(0).generationTime(GENERATION_TIME).generationJitter(Duration.ZERO)
                .activeRegions(1).manualClock(T0)).build());
        clients = SimulatorClients.withoutRetries(simulator);
    }

    @AfterEach
    void stop() throws Exception {
        clients.close();
        simulator.close();
    }

    AccessAnalyzerClient analyzer(Region region) {
        return clients.accessAnalyzer(clients.member(A), region);
    }

    String startFor(int principal, Region region) {
        return startFor(principal, region, region);
    }

    /** A generation in {@code region} of the trail's logs of {@code trailRegion} (the account's activity is there). */
    String startFor(int principal, Region region, Region trailRegion) {
        String arn = GenerationRequests.principals(simulator, A).get(principal).arn();
        return analyzer(region).startPolicyGeneration(GenerationRequests.inRegions(simulator.organization(), arn,
                simulator.clock().instant(), Duration.ofDays(30), List.of(trailRegion.id()))).jobId();
    }

    /** The refusal as it came over the wire: status, x-amzn-ErrorType and the JSON body. */
    static JsonNode wire(AwsServiceException e, int status, String errorType) {
        assertThat(e.statusCode()).isEqualTo(status);
        assertThat(e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amzn-ErrorType")).contains(errorType);
        return Protocols.JSON.readTree(e.awsErrorDetails().rawResponse().asUtf8String());
    }

    @Test
    void shouldRefuseAStartWhileOneIsInProgressWithServiceQuotaExceededNamingTheConcurrentQuota() {
        // given
        start(o -> o);
        startFor(0, Region.US_EAST_1);

        // then
        assertThatThrownBy(() -> startFor(1, Region.US_EAST_1))
                .isInstanceOfSatisfying(ServiceQuotaExceededException.class, e -> {
                    JsonNode body = wire(e, 402, "ServiceQuotaExceededException");
                    assertThat(body.get("message").asString()).startsWith("Concurrent policy generations quota exceeded");
                    assertThat(body.get("resourceId").asString()).isEqualTo(A).isEqualTo(e.resourceId());
                    assertThat(body.get("resourceType").asString()).isEqualTo("PolicyGeneration");
                });
    }

    @Test
    void shouldRefuseAStartWhileOneIsInProgressWithConflictWhenConfiguredSoAndTheDailyQuotaStillAsQuota() {
        // given
        start(o -> o.concurrencyError(ConcurrencyError.CONFLICT).dailyQuota(1));
        String inProgress = startFor(0, Region.US_EAST_1);

        // then
        assertThatThrownBy(() -> startFor(1, Region.US_EAST_1))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    JsonNode body = wire(e, 409, "ConflictException");
                    assertThat(body.get("message").asString()).contains("already in progress", inProgress);
                    assertThat(e.resourceId()).isEqualTo(inProgress);
                    assertThat(e.resourceType()).isEqualTo("PolicyGeneration");
                });
        simulator.clock().advance(GENERATION_TIME);
        assertThatThrownBy(() -> startFor(1, Region.US_EAST_1))
                .isInstanceOfSatisfying(ServiceQuotaExceededException.class, e -> {
                    JsonNode body = wire(e, 402, "ServiceQuotaExceededException");
                    assertThat(body.get("message").asString()).startsWith("Daily policy generations quota exceeded");
                });
    }

    @Test
    void shouldAllowFiveADayInTheSmallRegionsAndFiftyElsewhere() {
        // given
        start(o -> o);

        // when
        for (int i = 0; i < 5; i++) {
            startFor(i, Region.AF_SOUTH_1);
            startFor(i, Region.EU_WEST_1);
            simulator.clock().advance(GENERATION_TIME);
        }

        // then
        assertThatThrownBy(() -> startFor(5, Region.AF_SOUTH_1))
                .isInstanceOfSatisfying(ServiceQuotaExceededException.class,
                        e -> assertThat(e.getMessage()).contains("at most 5 policy generations"));
        assertThat(startFor(5, Region.EU_WEST_1)).isNotBlank();
        assertThat(List.of("af-south-1", "ap-east-1", "ap-southeast-3", "eu-south-1", "me-south-1"))
                .allSatisfy(region -> assertThat(simulator.dailyQuota(region)).isEqualTo(5));
        assertThat(simulator.dailyQuota("eu-west-1")).isEqualTo(50);
    }

    @Test
    void shouldCountTheQuotasAcrossTheAccountsRegionsWhenScopedToTheAccountWhileEachRegionListsItsOwn() {
        // given
        start(o -> o.quotaScope(QuotaScope.ACCOUNT).dailyQuota(3));
        String inEurope = startFor(0, Region.EU_WEST_1, Region.US_EAST_1);

        // then
        assertThatThrownBy(() -> startFor(1, Region.US_EAST_1)).as("the generation in eu-west-1 holds the account")
                .isInstanceOfSatisfying(ServiceQuotaExceededException.class, e -> assertThat(e.getMessage())
                        .contains("Concurrent", "per account (account", inEurope));
        assertThat(analyzer(Region.US_EAST_1).listPolicyGenerations(r -> { }).policyGenerations()).isEmpty();
        simulator.clock().advance(GENERATION_TIME);
        startFor(1, Region.US_EAST_1);
        simulator.clock().advance(GENERATION_TIME);
        startFor(2, Region.AP_SOUTHEAST_2);
        simulator.clock().advance(GENERATION_TIME);
        assertThatThrownBy(() -> startFor(3, Region.US_EAST_1)).as("three started in three Regions")
                .isInstanceOfSatisfying(ServiceQuotaExceededException.class, e -> assertThat(e.getMessage())
                        .contains("Daily", "at most 3 policy generations started per account in 24 hours"));
        assertThat(analyzer(Region.US_EAST_1).listPolicyGenerations(r -> { }).policyGenerations()).hasSize(1);
        simulator.clock().advance(Duration.ofDays(1));
        assertThat(startFor(3, Region.US_EAST_1)).isNotBlank();
    }

    @Test
    void shouldLetAnExplicitDailyQuotaOverrideEveryRegion() {
        // given
        start(o -> o.dailyQuota(8));

        // when
        for (int i = 0; i < 8; i++) {
            startFor(i, Region.AF_SOUTH_1);
            simulator.clock().advance(GENERATION_TIME);
        }

        // then
        assertThatThrownBy(() -> startFor(8, Region.AF_SOUTH_1)).isInstanceOf(ServiceQuotaExceededException.class);
        simulator.setDailyQuota(0);
        assertThat(simulator.dailyQuota("af-south-1")).isEqualTo(5);
    }

    @Test
    void shouldListAConsoleUsersGenerationAndHoldTheSlotWithIt() {
        // given
        start(o -> o.dailyQuota(2));
        GenerationRecord console = simulator.startConsoleGeneration(A, null, "us-east-1", Duration.ofDays(30));

        // when
        List<PolicyGeneration> listed = analyzer(Region.US_EAST_1).listPolicyGenerationsPaginator(r -> { })
                .policyGenerations().stream().toList();

        // then
        assertThat(console.clientToken()).isNull();
        assertThat(console.console()).isTrue();
        assertThat(listed).singleElement().satisfies(g -> {
            assertThat(g.jobId()).isEqualTo(console.jobId());
            assertThat(g.principalArn()).isEqualTo(console.principalArn());
            assertThat(g.status()).isEqualTo(JobStatus.IN_PROGRESS);
        });
        assertThatThrownBy(() -> startFor(1, Region.US_EAST_1))
                .isInstanceOfSatisfying(ServiceQuotaExceededException.class,
                        e -> assertThat(e.getMessage()).contains("Concurrent", console.jobId()));
        simulator.clock().advance(GENERATION_TIME);
        String ours = startFor(1, Region.US_EAST_1);
        simulator.clock().advance(GENERATION_TIME);
        assertThatThrownBy(() -> startFor(2, Region.US_EAST_1)).as("the console's counts in the daily quota")
                .isInstanceOfSatisfying(ServiceQuotaExceededException.class,
                        e -> assertThat(e.getMessage()).contains("Daily"));
        assertThat(analyzer(Region.US_EAST_1).listPolicyGenerations(r -> { }).policyGenerations())
                .extracting(PolicyGeneration::jobId).containsExactly(ours, console.jobId());
        assertThatThrownBy(() -> simulator.startConsoleGeneration(A, null, "us-east-1", Duration.ofDays(1)))
                .isInstanceOfSatisfying(GenerationRefusedException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("ServiceQuotaExceededException"));
    }

    @Test
    void shouldPageThroughEveryGenerationOfTheAccountAndRegionWithoutAPrincipalFilter() {
        // given
        start(o -> o.concurrentQuota(20).dailyQuota(20));
        for (int i = 0; i < 7; i++) {
            startFor(i, Region.US_EAST_1);
            simulator.clock().advance(Duration.ofMinutes(1));
        }
        simulator.startConsoleGeneration(A, null, "us-east-1", Duration.ofDays(7));
        startFor(0, Region.EU_WEST_1);
        clients.accessAnalyzer(clients.member(SimulatedOrganization.accountId(7, 2))).startPolicyGeneration(
                GenerationRequests.inRegions(simulator.organization(), GenerationRequests.principals(simulator,
                        SimulatedOrganization.accountId(7, 2)).getFirst().arn(), simulator.clock().instant(),
                        Duration.ofDays(30), List.of("us-east-1")));

        // when
        List<PolicyGeneration> paged = analyzer(Region.US_EAST_1).listPolicyGenerationsPaginator(r -> r.maxResults(3))
                .policyGenerations().stream().toList();
        List<PolicyGeneration> onePage = analyzer(Region.US_EAST_1).listPolicyGenerations(r -> r.maxResults(5000))
                .policyGenerations();

        // then
        List<String> expected = simulator.generations().stream()
                .filter(g -> g.accountId().equals(A) && g.region().equals("us-east-1"))
                .map(GenerationRecord::jobId).toList().reversed();
        assertThat(paged).extracting(PolicyGeneration::jobId).hasSize(8).containsExactlyElementsOf(expected);
        assertThat(onePage).extracting(PolicyGeneration::jobId).containsExactlyElementsOf(expected);
    }
}
