package io.policygen.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.policygen.generation.GenerationProperties.Trail;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogFileEstimateTest {

    static final String ARN = "arn:aws:cloudtrail:us-east-1:111122223333:trail/organization-trail";

    static LogFileEstimate estimate(String lookback, Trail trail, List<String> generationRegions) {
        return LogFileEstimate.of(Duration.parse(lookback), List.of(trail), List.of("us-east-1"), generationRegions);
    }

    @Test
    void shouldCountDaysTimesListedRegionsTimes288() {
        LogFileEstimate estimate = estimate("P30D", new Trail(ARN, List.of("us-east-1"), false), List.of("us-east-1"));

        assertThat(estimate.days()).isEqualTo(30);
        assertThat(estimate.regions()).isEqualTo(1);
        assertThat(estimate.files()).isEqualTo(8_640);
        assertThat(estimate.fits()).isTrue();
        assertThat(estimate.assumed()).isFalse();
        assertThat(estimate.trails()).singleElement().extracting(LogFileEstimate.TrailRegions::basis)
                .isEqualTo("listed: us-east-1");
    }

    @Test
    void shouldGiveTheLargestLookbackThatFitsWhenOverTheLimit() {
        LogFileEstimate estimate = estimate("P90D",
                new Trail(ARN, List.of("us-east-1", "us-west-2", "eu-west-1", "ap-south-1"), false), List.of("us-east-1"));

        assertThat(estimate.files()).isEqualTo(103_680);
        assertThat(estimate.fits()).isFalse();
        assertThat(estimate.largestDaysThatFit()).isEqualTo(86);
        assertThat(LogFileProblem.of(estimate).line()).isEqualTo("log files: policygen.generation.lookback: a generation "
                + "would read about 103,680 CloudTrail log files (an estimate: 90 days x 4 Regions x 288 files per "
                + "Region and day), over the 100,000 it may read: it would be accepted, then fail, and still count "
                + "against the account's daily quota. Fix: set policygen.generation.lookback to P86D or less (the "
                + "largest that fits), or list fewer Regions in policygen.generation.trails[].regions");
    }

    @Test
    void shouldFitExactlyAtTheLimitAndNotOneDayMore() {
        Trail fourRegions = new Trail(ARN, List.of("us-east-1", "us-west-2", "eu-west-1", "ap-south-1"), false);

        assertThat(estimate("P86D", fourRegions, List.of("us-east-1")).fits()).isTrue();
        assertThat(estimate("P87D", fourRegions, List.of("us-east-1")).fits()).isFalse();
    }

    @Test
    void shouldAssumeTheHomeAndGenerationRegionsForAllRegionsAndSaySo() {
        LogFileEstimate estimate = estimate("P90D", new Trail(ARN, List.of(), true), List.of("eu-west-1", "us-east-1"));

        assertThat(estimate.regions()).isEqualTo(2);
        assertThat(estimate.assumed()).isTrue();
        assertThat(estimate.trails()).singleElement().extracting(LogFileEstimate.TrailRegions::basis)
                .isEqualTo("all-regions reads every Region an account is active in; assumed us-east-1, eu-west-1, the "
                        + "trail's home Region and the generation Regions, the only ones policygen sees");
        assertThat(estimate.largestRegionsThatFit()).isEqualTo(3);
    }

    @Test
    void shouldAssumeOneRegionWhenTheTrailNamesNeither() {
        LogFileEstimate estimate = estimate("P90D", new Trail(ARN, List.of(), false), List.of("eu-west-1", "us-east-1"));

        assertThat(estimate.regions()).isEqualTo(1);
        assertThat(estimate.assumed()).isTrue();
        assertThat(estimate.files()).isEqualTo(25_920);
    }

    @Test
    void shouldCountADayBegunAsADay() {
        assertThat(estimate("P29DT1H", new Trail(ARN, List.of("us-east-1"), false), List.of("us-east-1")).days())
                .isEqualTo(30);
    }

    @Test
    void shouldAddTheRegionsOfEveryTrail() {
        LogFileEstimate estimate = LogFileEstimate.of(Duration.ofDays(30),
                List.of(new Trail(ARN, List.of("us-east-1", "eu-west-1"), false),
                        new Trail(ARN.replace("organization-trail", "other"), List.of("us-east-1"), false)),
                List.of("us-east-1", "us-east-1"), List.of("us-east-1"));

        assertThat(estimate.regions()).isEqualTo(3);
        assertThat(estimate.files()).isEqualTo(30 * 3 * 288);
    }
}
