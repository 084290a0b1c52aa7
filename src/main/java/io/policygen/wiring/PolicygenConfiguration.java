package io.policygen.wiring;

import io.policygen.store.OwnTransaction;
import io.policygen.aws.AwsCallMetrics;
import io.policygen.aws.AwsClients;
import io.policygen.aws.AwsProperties;
import io.policygen.generation.DurationEstimator;
import io.policygen.generation.GenerationProperties;
import io.policygen.generation.GenerationStore;
import io.policygen.organization.AccountStore;
import io.policygen.organization.OrganizationProperties;
import io.policygen.principal.PrincipalProperties;
import io.policygen.principal.PrincipalStore;
import io.policygen.run.CurrentRun;
import io.policygen.run.PolicygenRun;
import io.policygen.run.RunControl;
import io.policygen.run.RunMetrics;
import io.policygen.run.RunProperties;
import io.policygen.run.RunStore;
import io.policygen.throttle.CallRateLimits;
import io.policygen.throttle.ThrottleProperties;
import io.policygen.time.SimulatorClock;
import io.policygen.time.Ticker;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import tools.jackson.databind.json.JsonMapper;

/** The application's beans other than the job's steps. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({AwsProperties.class, OrganizationProperties.class, PrincipalProperties.class,
        GenerationProperties.class, ThrottleProperties.class, RunProperties.class})
public class PolicygenConfiguration {

    /** Before any other bean: unknown policygen.* keys and bad values stop the start, naming the setting. */
    @Bean
    static ConfigurationCheck configurationCheck() {
        return new ConfigurationCheck(PolicygenConfiguration.class.getAnnotation(EnableConfigurationProperties.class).value());
    }

    @Bean
    Clock clock(AwsProperties aws) {
        return aws.simulatorClock() ? new SimulatorClock(aws.endpoint()) : Clock.systemUTC();
    }

    /** The management account's credentials: the SDK's default chain (environment, profile, container, instance). */
    @Bean
    @Lazy
    AwsCredentialsProvider managementCredentials() {
        return DefaultCredentialsProvider.builder().build();
    }

    @Bean
    RunControl runControl() {
        return new RunControl(Ticker.SYSTEM);
    }

    @Bean
    CurrentRun currentRun() {
        return new CurrentRun();
    }

    @Bean
    AwsCallMetrics awsCallMetrics() {
        return new AwsCallMetrics();
    }

    @Bean
    RunMetrics runMetrics(CurrentRun run, AwsCallMetrics aws) {
        return new RunMetrics(run, aws);
    }

    @Bean
    CallRateLimits callRateLimits(ThrottleProperties throttle, RunControl control) {
        return new CallRateLimits(throttle, Ticker.SYSTEM, control);
    }

    @Bean(destroyMethod = "close")
    @Lazy
    AwsClients awsClients(AwsProperties aws, OrganizationProperties organization, @Lazy AwsCredentialsProvider managementCredentials,
                          CallRateLimits limits, AwsCallMetrics metrics) {
        return new AwsClients(aws, organization.memberRole(), managementCredentials, limits, metrics);
    }

    @Bean
    DurationEstimator durationEstimator() {
        return new DurationEstimator();
    }

    @Bean
    OwnTransaction ownTransaction(PlatformTransactionManager transactionManager) {
        return new OwnTransaction(transactionManager);
    }

    @Bean
    AccountStore accountStore(JdbcTemplate jdbc, OwnTransaction tx) {
        return new AccountStore(jdbc, tx);
    }

    @Bean
    PrincipalStore principalStore(JdbcTemplate jdbc, OwnTransaction tx) {
        return new PrincipalStore(jdbc, tx);
    }

    @Bean
    GenerationStore generationStore(JdbcTemplate jdbc, OwnTransaction tx) {
        return new GenerationStore(JdbcClient.create(jdbc), tx, JsonMapper.builder().build());
    }

    @Bean
    RunStore runStore(JdbcTemplate jdbc) {
        return new RunStore(JdbcClient.create(jdbc));
    }

    @Bean
    PolicygenRun policygenRun(DataSource dataSource, RunStore runs, JobOperator jobOperator, JobRepository jobRepository,
                              Job policyGenerationJob, CurrentRun currentRun, RunControl control, RunProperties properties,
                              AwsCallMetrics metrics, Clock clock, GenerationProperties generation) {
        return new PolicygenRun(dataSource, runs, jobOperator, jobRepository, policyGenerationJob, currentRun, control,
                properties, metrics, clock, generation);
    }
}
