package io.policygen.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.policygen.generation.GenerationProperties;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudtrail.model.Trail;

/** What CloudTrail says of a trail, against what the configuration asks of it. */
class TrailCheckTest {

    static final String ARN = "arn:aws:cloudtrail:us-east-1:111122223333:trail/trail";
    static final String SETTING = "policygen.generation.trails[0]";

    static Trail trail(boolean organization, boolean multiRegion) {
        return Trail.builder().trailARN(ARN).name("trail").isOrganizationTrail(organization)
                .isMultiRegionTrail(multiRegion).homeRegion("us-east-1").s3BucketName("bucket").build();
    }

    static List<Problem> problems(GenerationProperties.Trail configured, Trail trail) {
        return TrailCheck.problems(SETTING, configured, trail);
    }

    @Test
    void shouldFindNothingWrongWithAMultiRegionOrganizationTrail() {
        assertThat(problems(new GenerationProperties.Trail(ARN, List.of(), true), trail(true, true))).isEmpty();
        assertThat(problems(new GenerationProperties.Trail(ARN, List.of("eu-west-1"), false), trail(true, true))).isEmpty();
    }

    @Test
    void shouldNameATrailThatIsNotTheOrganizations() {
        assertThat(problems(new GenerationProperties.Trail(ARN, List.of(), true), trail(false, true)))
                .singleElement().satisfies(problem -> {
                    assertThat(problem.kind()).isEqualTo(CheckKind.TRAIL);
                    assertThat(problem.accountId()).isNull();
                    assertThat(problem.resource()).isEqualTo(ARN);
                    assertThat(problem.what()).isEqualTo("is not an organization trail, so it holds no other account's activity");
                    assertThat(problem.fix()).isEqualTo("point policygen.generation.trails[0].arn at the organization "
                            + "trail, or make this one an organization trail (aws cloudtrail update-trail --name " + ARN
                            + " --is-organization-trail)");
                });
    }

    @Test
    void shouldNameASingleRegionTrailConfiguredForAllRegions() {
        assertThat(problems(new GenerationProperties.Trail(ARN, List.of(), true), trail(true, false)))
                .extracting(Problem::what)
                .containsExactly("policygen.generation.trails[0].all-regions is set, but the trail logs only its home "
                        + "Region us-east-1");
    }

    @Test
    void shouldNameListedRegionsASingleRegionTrailDoesNotLog() {
        assertThat(problems(new GenerationProperties.Trail(ARN, List.of("us-east-1", "eu-west-1"), false),
                trail(true, false)))
                .extracting(Problem::what)
                .containsExactly("policygen.generation.trails[0].regions lists eu-west-1, which the trail does not "
                        + "log: it logs only its home Region us-east-1");
        assertThat(problems(new GenerationProperties.Trail(ARN, List.of("us-east-1"), false), trail(true, false)))
                .isEmpty();
    }

    @Test
    void shouldNameEveryThingWrongWithOneTrail() {
        assertThat(problems(new GenerationProperties.Trail(ARN, List.of(), true), trail(false, false)))
                .extracting(Problem::what)
                .containsExactly("is not an organization trail, so it holds no other account's activity",
                        "policygen.generation.trails[0].all-regions is set, but the trail logs only its home Region us-east-1");
    }
}
