package io.policygen.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.policygen.aws.AwsProperties;
import io.policygen.generation.GenerationProperties;
import io.policygen.organization.OrganizationProperties;
import io.policygen.principal.PrincipalProperties;
import io.policygen.principal.PrincipalType;
import io.policygen.run.RunProperties;
import io.policygen.throttle.ThrottleProperties;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigurationValidatorTest {

    static final String TRAIL = "arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail";

    private AwsProperties aws = new AwsProperties("us-east-1", null, Duration.ofMinutes(2), Duration.ofSeconds(30), 8, 50, "system");
    private OrganizationProperties organization = new OrganizationProperties(List.of(), List.of(), List.of(),
            "OrganizationAccountAccessRole", null, "policygen", Duration.ofSeconds(30));
    private PrincipalProperties principals = new PrincipalProperties(List.of(PrincipalType.ROLE, PrincipalType.USER),
            List.of("/aws-service-role/"), List.of(), List.of(), 8, 1000, Duration.ofMinutes(2), Duration.ofSeconds(30));
    private GenerationProperties generation = generation(TRAIL, "arn:aws:iam::{accountId}:role/service-role/AccessAnalyzerMonitorServiceRole",
            Duration.ofDays(90), 50, List.of());
    private ThrottleProperties throttle = new ThrottleProperties(5, 500);
    private RunProperties run = new RunProperties(Duration.ofHours(8), Duration.ofSeconds(30), false, Duration.ofHours(12), Duration.ofSeconds(90));

    private static GenerationProperties generation(String trailArn, String template, Duration lookback, int dailyQuota, List<String> regions) {
        return new GenerationProperties(List.of(new GenerationProperties.Trail(trailArn, List.of(), true)), template, lookback,
                Duration.ofDays(30), dailyQuota, regions, 3, false, false, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofHours(6),
                java.util.Map.of(), 3, 3, Duration.ofDays(7), io.policygen.generation.GenerationOrder.BREADTH_FIRST);
    }

    private List<String> problems() {
        return ConfigurationValidator.validate(aws, organization, principals, generation, throttle, run);
    }

    @Test
    void shouldAcceptTheDocumentedDefaultsWithATrail() {
        assertThat(problems()).isEmpty();
    }

    @Test
    void shouldNameTheLookbackWhenItExceedsNinetyDays() {
        generation = generation(TRAIL, generation.accessRoleArnTemplate(), Duration.ofDays(91), 50, List.of());

        assertThat(problems()).singleElement().asString()
                .startsWith("policygen.generation.lookback:").contains("90 days").endsWith("was P91D");
    }

    @Test
    void shouldShowWholeDaysAsDaysAndAnyOtherDurationAsIs() {
        assertThat(ConfigurationValidator.shown(Duration.ofDays(120))).isEqualTo("P120D");
        assertThat(ConfigurationValidator.shown(Duration.ofDays(2).plusHours(1))).isEqualTo("PT49H");
        assertThat(ConfigurationValidator.shown(Duration.ofSeconds(30))).isEqualTo("PT30S");
        assertThat(ConfigurationValidator.shown(Duration.ofDays(-1))).isEqualTo("P-1D");
        assertThat(ConfigurationValidator.shown(Duration.ZERO)).isEqualTo("PT0S");
        assertThat(ConfigurationValidator.shown(null)).isEqualTo("null");
    }

    @Test
    void shouldNameABadTrailArnAndABadTemplate() {
        generation = generation("arn:aws:s3:::bucket", "arn:aws:iam::123456789012:role/Fixed", Duration.ofDays(30), 50, List.of());

        assertThat(problems()).anySatisfy(p -> assertThat(p).startsWith("policygen.generation.trails[0].arn:").contains("arn:aws:s3:::bucket"))
                .anySatisfy(p -> assertThat(p).startsWith("policygen.generation.access-role-arn-template:").contains("{accountId}"));
    }

    @Test
    void shouldRefuseADailyQuotaAboveAwsQuotaAndABadRegion() {
        generation = generation(TRAIL, generation.accessRoleArnTemplate(), Duration.ofDays(30), 51, List.of("us-east-1", "mars-1"));

        assertThat(problems()).anySatisfy(p -> assertThat(p).startsWith("policygen.generation.daily-quota:").contains("51"))
                .anySatisfy(p -> assertThat(p).startsWith("policygen.generation.regions:").contains("mars-1"));
    }

    @Test
    void shouldRefuseARegionNamedAsOneButUnknownToTheSdkAndNameItsNeighbours() {
        generation = generation(TRAIL, generation.accessRoleArnTemplate(), Duration.ofDays(30), 50, List.of("us-east-9", "eu-west-1"));

        assertThat(problems()).singleElement().satisfies(p -> assertThat(p)
                .startsWith("policygen.generation.regions: 'us-east-9' is not a Region the AWS SDK of this build")
                .contains("it knows us-east-1, us-east-2"));
    }

    @Test
    void shouldRefuseNonPositiveRatesAndBadAccountIds() {
        throttle = new ThrottleProperties(0, -1);
        organization = new OrganizationProperties(List.of("ou-bad"), List.of("12345"), List.of(), "Org Role!", "x", "policygen", Duration.ofSeconds(-1));

        assertThat(problems()).anySatisfy(p -> assertThat(p).startsWith("policygen.throttle.per-account-rate:"))
                .anySatisfy(p -> assertThat(p).startsWith("policygen.throttle.overall-rate:"))
                .anySatisfy(p -> assertThat(p).startsWith("policygen.organization.ou-ids:").contains("ou-bad"))
                .anySatisfy(p -> assertThat(p).startsWith("policygen.organization.include-accounts:").contains("12345"))
                .anySatisfy(p -> assertThat(p).startsWith("policygen.organization.member-role-name:"))
                .anySatisfy(p -> assertThat(p).startsWith("policygen.organization.external-id:"))
                .anySatisfy(p -> assertThat(p).startsWith("policygen.organization.listing-retry-after:").contains("was PT-1S"));
    }

    @Test
    void shouldRequireAnEndpointForTheSimulatorClockAndAnHttpEndpoint() {
        aws = new AwsProperties("us-east-1", null, Duration.ofMinutes(2), Duration.ofSeconds(30), 8, 50, "simulator");
        assertThat(problems()).singleElement().asString().startsWith("policygen.aws.clock:");

        aws = new AwsProperties("us-east-1", URI.create("ftp://x"), Duration.ofMinutes(2), Duration.ofMinutes(3), 8, 50, "system");
        assertThat(problems()).anySatisfy(p -> assertThat(p).startsWith("policygen.aws.endpoint:"))
                .anySatisfy(p -> assertThat(p).startsWith("policygen.aws.api-call-attempt-timeout:"));
    }

    @Test
    void shouldRefuseANegativeMinAgeAndNoWaitForTheCredentialReport() {
        generation = new GenerationProperties(generation.trails(), generation.accessRoleArnTemplate(), Duration.ofDays(30),
                Duration.ofDays(30), 50, List.of(), 3, false, false, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofHours(6),
                java.util.Map.of(), 3, 3, Duration.ofDays(-1), io.policygen.generation.GenerationOrder.RECENT_USE_FIRST);
        principals = new PrincipalProperties(List.of(PrincipalType.ROLE, PrincipalType.USER), List.of("/aws-service-role/"),
                List.of(), List.of(), 8, 1000, Duration.ZERO, Duration.ofSeconds(-1));

        assertThat(problems()).anySatisfy(p -> assertThat(p).startsWith("policygen.generation.min-age:").contains("was P-1D"))
                .anySatisfy(p -> assertThat(p).startsWith("policygen.principals.credential-report-wait:"))
                .anySatisfy(p -> assertThat(p).startsWith("policygen.principals.listing-retry-after:").contains("was PT-1S"));
    }

    @Test
    void shouldRequireATrail() {
        generation = new GenerationProperties(List.of(), generation.accessRoleArnTemplate(), Duration.ofDays(30),
                Duration.ofDays(30), 50, List.of(), 3, false, false, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofHours(6),
                java.util.Map.of(), 3, 3, Duration.ofDays(7), io.policygen.generation.GenerationOrder.BREADTH_FIRST);

        assertThat(problems()).singleElement().asString().startsWith("policygen.generation.trails:");
    }
}
