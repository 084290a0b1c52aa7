package io.policygen.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.policygen.simulator.GenerationRecord;
import io.policygen.simulator.Principal;
import io.policygen.simulator.PrincipalDetails;
import io.policygen.simulator.PrincipalMix;
import io.policygen.simulator.Simulator;
import io.policygen.simulator.SimulatorOptions;
import io.policygen.testsupport.JobHarness;
import io.policygen.testsupport.TestDatabase;
import io.policygen.testsupport.TestPostgres;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The reports on what the job itself wrote (real SDK clients against the simulator, a real PostgreSQL): they must
 * agree with the job, above all the views' due rule with the job's own. A quota stop, then the following days.
 */
@ExtendWith(TestPostgres.class)
class ReportsAfterJobIT {

    private static final int ACCOUNTS = 3;
    private static final int PRINCIPALS = 5;
    private static final int AWS_DAILY_QUOTA = 2;

    private Simulator simulator;

    @AfterEach
    void tearDown() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void shouldShowTheQuotaStopThenEveryPrincipalDone(TestDatabase database) {
        simulator = Simulator.start(SimulatorOptions.builder()
                .accounts(ACCOUNTS)
                .principalsPerAccount(PRINCIPALS)
                .distribution(SimulatorOptions.Distribution.UNIFORM)
                .suspendedAccounts(0)
                .unassumableAccounts(0)
                .generationTime(Duration.ofMillis(50))
                .generationJitter(Duration.ZERO)
                .failureRate(0)
                .dailyQuota(AWS_DAILY_QUOTA)
                .mix(PrincipalMix.ALL_ACTIVE)
                .build());
        JobHarness job = new JobHarness(simulator, database);
        job.resetDatabase();
        JdbcClient jdbc = job.jdbc();

        assertThat(job.run()).as("stopped at Access Analyzer's daily quota").isEqualTo(3);

        Map<String, Long> principals = principalsPerAccount(jdbc);
        long total = principals.values().stream().mapToLong(Long::longValue).sum();
        assertThat(principals).hasSize(ACCOUNTS);
        List<Map<String, Object>> progress = jdbc.sql("select * from report_account_progress where principals > 0").query().listOfRows();
        assertThat(progress).hasSize(ACCOUNTS).allSatisfy(row -> {
            long n = principals.get((String) row.get("account_id"));
            assertThat(row).containsEntry("principals", n).containsEntry("done", (long) AWS_DAILY_QUOTA)
                    .containsEntry("in_progress", 0L).containsEntry("due", 0L).containsEntry("unused", 0L)
                    .containsEntry("too_new", 0L).containsEntry("opted_out", 0L)
                    .containsEntry("deferred", n - AWS_DAILY_QUOTA).containsEntry("failed_last_attempt", 0L).containsEntry("days_needed", 1);
            assertThat((String) row.get("deferred_reason")).contains("ServiceQuotaExceededException");
        });
        assertThat(statuses(jdbc)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "SUCCEEDED", (long) ACCOUNTS * AWS_DAILY_QUOTA, "DEFERRED", total - (long) ACCOUNTS * AWS_DAILY_QUOTA));
        assertThat(jdbc.sql("""
                        select status, exit_code, accounts_worked, generations_started, succeeded, failed, lost, open, rejected, quota_stops
                        from report_runs""").query().listOfRows())
                .containsExactly(Map.of("status", "QUOTA_STOPPED", "exit_code", 3, "accounts_worked", (long) ACCOUNTS,
                        "generations_started", (long) ACCOUNTS * AWS_DAILY_QUOTA, "succeeded", (long) ACCOUNTS * AWS_DAILY_QUOTA,
                        "failed", 0L, "lost", 0L, "open", 0L, "rejected", 0L, "quota_stops", (long) ACCOUNTS));
        assertThat(count(jdbc, "select count(*) from report_failures")).isZero();
        assertThat(count(jdbc, "select count(*) from report_policies")).isEqualTo((long) ACCOUNTS * AWS_DAILY_QUOTA);
        // a principal that used nothing it needs a permission for has no document, so no service
        assertThat(count(jdbc, "select count(*) from report_policies where cardinality(services) > 0 or policies = '[]'"))
                .isEqualTo((long) ACCOUNTS * AWS_DAILY_QUOTA);

        int exitCode = 3;
        for (int day = 0; day < PRINCIPALS && exitCode == 3; day++) {
            simulator.clock().advance(Duration.ofHours(24));
            exitCode = job.run();
        }

        assertThat(exitCode).isZero();
        assertThat(jdbc.sql("select * from report_account_progress where principals > 0").query().listOfRows())
                .hasSize(ACCOUNTS).allSatisfy(row -> assertThat(row)
                        .containsEntry("done", row.get("principals")).containsEntry("due", 0L).containsEntry("deferred", 0L)
                        .containsEntry("days_needed", 0).containsEntry("deferred_reason", null));
        assertThat(statuses(jdbc)).containsExactlyEntriesOf(Map.of("SUCCEEDED", total));
        assertThat(jdbc.sql("select status, quota_stops from report_runs limit 1").query().singleRow())
                .containsEntry("status", "COMPLETED").containsEntry("quota_stops", 0L);
        assertThat(count(jdbc, "select quota_stops from report_runs order by run_id limit 1"))
                .as("the first run's stops, though every account has finished since").isEqualTo(ACCOUNTS);
        assertThat(count(jdbc, "select sum(generations_started) from report_runs")).isEqualTo(total);
        assertThat(count(jdbc, "select sum(succeeded) from report_runs")).isEqualTo(total);
        assertThat(count(jdbc, "select count(*) from report_policies")).isEqualTo(total);
        assertThat(count(jdbc, "select count(*) from report_policies where cardinality(actions) > 0 or policies = '[]'"))
                .isEqualTo(total);
        assertThat(count(jdbc, "select count(*) from report_failures")).isZero();
    }

    @Test
    void shouldShowWhoIsNotWorthAGenerationAsIamHasThemAndGenerateForTheOthers(TestDatabase database) {
        simulator = Simulator.start(SimulatorOptions.builder()
                .accounts(ACCOUNTS)
                .principalsPerAccount(60)
                .distribution(SimulatorOptions.Distribution.UNIFORM)
                .suspendedAccounts(0)
                .unassumableAccounts(0)
                .generationTime(Duration.ofMillis(20))
                .generationJitter(Duration.ZERO)
                .failureRate(0)
                .mix(PrincipalMix.REALISTIC)
                .build());
        JobHarness job = new JobHarness(simulator, database);
        job.resetDatabase();

        assertThat(job.run()).isZero();

        Map<String, String> expected = new java.util.TreeMap<>();
        java.time.Instant now = simulator.clock().instant();
        for (var account : simulator.organization().accounts()) {
            for (Principal p : simulator.organization().principals(account.id())) {
                if (!p.serviceLinked()) {
                    expected.put(p.arn(), expectedStatus(p, simulator.details(p.arn()), now));
                }
            }
        }
        Map<String, String> statuses = new java.util.TreeMap<>();
        job.jdbc().sql("select principal_arn, status from report_principal_status").query((rs, i) -> statuses.put(rs.getString(1), rs.getString(2))).list();
        assertThat(statuses).isEqualTo(expected);
        assertThat(expected.values()).as("the realistic mix has some of each").contains("UNUSED", "TOO_NEW", "OPTED_OUT", "SUCCEEDED");
        assertThat(simulator.generations()).extracting(GenerationRecord::principalArn).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(expected.entrySet().stream().filter(e -> e.getValue().equals("SUCCEEDED"))
                        .map(Map.Entry::getKey).toList());
        assertThat(job.jdbc().sql("""
                        select sum(principals) as principals, sum(done) as done, sum(due + deferred + in_progress) as open,
                               sum(unused) as unused, sum(too_new) as too_new, sum(opted_out) as opted_out, max(days_needed) as days
                        from report_account_progress""").query().singleRow())
                .containsEntry("principals", java.math.BigDecimal.valueOf(expected.size()))
                .containsEntry("done", count(expected, "SUCCEEDED")).containsEntry("open", java.math.BigDecimal.ZERO)
                .containsEntry("unused", count(expected, "UNUSED")).containsEntry("too_new", count(expected, "TOO_NEW"))
                .containsEntry("opted_out", count(expected, "OPTED_OUT")).containsEntry("days", 0);
        assertThat(count(job.jdbc(), "select count(*) from report_unused_principals")).isEqualTo(count(expected, "UNUSED").longValue());
    }

    /** The rules, read off what the simulator holds: opted out by tag, younger than 7 days, unused for 30 (the lookback the tests run with). */
    private static String expectedStatus(Principal p, PrincipalDetails details, java.time.Instant now) {
        String skip = details.tags().get("policygen:skip");
        if (skip != null && (skip.isEmpty() || !java.time.LocalDate.parse(skip).atStartOfDay(java.time.ZoneOffset.UTC).plusDays(1)
                .toInstant().isBefore(now))) {
            return "OPTED_OUT";
        }
        if (p.createDate().isAfter(now.minus(Duration.ofDays(7)))) {
            return "TOO_NEW";
        }
        return details.lastUsed() == null || details.lastUsed().isBefore(now.minus(Duration.ofDays(30))) ? "UNUSED" : "SUCCEEDED";
    }

    private static java.math.BigDecimal count(Map<String, String> statuses, String status) {
        return java.math.BigDecimal.valueOf(statuses.values().stream().filter(status::equals).count());
    }

    private static Map<String, Long> principalsPerAccount(JdbcClient jdbc) {
        return jdbc.sql("select account_id, count(*) from principal where deleted_at is null group by account_id")
                .query((rs, i) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static Map<String, Long> statuses(JdbcClient jdbc) {
        return jdbc.sql("select status, count(*) from report_principal_status group by status")
                .query((rs, i) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static long count(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
