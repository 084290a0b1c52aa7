package io.policygen.wiring;

import io.micrometer.core.instrument.config.MeterFilter;
import io.policygen.aws.AwsCallMetrics;
import io.policygen.run.CurrentRun;
import io.policygen.run.RunMetrics;
import io.policygen.run.RunPublication;
import io.policygen.run.RunStanding;
import io.policygen.run.RunStore;
import io.policygen.run.RunTelemetry;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.micrometer.metrics.export.prometheus.PrometheusPushGatewayManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The run's meters, and their way to a Prometheus Pushgateway through Spring Boot's own support
 * ({@code management.prometheus.metrics.export.pushgateway.*}; on when an address is set, {@link PushgatewaySwitch}).
 * Boot's push manager pushes as soon as it exists, at {@code push-rate} after that (the progress interval, see
 * application.properties) and once more at shutdown ({@code PUT}: the group then holds exactly the ended run's
 * figures). It is made lazy and created only when the run holds the run lock ({@link RunPublication}): a process
 * refused for another run's lock, or stopped before it ran, pushes nothing over that run's figures.
 */
@Configuration(proxyBeanMethods = false)
public class MetricsConfiguration {

    @Bean
    RunStanding runStanding() {
        return new RunStanding();
    }

    @Bean
    RunMetrics runMetrics(CurrentRun run, AwsCallMetrics aws, RunStanding standing) {
        return new RunMetrics(run, aws, standing);
    }

    @Bean
    RunPublication runPublication(ObjectProvider<PrometheusPushGatewayManager> pushGateway, ListableBeanFactory beans) {
        boolean configured = beans.getBeanNamesForType(PrometheusPushGatewayManager.class, true, false).length > 0;
        return new RunPublication() {
            @Override
            public boolean active() {
                return configured;
            }

            @Override
            public void start() {
                pushGateway.ifAvailable(manager -> {
                }); // creating the manager starts its pushes; the context's close makes the last one
            }
        };
    }

    @Bean
    RunTelemetry runTelemetry(RunStore runs, RunStanding standing, RunPublication publication) {
        return new RunTelemetry(runs, standing, publication);
    }

    /**
     * Spring Batch times every step, each partition's worker step too: one series per account and Region and meter,
     * hundreds of thousands in one push for a large organization. The job's and the partitioned steps' own stay.
     */
    @Bean
    MeterFilter noPartitionStepMeters() {
        return MeterFilter.deny(id -> id.getName().startsWith("spring.batch.") && id.getTags().stream()
                .anyMatch(tag -> tag.getKey().endsWith("step.name") && tag.getValue().contains(":")));
    }

    /** Boot's push manager, created when the run asks for it rather than with the context. */
    @Bean
    static BeanFactoryPostProcessor lazyPushGatewayManager() {
        return beanFactory -> {
            for (String name : beanFactory.getBeanNamesForType(PrometheusPushGatewayManager.class, true, false)) {
                beanFactory.getBeanDefinition(name).setLazyInit(true);
            }
        };
    }
}
