package io.policygen.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.policygen.aws.AwsProperties;
import io.policygen.generation.GenerationProperties;
import io.policygen.organization.OrganizationProperties;
import io.policygen.principal.PrincipalProperties;
import io.policygen.run.RunProperties;
import io.policygen.throttle.ThrottleProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class UnknownPropertiesTest {

    private final UnknownProperties unknown = new UnknownProperties(AwsProperties.class, OrganizationProperties.class,
            PrincipalProperties.class, GenerationProperties.class, ThrottleProperties.class, RunProperties.class);
    private final StandardEnvironment environment = new StandardEnvironment();

    private void commandLine(String... args) {
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
    }

    private void variables(Map<String, Object> variables) {
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
    }

    @Test
    void shouldAcceptEveryKnownSettingAsSpringRelaxesItsName() {
        commandLine("--policygen.generation.trails[0].arn=arn:aws:cloudtrail:us-east-1:111122223333:trail/t",
                "--policygen.generation.trails[0].all-regions=true", "--policygen.generation.dailyQuota=10",
                "--policygen.principals.types=ROLE,USER", "--policygen.principals.exclude-path-prefixes[1]=/x/",
                "--policygen.aws.endpoint=http://127.0.0.1:4566");
        variables(Map.of("POLICYGEN_GENERATION_REFRESHAFTER", "P7D", "POLICYGEN_GENERATION_TRAILS_1_ARN", "arn",
                "POLICYGEN_RUN_MAXDURATION", "PT1H"));
        ConfigurationPropertySources.attach(environment);

        assertThat(unknown.problems(environment)).isEmpty();
    }

    @Test
    void shouldNameAMisspelledKeyItsSourceAndTheKnownOne() {
        commandLine("--policygen.generation.daily-qouta=10");

        assertThat(unknown.problems(environment)).containsExactly("policygen.generation.daily-qouta (command line): not a"
                + " policygen setting; did you mean policygen.generation.daily-quota?");
    }

    @Test
    void shouldSpellTheSuggestionAsTheEnvironmentDoes() {
        variables(Map.of("POLICYGEN_GENERATION_DAILY_QUOTA", "10"));

        assertThat(unknown.problems(environment)).containsExactly("POLICYGEN_GENERATION_DAILY_QUOTA (environment variable): not a"
                + " policygen setting; did you mean POLICYGEN_GENERATION_DAILYQUOTA (policygen.generation.daily-quota)?");
    }

    @Test
    void shouldLeaveEnvironmentVariablesOutsideTheSettingsGroupsAlone() {
        variables(Map.of("POLICYGEN_DB_PASSWORD", "secret", "POLICYGEN_TEST_DB_URL", "jdbc:postgresql://db/postgres",
                "POLICYGEN_GENERATON_DAILYQUOTA", "10"));

        assertThat(unknown.problems(environment)).as("a misspelled group is still caught").containsExactly(
                "POLICYGEN_GENERATON_DAILYQUOTA (environment variable): not a policygen setting; did you mean"
                        + " POLICYGEN_GENERATION_DAILYQUOTA (policygen.generation.daily-quota)?");
    }

    @Test
    void shouldKeepTheIndexOfAListElementInTheSuggestion() {
        commandLine("--policygen.generation.trails[2].arm=arn");

        assertThat(unknown.problems(environment)).containsExactly("policygen.generation.trails[2].arm (command line): not a policygen"
                + " setting; did you mean policygen.generation.trails[2].arn?");
    }

    @Test
    void shouldRefuseAKeyBelowASettingAndAnUnrelatedOne() {
        commandLine("--policygen.aws.region.name=us-east-1", "--policygen.colour=blue");

        assertThat(unknown.problems(environment)).containsExactly(
                "policygen.aws.region.name (command line): not a policygen setting; did you mean policygen.aws.region?",
                "policygen.colour (command line): not a policygen setting; the settings are listed in config/application.example.yml");
    }
}
