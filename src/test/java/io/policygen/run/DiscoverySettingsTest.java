package io.policygen.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.policygen.generation.GenerationOrder;
import io.policygen.generation.GenerationProperties;
import io.policygen.organization.OrganizationProperties;
import io.policygen.principal.PrincipalProperties;
import io.policygen.principal.PrincipalType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DiscoverySettingsTest {

    private static OrganizationProperties organization(List<String> include, List<String> exclude, String externalId) {
        return new OrganizationProperties(List.of(), include, exclude, "OrganizationAccountAccessRole", externalId, "policygen", Duration.ZERO);
    }

    private static PrincipalProperties principals(List<PrincipalType> types, String excludeNamePattern) {
        return new PrincipalProperties(types, List.of("/aws-service-role/"), List.of(),
                excludeNamePattern == null ? List.of() : List.of(Pattern.compile(excludeNamePattern)), 8, 1000, Duration.ofMinutes(2), Duration.ZERO);
    }

    private static GenerationProperties generation(Duration lookback, int dailyQuota) {
        return new GenerationProperties(List.of(new GenerationProperties.Trail("arn:aws:cloudtrail:us-east-1:111122223333:trail/org",
                List.of(), true)), "arn:aws:iam::{accountId}:role/service-role/AccessAnalyzerMonitorServiceRole", lookback,
                Duration.ofDays(30), dailyQuota, List.of(), 3, false, false, Duration.ofSeconds(1), Duration.ofMinutes(1),
                Duration.ofHours(6), Map.of(), 3, 3, Duration.ofDays(7), GenerationOrder.BREADTH_FIRST);
    }

    private static final DiscoverySettings BEFORE = DiscoverySettings.of(organization(List.of("111122223333", "444455556666"),
            List.of(), null), principals(List.of(PrincipalType.ROLE, PrincipalType.USER), null), generation(Duration.ofDays(90), 50));

    @Test
    void shouldFindNothingChangedUnderTheSameSettingsListedInAnotherOrder() {
        DiscoverySettings same = DiscoverySettings.of(organization(List.of("444455556666", "111122223333"), List.of(), null),
                principals(List.of(PrincipalType.USER, PrincipalType.ROLE), null), generation(Duration.ofDays(90), 50));

        assertThat(same.changedSince(BEFORE.encoded())).isEmpty();
    }

    @Test
    void shouldNameEachSettingDiscoveryAppliesThatChanged() {
        DiscoverySettings after = DiscoverySettings.of(organization(List.of("111122223333", "444455556666"), List.of("444455556666"), "x"),
                principals(List.of(PrincipalType.ROLE), "ci-.*"), generation(Duration.ofDays(45), 50));

        assertThat(after.changedSince(BEFORE.encoded())).containsExactly("policygen.organization.exclude-accounts",
                "policygen.organization.external-id", "policygen.principals.types", "policygen.principals.exclude-name-patterns",
                "policygen.generation.lookback");
    }

    @Test
    void shouldIgnoreSettingsDiscoveryDoesNotApply() {
        DiscoverySettings after = DiscoverySettings.of(organization(List.of("111122223333", "444455556666"), List.of(), null),
                principals(List.of(PrincipalType.ROLE, PrincipalType.USER), null), generation(Duration.ofDays(90), 20));

        assertThat(after.changedSince(BEFORE.encoded())).isEmpty();
    }

    @Test
    void shouldRestartAnExecutionThatRecordedNoSettingsAndCountASettingItLacksAsChanged() {
        assertThat(BEFORE.changedSince(null)).as("an execution of an earlier build").isEmpty();
        String withoutLookback = BEFORE.encoded().replaceAll("policygen\\.generation\\.lookback=[0-9a-f]+;?", "");

        assertThat(BEFORE.changedSince(withoutLookback)).containsExactly("policygen.generation.lookback");
    }

    @Test
    void shouldKeepTheExternalIdOutOfTheRecordAndFitAJobParameterWhateverTheListsLength() {
        List<String> thousandAccounts = java.util.stream.IntStream.range(0, 1000).mapToObj(i -> String.format("%012d", i)).toList();
        DiscoverySettings settings = DiscoverySettings.of(organization(thousandAccounts, List.of(), "very-secret-external-id"),
                principals(List.of(PrincipalType.ROLE), null), generation(Duration.ofDays(90), 50));

        assertThat(settings.encoded()).doesNotContain("very-secret-external-id").hasSizeLessThan(2500);
    }
}
