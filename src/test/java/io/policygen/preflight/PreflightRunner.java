package io.policygen.preflight;

import io.policygen.aws.AwsCallMetrics;
import io.policygen.aws.AwsClients;
import io.policygen.aws.AwsProperties;
import io.policygen.organization.OrganizationProperties;
import io.policygen.local.SimulatorJobSettings;
import io.policygen.simulator.Simulator;
import io.policygen.throttle.CallRateLimits;
import io.policygen.throttle.ThrottleProperties;
import io.policygen.time.Sleeper;
import io.policygen.time.Ticker;
import io.policygen.wiring.PreflightConfiguration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Runs the preflight as the command will: {@link PreflightConfiguration} in a Spring context, on the job's settings
 * for the simulator (the ones the demo and the job's tests use) with a test's own on top, and AWS clients built as
 * the application builds them, with the simulator's management keys.
 */
final class PreflightRunner {

    private final Simulator simulator;
    private final List<String> properties = new ArrayList<>();
    private String secretAccessKey;

    PreflightRunner(Simulator simulator) {
        this.simulator = simulator;
        this.secretAccessKey = simulator.credentials().secretAccessKey();
        SimulatorJobSettings.forSimulator(simulator, "unused", "unused", "unused").forEach((name, value) -> {
            if (name.startsWith("policygen.")) {
                properties.add(name + "=" + value);
            }
        });
    }

    /** A setting of the test's own, as in application.yml: {@code name=value}. */
    PreflightRunner with(String property) {
        properties.add(property);
        return this;
    }

    /** The management access key with another secret: credentials that do not work. */
    PreflightRunner withSecret(String secret) {
        secretAccessKey = secret;
        return this;
    }

    PreflightReport check(PreflightOptions options) {
        AtomicReference<PreflightReport> report = new AtomicReference<>();
        new ApplicationContextRunner()
                .withUserConfiguration(PreflightConfiguration.class, SimulatorClients.class)
                .withBean(AwsCredentialsProvider.class, () -> StaticCredentialsProvider.create(AwsBasicCredentials
                        .create(simulator.credentials().accessKeyId(), secretAccessKey)))
                .withPropertyValues(properties.toArray(String[]::new))
                .run(context -> report.set(context.getBean(Preflight.class).check(options)));
        return report.get();
    }

    /**
     * The application's AWS clients (rate limits and all) on the simulator's keys, closed with the context. Not a
     * {@code @Configuration}: the application's component scan, which reaches test classes, must not find it.
     */
    @EnableConfigurationProperties(ThrottleProperties.class)
    static class SimulatorClients {

        @Bean(destroyMethod = "close")
        AwsClients awsClients(AwsProperties aws, OrganizationProperties organization, ThrottleProperties throttle,
                              AwsCredentialsProvider credentials) {
            return new AwsClients(aws, organization.memberRole(), credentials,
                    new CallRateLimits(throttle, Ticker.SYSTEM, Sleeper.SYSTEM), new AwsCallMetrics());
        }
    }
}
