package io.policygen.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.accessanalyzer.AccessAnalyzerClient;
import software.amazon.awssdk.services.accessanalyzer.model.GetGeneratedPolicyResponse;
import software.amazon.awssdk.services.accessanalyzer.model.JobErrorCode;
import software.amazon.awssdk.services.accessanalyzer.model.JobStatus;
import software.amazon.awssdk.services.accessanalyzer.model.StartPolicyGenerationRequest;
import tools.jackson.databind.JsonNode;

/**
 * The CloudTrail log files a generation reads: the 100,000-file limit and durations that grow with the
 * files, on a manual clock. Every account is active in 4 Regions and writes 288 files per Region and day,
 * the few big accounts of the skewed distribution four times as many.
 */
class LogFilesContractIT {

    static final Duration GENERATION_TIME = Duration.ofMinutes(30);

    static Simulator simulator;
    static SimulatorClients clients;
    static CloudTrailActivity activity;

    @BeforeAll
    static void start() {
        simulator = Simulator.start(SimulatorOptions.builder().seed(7).accounts(12).principalsPerAccount(10)
                .suspendedAccounts(0).unassumableAccounts(0).generationTime(GENERATION_TIME)
                .generationJitter(Duration.ZERO).concurrentQuota(100).manualClock(Instant.parse("2026-03-02T08:00:00Z"))
                .build());
        clients = SimulatorClients.withoutRetries(simulator);
        activity = simulator.activity();
    }

    @AfterAll
    static void stop() throws Exception {
        clients.close();
        simulator.close();
    }

    /** The n-th account whose log files per Region and day are (or are not) the base rate. */
    static String account(boolean busy, int n) {
        return simulator.organization().accounts().stream().map(Account::id)
                .filter(id -> (activity.logFilesPerRegionDay(id) > 288) == busy).skip(n).findFirst().orElseThrow();
    }

    static String principal(String account) {
        return GenerationRequests.principals(simulator, account).getFirst().arn();
    }

    /** Starts the request, runs the clock past any generation's end, and answers its job as GetGeneratedPolicy does. */
    static GetGeneratedPolicyResponse run(String account, StartPolicyGenerationRequest request) {
        AccessAnalyzerClient analyzer = clients.accessAnalyzer(clients.member(account));
        String jobId = analyzer.startPolicyGeneration(request).jobId();
        simulator.clock().advance(GENERATION_TIME.multipliedBy(20));
        return analyzer.getGeneratedPolicy(r -> r.jobId(jobId));
    }

    static Duration took(GetGeneratedPolicyResponse response) {
        return Duration.between(response.jobDetails().startedOn(), response.jobDetails().completedOn());
    }

    @Test
    void shouldKeepEveryAccountActiveInFourRegionsTheHomeRegionFirst() throws Exception {
        // when
        JsonNode state;
        try (HttpClient http = HttpClient.newHttpClient()) {
            state = Protocols.JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(simulator.endpoint()
                    + "/_simulator/state?generations=false")).build(), HttpResponse.BodyHandlers.ofString()).body());
        }

        // then
        for (JsonNode account : state.get("accounts")) {
            String id = account.get("id").asString();
            List<String> regions = activity.activeRegions(id);
            assertThat(regions).hasSize(4).doesNotHaveDuplicates().first().isEqualTo("us-east-1");
            List<String> listed = new java.util.ArrayList<>();
            account.get("activeRegions").forEach(r -> listed.add(r.asString()));
            assertThat(listed).containsExactlyElementsOf(regions);
            assertThat(account.get("logFilesPerRegionDay").asInt()).isEqualTo(activity.logFilesPerRegionDay(id))
                    .isIn(288, 4 * 288);
        }
        assertThat(account(true, 0)).isNotBlank();
    }

    @Test
    void shouldFailForTheLogFileLimitOnlyWhenAGenerationReadsMoreThanAHundredThousandFiles() {
        // given: 4 Regions x 288 files a day: 86 days are 99,072 files, 87 days 100,224
        String account = account(false, 0);
        Instant now = simulator.clock().instant();

        // when
        GetGeneratedPolicyResponse within = run(account, GenerationRequests.allRegions(simulator.organization(),
                principal(account), now, Duration.ofDays(86)));
        GetGeneratedPolicyResponse above = run(account, GenerationRequests.allRegions(simulator.organization(),
                principal(account), simulator.clock().instant(), Duration.ofDays(87)));

        // then
        assertThat(within.jobDetails().status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(above.jobDetails().status()).as("accepted, then failed").isEqualTo(JobStatus.FAILED);
        assertThat(above.jobDetails().jobError().code()).isEqualTo(JobErrorCode.SERVICE_QUOTA_EXCEEDED_ERROR);
        assertThat(above.jobDetails().jobError().message())
                .isEqualTo("CloudTrail log files processed per policy generation limit exceeded");
        assertThat(took(above)).as("it stops at the limit").isEqualTo(Duration.ofMillis(
                Math.round(GENERATION_TIME.toMillis() * 100_000 / (30.0 * 288))));
        assertThat(simulator.generations()).filteredOn(g -> g.accountId().equals(account))
                .extracting(GenerationRecord::logFilesRead).containsExactly(4L * 288 * 86, 4L * 288 * 87);
    }

    @Test
    void shouldFailForTheDataSizeLimitWhereLargeFilesReachTwentyFiveGigabytesBeforeAHundredThousandOfThem() throws Exception {
        // given: files of 1 MB, so 25 GB are 25,600 of them; 4 Regions x 288 a day: 22 days are 25,344 files, 23 days 26,496
        try (Simulator large = Simulator.start(SimulatorOptions.builder().seed(7).accounts(12).principalsPerAccount(10)
                .suspendedAccounts(0).unassumableAccounts(0).generationTime(GENERATION_TIME).generationJitter(Duration.ZERO)
                .concurrentQuota(100).manualClock(Instant.parse("2026-03-02T08:00:00Z")).logFileKilobytes(1024).build());
             SimulatorClients largeClients = SimulatorClients.withoutRetries(large)) {
            String account = account(false, 0);
            AccessAnalyzerClient analyzer = largeClients.accessAnalyzer(largeClients.member(account));
            String principal = GenerationRequests.principals(large, account).getFirst().arn();
            List<GetGeneratedPolicyResponse> answers = new ArrayList<>();

            // when
            for (int days : new int[] {22, 23}) {
                String jobId = analyzer.startPolicyGeneration(GenerationRequests.allRegions(large.organization(), principal,
                        large.clock().instant(), Duration.ofDays(days))).jobId();
                large.clock().advance(GENERATION_TIME.multipliedBy(20));
                answers.add(analyzer.getGeneratedPolicy(r -> r.jobId(jobId)));
            }

            // then
            assertThat(answers.getFirst().jobDetails().status()).isEqualTo(JobStatus.SUCCEEDED);
            GetGeneratedPolicyResponse above = answers.getLast();
            assertThat(above.jobDetails().status()).as("accepted, then failed").isEqualTo(JobStatus.FAILED);
            assertThat(above.jobDetails().jobError().code()).isEqualTo(JobErrorCode.SERVICE_QUOTA_EXCEEDED_ERROR);
            assertThat(above.jobDetails().jobError().message()).isEqualTo(GenerationPlanner.DATA_LIMIT_MESSAGE);
            assertThat(took(above)).as("it stops at the limit").isEqualTo(Duration.ofMillis(
                    Math.round(GENERATION_TIME.toMillis() * 25_600 / (30.0 * 288))));
        }
    }

    @Test
    void shouldTakeTheGenerationTimeForThirtyDaysOfOneRegionAndLongerTheMoreFilesItReads() {
        // given
        String account = account(false, 1);
        String second = activity.activeRegions(account).get(1);
        String inactive = CloudTrailActivity.REGIONS.stream().filter(r -> !activity.activeRegions(account).contains(r))
                .findFirst().orElseThrow();

        // when
        Duration oneRegion = took(run(account, request(account, Duration.ofDays(30), "us-east-1")));
        Duration twoRegions = took(run(account, request(account, Duration.ofDays(30), "us-east-1", second)));
        Duration halfTheDays = took(run(account, request(account, Duration.ofDays(15), "us-east-1")));
        Duration withAnInactiveRegion = took(run(account, request(account, Duration.ofDays(30), "us-east-1", inactive)));

        // then
        assertThat(oneRegion).isEqualTo(GENERATION_TIME);
        assertThat(twoRegions).isEqualTo(GENERATION_TIME.multipliedBy(2));
        assertThat(halfTheDays).isEqualTo(GENERATION_TIME.dividedBy(2));
        assertThat(withAnInactiveRegion).as("a Region without activity has no files to read").isEqualTo(GENERATION_TIME);
        assertThat(activity.generationTime(activity.logFilesRead(account, List.of("us-east-1", second),
                Instant.EPOCH, Instant.EPOCH.plus(Duration.ofDays(30))))).isEqualTo(twoRegions);
    }

    @Test
    void shouldTakeFourTimesAsLongInABusyAccountAndExceedTheLimitSoonerThere() {
        // given
        String busy = account(true, 0);

        // when
        GetGeneratedPolicyResponse oneRegion = run(busy, request(busy, Duration.ofDays(30), "us-east-1"));
        GetGeneratedPolicyResponse everyRegion = run(busy, GenerationRequests.allRegions(simulator.organization(),
                principal(busy), simulator.clock().instant(), Duration.ofDays(30)));

        // then
        assertThat(took(oneRegion)).isEqualTo(GENERATION_TIME.multipliedBy(4));
        assertThat(oneRegion.jobDetails().status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(everyRegion.jobDetails().jobError().code()).as("4 x 1,152 x 30 = 138,240 files")
                .isEqualTo(JobErrorCode.SERVICE_QUOTA_EXCEEDED_ERROR);
    }

    static StartPolicyGenerationRequest request(String account, Duration window, String... regions) {
        return GenerationRequests.inRegions(simulator.organization(), principal(account), simulator.clock().instant(),
                window, List.of(regions));
    }
}
