package io.policygen.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.policygen.aws.AwsCallMetrics;
import io.policygen.run.CurrentRun;
import io.policygen.run.RunPublication;
import io.policygen.run.RunStore;
import io.policygen.time.Ticker;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.metrics.export.prometheus.PrometheusPushGatewayManager;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The way to the Pushgateway: Boot's push manager exists only once the run asks for it, and not at all when off. */
class MetricsConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class, PrometheusMetricsExportAutoConfiguration.class))
            .withUserConfiguration(MetricsConfiguration.class)
            .withBean(CurrentRun.class, () -> new CurrentRun(Ticker.SYSTEM))
            .withBean(AwsCallMetrics.class, AwsCallMetrics::new)
            .withBean(RunStore.class, () -> new RunStore(null, null)); // never read: nothing is run here

    @Test
    void shouldCreateThePushManagerOnlyWhenTheRunStartsPublishing() {
        context.withPropertyValues("management.prometheus.metrics.export.pushgateway.enabled=true",
                "management.prometheus.metrics.export.pushgateway.address=127.0.0.1:1").run(context -> {
            RunPublication publication = context.getBean(RunPublication.class);
            assertThat(publication.active()).isTrue();
            assertThat(context.getBeanFactory().getSingletonNames()).as("before the run holds its lock")
                    .noneMatch(name -> context.getType(name) == PrometheusPushGatewayManager.class);

            publication.start();

            assertThat(context.getBeanFactory().getSingletonNames())
                    .anyMatch(name -> context.getType(name) == PrometheusPushGatewayManager.class);
        });
    }

    @Test
    void shouldPublishNothingWithoutAPushgateway() {
        context.run(context -> {
            assertThat(context.getBean(RunPublication.class).active()).isFalse();
            assertThat(context).doesNotHaveBean(PrometheusPushGatewayManager.class);
            assertThat(context.getBean(MeterRegistry.class).find("policygen.generations.started").functionCounter()).isNotNull();
            assertThat(context.getBean(MeterRegistry.class).find("policygen.run.last.exit.code").gauge()).isNotNull();
        });
    }
}
