package io.policygen.wiring;

import io.policygen.time.TimeSource;
import io.policygen.store.DatabaseAccess;
import io.policygen.store.OwnTransaction;
import io.policygen.aws.AwsCallMetrics;
import io.policygen.aws.AwsClients;
import io.policygen.aws.AwsProperties;
import io.policygen.time.SimulatorClock;
import io.policygen.gap.GapProperties;
import io.policygen.generation.AwsPolicyGenerationsFactory;
import io.policygen.generation.DurationEstimator;
import io.policygen.generation.GenerationSlots;
import io.policygen.generation.SlotStore;
import io.policygen.generation.GenerationProperties;
import io.policygen.generation.GenerationStore;
import io.policygen.organization.AccountScopeProblems;
import io.policygen.organization.AccountStore;
import io.policygen.organization.OrganizationProperties;
import io.policygen.principal.CatalogStore;
import io.policygen.principal.PrincipalProperties;
import io.policygen.principal.PrincipalStore;
import io.policygen.run.CurrentRun;
import io.policygen.run.DiscoverySettings;
import io.policygen.run.JobExecutions;
import io.policygen.run.PolicygenRun;
import io.policygen.run.ReportSettings;
import io.policygen.run.RunControl;
import io.policygen.run.RunTelemetry;
import io.policygen.run.RunProperties;
import io.policygen.run.RunStore;
import io.policygen.throttle.CallRateLimits;
import io.policygen.throttle.ThrottleProperties;
import io.policygen.time.SimulatorClock;
import io.policygen.time.Ticker;
import java.time.Clock;
import java.time.Duration;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import tools.jackson.databind.json.JsonMapper;

/** The application's beans other than the job's steps. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({AwsProperties.class, OrganizationProperties.class, PrincipalProperties.class,
        GenerationProperties.class, ThrottleProperties.class, RunProperties.class, GapProperties.class})
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

    /** The one monotonic time source: waits, rate limits, the deadline, the progress line. */
    @Bean
    Ticker ticker() {
        return Ticker.SYSTEM;
    }

    @Bean
    TimeSource timeSource(Clock clock, Ticker ticker) {
        return new TimeSource(clock, ticker);
    }

    @Bean
    RunControl runControl(Ticker ticker) {
        return new RunControl(ticker);
    }

    @Bean
    CurrentRun currentRun(Ticker ticker) {
        return new CurrentRun(ticker);
    }

    @Bean
    AwsCallMetrics awsCallMetrics() {
        return new AwsCallMetrics();
    }

    @Bean
    CallRateLimits callRateLimits(ThrottleProperties throttle, Ticker ticker, RunControl control) {
        return new CallRateLimits(throttle, ticker, control);
    }

    /** Built once the configuration was checked ({@link ConfigurationCheck}): the SDK refuses some bad values naming no setting. */
    @Bean(destroyMethod = "close")
    AwsClients awsClients(AwsProperties aws, OrganizationProperties organization, @Lazy AwsCredentialsProvider managementCredentials,
                          CallRateLimits limits, AwsCallMetrics metrics) {
        return new AwsClients(aws, organization.memberRole(), managementCredentials, limits, metrics);
    }

    /** Starts from the last week's successes, the latest ten of each account. */
    @Bean
    DurationEstimator durationEstimator(GenerationStore store, Clock clock, Ticker ticker) {
        return new DurationEstimator(() -> store.recentDurations(clock.instant().minus(Duration.ofDays(7)), 10), ticker);
    }

    @Bean
    GenerationSlots generationSlots(AwsClients clients, GenerationStore store, SlotStore slotStore, GenerationProperties properties,
                                    DurationEstimator estimator, RunControl control, TimeSource time, CurrentRun run) {
        return new GenerationSlots(new AwsPolicyGenerationsFactory(clients, properties, control), store, slotStore, properties, estimator,
                control, time, run);
    }

    @Bean
    SlotStore slotStore(JdbcTemplate jdbc, OwnTransaction tx) {
        return new SlotStore(JdbcClient.create(jdbc), tx);
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
    CatalogStore catalogStore(JdbcTemplate jdbc, OwnTransaction tx) {
        return new CatalogStore(jdbc, tx);
    }

    @Bean
    GenerationStore generationStore(JdbcTemplate jdbc, OwnTransaction tx) {
        return new GenerationStore(JdbcClient.create(jdbc), tx, JsonMapper.builder().build());
    }

    @Bean
    RunStore runStore(JdbcTemplate jdbc, OwnTransaction tx) {
        return new RunStore(JdbcClient.create(jdbc), tx);
    }

    @Bean
    JobExecutions jobExecutions(JobOperator jobOperator, JobRepository jobRepository, Job policyGenerationJob, RunProperties properties,
                                OrganizationProperties organization, PrincipalProperties principals, GenerationProperties generation) {
        return new JobExecutions(jobOperator, jobRepository, policyGenerationJob, properties.restartWithin(),
                DiscoverySettings.of(organization, principals, generation), Clock.systemDefaultZone());
    }

    @Bean
    PolicygenRun policygenRun(DatabaseAccess database, RunStore runs, JobExecutions jobExecutions, CurrentRun currentRun,
                              RunControl control, RunProperties properties, AwsCallMetrics metrics, TimeSource time,
                              GenerationProperties generation, AwsProperties aws, RunTelemetry telemetry,
                              AccountStore accounts, OrganizationProperties organization) {
        return new PolicygenRun(database, runs, jobExecutions, currentRun, control, properties, metrics, time,
                new ReportSettings(generation.dailyQuota(), generation.refreshAfter(), generation.maxFailures(),
                        generation.regionsOr(aws.region())), telemetry, new AccountScopeProblems(accounts, organization));
    }
}
