package io.policygen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.policygen.run.RunLock;
import io.policygen.simulator.Simulator;
import io.policygen.simulator.SimulatorOptions;
import io.policygen.testsupport.JobHarness;
import io.policygen.testsupport.TestDatabase;
import io.policygen.testsupport.TestPostgres;
import io.policygen.testsupport.TestPushgateway;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code policygen run} pushing to a real Prometheus Pushgateway (Debian's, on a free loopback port) through Spring
 * Boot's Pushgateway support: the group holds the run's counters while it runs, and after it ended exactly the
 * figures its summary line printed, with the gauges the alerts in {@code config/prometheus/} read.
 */
@ExtendWith(TestPostgres.class)
class PushgatewayIT {

    private static final Pattern SUMMARY = Pattern.compile("policygen: run \\d+ ended \\w+ \\(exit (\\d)\\): .*; generations started"
            + " (\\d+), succeeded (\\d+), failed (\\d+)(?: \\(.*?\\))?; slot utilization \\S+; AWS calls (\\d+), throttled (\\d+)");
    private static final String JOB = "policygen";

    private static Simulator simulator;
    private static TestDatabase database;
    private static TestPushgateway pushgateway;

    @TempDir
    Path directory;

    @BeforeAll
    static void start(TestDatabase testDatabase) throws IOException {
        database = testDatabase;
        pushgateway = TestPushgateway.start();
        simulator = Simulator.start(SimulatorOptions.builder().accounts(3).principalsPerAccount(4).dailyQuota(3)
                .generationTime(Duration.ofMillis(700)).generationJitter(Duration.ZERO).build());
    }

    @AfterAll
    static void stop() {
        simulator.close();
        pushgateway.close();
    }

    @Test
    void shouldPushTheRunsCountersWhileItRunsAndTheSummarysFiguresWhenItEnds() throws Exception {
        PolicygenProcess run = PolicygenProcess.start(directory, environment(), settings("nightly",
                "policygen.run.progress-interval=PT0.2S"));

        JobHarness.await("a push while the run lasts", Duration.ofMinutes(1), () -> run.alive()
                && value("policygen_generations_started_total", "nightly") > 0);
        PolicygenProcess.Finished finished = run.waitFor(Duration.ofMinutes(2));

        assertThat(finished.exitCode()).as(finished.console()).isEqualTo(3);
        Matcher summary = summary(finished);
        assertThat(value("policygen_generations_started_total", "nightly")).isEqualTo(Double.parseDouble(summary.group(2)));
        assertThat(value("policygen_generations_succeeded_total", "nightly")).isEqualTo(Double.parseDouble(summary.group(3)));
        assertThat(value("policygen_generations_failed_total", "nightly")).isEqualTo(Double.parseDouble(summary.group(4)));
        assertThat(value("policygen_generations_lost_total", "nightly")).as("no ', lost N' in the summary").isZero();
        assertThat(value("policygen_aws_calls_total", "nightly")).isEqualTo(Double.parseDouble(summary.group(5)));
        assertThat(value("policygen_aws_throttled_total", "nightly")).isEqualTo(Double.parseDouble(summary.group(6)));
        assertThat(value("policygen_quota_stops_total", "nightly")).as(summary.group())
                .isEqualTo(quotaStops(summary.group())).isPositive();
        assertThat(value("policygen_run_last_exit_code", "nightly")).isEqualTo(3);
        assertThat(value("policygen_run_consecutive_failures", "nightly")).isEqualTo(0);
        assertThat(value("policygen_principals_deferred", "nightly")).as("as report_account_progress counts them")
                .isEqualTo(deferredInReport());
        assertThat(value("policygen_run_last_success_timestamp_seconds", "nightly"))
                .isEqualTo(lastSuccess(), org.assertj.core.data.Offset.offset(0.001));
        assertThat(pushgateway.samples()).as("no series per partition (account and Region)")
                .noneMatch(sample -> sample.name().startsWith("spring_batch_") && sample.labels().values().stream()
                        .anyMatch(label -> label.contains(":account-")))
                .anyMatch(sample -> sample.name().startsWith("spring_batch_step_") && "generate".equals(sample.labels()
                        .get("spring_batch_step_name")));
    }

    @Test
    void shouldPushNothingFromARunRefusedForAnothersLock() throws Exception {
        try (RunLock lock = RunLock.tryAcquire(database.dataSource())) {
            assertThat(lock).as("the test holds the run lock").isNotNull();

            PolicygenProcess.Finished refused = PolicygenProcess.run(directory, environment(), settings("refused"));

            assertThat(refused.exitCode()).as(refused.console()).isEqualTo(4);
        }
        assertThat(pushgateway.samples()).as("the refused run's group")
                .noneMatch(sample -> "refused".equals(sample.labels().get("instance")));
    }

    private static Matcher summary(PolicygenProcess.Finished finished) {
        String line = finished.lines().stream().filter(l -> l.startsWith("policygen: run ")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no summary line in:\n" + finished.console()));
        Matcher matcher = SUMMARY.matcher(line);
        assertThat(matcher.matches()).as(line).isTrue();
        return matcher;
    }

    /** The slots that ended QUOTA_STOPPED, as the summary's "slots {QUOTA_STOPPED=2, ...}" says. */
    private static double quotaStops(String summary) {
        Matcher slots = Pattern.compile("slots \\{[^}]*QUOTA_STOPPED=(\\d+)").matcher(summary);
        return slots.find() ? Double.parseDouble(slots.group(1)) : 0;
    }

    private static double value(String name, String instance) {
        try {
            return pushgateway.value(name, JOB, instance).orElse(Double.NaN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double deferredInReport() {
        return JdbcClient.create(database.dataSource()).sql("select sum(deferred) from report_account_progress").query(Double.class).single();
    }

    private static double lastSuccess() {
        return JdbcClient.create(database.dataSource())
                .sql("select extract(epoch from max(ended_at))::float8 from run where exit_code in (0, 3)").query(Double.class).single();
    }

    private static List<String> settings(String instance, String... overrides) {
        List<String> settings = new ArrayList<>(List.of(
                "management.prometheus.metrics.export.pushgateway.address=" + pushgateway.address(),
                "management.prometheus.metrics.export.pushgateway.grouping-key.instance=" + instance));
        settings.addAll(List.of(overrides));
        return PolicygenProcess.arguments("run", simulator, database, settings.toArray(String[]::new));
    }

    private static Map<String, String> environment() {
        return PolicygenProcess.environment(simulator, database);
    }
}
