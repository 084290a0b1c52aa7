package io.policygen.principal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PrincipalPropertiesTest {

    private static PrincipalProperties filter(List<PrincipalType> types, List<String> excludedPaths, List<String> include,
                                              List<String> exclude) {
        return new PrincipalProperties(types, excludedPaths, include.stream().map(Pattern::compile).toList(),
                exclude.stream().map(Pattern::compile).toList(), 8, 1000, java.time.Duration.ofMinutes(2), java.time.Duration.ZERO);
    }

    @Test
    void shouldSkipServiceLinkedRolesByDefaultPath() {
        PrincipalProperties defaults = filter(List.of(PrincipalType.ROLE, PrincipalType.USER), List.of("/aws-service-role/"), List.of(), List.of());

        assertThat(defaults.admits(PrincipalType.ROLE, "/aws-service-role/support.amazonaws.com/", "AWSServiceRoleForSupport")).isFalse();
        assertThat(defaults.admits(PrincipalType.ROLE, "/app/", "billing")).isTrue();
        assertThat(defaults.admits(PrincipalType.USER, "/", "alice")).isTrue();
    }

    @Test
    void shouldApplyTypesAndNamePatterns() {
        PrincipalProperties roles = filter(List.of(PrincipalType.ROLE), List.of(), List.of("app-.*", "ci-.*"), List.of(".*-legacy"));

        assertThat(roles.admits(PrincipalType.USER, "/", "app-alice")).as("users not wanted").isFalse();
        assertThat(roles.admits(PrincipalType.ROLE, "/", "app-billing")).isTrue();
        assertThat(roles.admits(PrincipalType.ROLE, "/", "app-billing-legacy")).as("excluded by name").isFalse();
        assertThat(roles.admits(PrincipalType.ROLE, "/", "batch")).as("not included by name").isFalse();
    }
}
