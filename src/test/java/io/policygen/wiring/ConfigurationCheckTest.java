package io.policygen.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.policygen.aws.AwsProperties;
import io.policygen.generation.GenerationProperties;
import io.policygen.organization.OrganizationProperties;
import io.policygen.principal.PrincipalProperties;
import io.policygen.run.RunProperties;
import io.policygen.throttle.ThrottleProperties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The configuration is checked before any bean exists: nothing touches the database or AWS with a bad one. */
class ConfigurationCheckTest {

    private static final AtomicBoolean beanCreated = new AtomicBoolean();

    @Configuration(proxyBeanMethods = false)
    static class Checked {

        @Bean
        static ConfigurationCheck configurationCheck() {
            return new ConfigurationCheck(AwsProperties.class, OrganizationProperties.class, PrincipalProperties.class,
                    GenerationProperties.class, ThrottleProperties.class, RunProperties.class);
        }

        @Bean
        Object anyBean() {
            beanCreated.set(true);
            return new Object();
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Checked.class)
            .withPropertyValues("policygen.generation.trails[0].arn=arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail",
                    "policygen.generation.trails[0].all-regions=true");

    @Test
    void shouldStartWithAGoodConfiguration() {
        runner.run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void shouldStopABadValueBeforeAnyBeanIsCreated() {
        beanCreated.set(false);

        runner.withPropertyValues("policygen.generation.daily-quota=51").run(context -> {
            assertThat(context).getFailure().isInstanceOf(ConfigurationValidator.InvalidConfigurationException.class)
                    .hasMessage("policygen.generation.daily-quota: must be between 1 and 50 (AWS's daily quota per account), was 51");
            assertThat(beanCreated).isFalse();
        });
    }

    @Test
    void shouldStopAnUnknownKeyBeforeCheckingValues() {
        runner.withPropertyValues("policygen.generation.daily-qouta=51", "policygen.generation.lookback=P120D").run(context ->
                assertThat(context).getFailure().hasMessageStartingWith("policygen.generation.daily-qouta (")
                        .hasMessageEndingWith("not a policygen setting; did you mean policygen.generation.daily-quota?"));
    }

    @Test
    void shouldStopAValueThatDoesNotBindNamingTheProperty() {
        runner.withPropertyValues("policygen.generation.lookback=ninety days").run(context ->
                assertThat(context).getFailure().isInstanceOf(BindException.class)
                        .hasMessageContaining("policygen.generation.lookback"));
    }
}
