package io.policygen.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CloudTrail activity rule in memory: Regions, files and durations, without a server. */
class CloudTrailActivityTest {

    static final Instant END = Instant.parse("2026-03-02T00:00:00Z");

    static CloudTrailActivity activity(SimulatorOptions options) {
        return new CloudTrailActivity(options, new SimulatedOrganization(options, java.time.Instant.parse("2026-01-01T00:00:00Z")));
    }

    @Test
    void shouldMakeEveryAccountActiveInTheHomeRegionAndSeededOthers() {
        // given
        SimulatorOptions options = SimulatorOptions.builder().seed(3).accounts(30).region("eu-west-1")
                .activeRegions(6).build();

        // when
        CloudTrailActivity activity = activity(options);
        CloudTrailActivity again = activity(options);

        // then
        for (int i = 0; i < 30; i++) {
            String id = SimulatedOrganization.accountId(3, i);
            assertThat(activity.activeRegions(id)).hasSize(6).doesNotHaveDuplicates().startsWith("eu-west-1")
                    .isSubsetOf(CloudTrailActivity.REGIONS).isEqualTo(again.activeRegions(id));
        }
        assertThat(List.of(1, 2, 3, 4).stream().map(i -> activity.activeRegions(SimulatedOrganization.accountId(3, i)))
                .distinct().count()).as("seeded per account").isGreaterThan(1);
    }

    @Test
    void shouldCountTheFilesOfTheActiveRegionsAskedForOverTheWindow() {
        // given
        CloudTrailActivity activity = activity(SimulatorOptions.builder().accounts(3)
                .distribution(SimulatorOptions.Distribution.UNIFORM).logFilesPerRegionDay(100).build());
        String account = SimulatedOrganization.accountId(7, 1);
        List<String> active = activity.activeRegions(account);
        String inactive = CloudTrailActivity.REGIONS.stream().filter(r -> !active.contains(r)).findFirst().orElseThrow();

        // then
        assertThat(activity.logFilesRead(account, active, END.minus(Duration.ofDays(30)), END)).isEqualTo(4 * 100 * 30);
        assertThat(activity.logFilesRead(account, List.of(active.get(1), inactive), END.minus(Duration.ofHours(12)), END))
                .isEqualTo(50);
        assertThat(activity.regionsAskedFor(account, true, List.of(), "us-east-1")).isEqualTo(active);
        assertThat(activity.regionsAskedFor(account, false, List.of(), "eu-west-1")).containsExactly("eu-west-1");
        assertThat(activity.regionsAskedFor(account, false, List.of("ap-south-1"), "eu-west-1"))
                .containsExactly("ap-south-1");
    }

    @Test
    void shouldTakeTheGenerationTimeForThirtyDaysOfOneRegionAndStopAtTheLimit() {
        // given
        CloudTrailActivity activity = activity(SimulatorOptions.builder().generationTime(Duration.ofMinutes(10))
                .logFilesPerRegionDay(288).build());

        // then
        assertThat(activity.generationTime(288 * 30)).isEqualTo(Duration.ofMinutes(10));
        assertThat(activity.generationTime(288 * 15)).isEqualTo(Duration.ofMinutes(5));
        assertThat(activity.generationTime(0)).isZero();
        assertThat(activity.generationTime(1_000_000)).isEqualTo(activity.generationTime(CloudTrailActivity.LOG_FILE_LIMIT));
    }

    @Test
    void shouldMakeOnlyTheBigAccountsOfTheSkewedDistributionBusier() {
        // given
        SimulatorOptions skewed = SimulatorOptions.builder().accounts(40).build();
        CloudTrailActivity activity = activity(skewed);

        // then
        for (int i = 0; i < 40; i++) {
            assertThat(activity.logFilesPerRegionDay(SimulatedOrganization.accountId(7, i)))
                    .isEqualTo(AccountSizes.large(skewed, i) ? 4 * 288 : 288);
        }
        assertThat(activity(skewed.toBuilder().distribution(SimulatorOptions.Distribution.UNIFORM).build())
                .logFilesPerRegionDay(SimulatedOrganization.accountId(7, someLarge(skewed))))
                .isEqualTo(288);
    }

    /** The index of the first large account of a skewed organization. */
    static int someLarge(SimulatorOptions options) {
        return java.util.stream.IntStream.range(0, options.accounts()).filter(i -> AccountSizes.large(options, i))
                .findFirst().orElseThrow();
    }
}
