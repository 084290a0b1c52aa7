package io.policygen.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.policygen.store.OwnTransaction;
import io.policygen.testsupport.TestDatabase;
import io.policygen.testsupport.TestPostgres;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;

@ExtendWith(TestPostgres.class)
class RunStoreIT {

    private static final Instant START = Instant.parse("2026-12-01T02:00:00Z");

    private JdbcClient jdbc;
    private RunStore runs;

    @BeforeEach
    void setUp(TestDatabase database) {
        jdbc = JdbcClient.create(database.dataSource());
        runs = new RunStore(jdbc, new OwnTransaction(new JdbcTransactionManager(database.dataSource())));
        jdbc.sql("truncate run, account, account_region, principal, generation, account_region_deferral cascade").update();
    }

    @Test
    void shouldEndAKilledRunAtTheLastThingItRecordedNotWhenTheNextRunFoundIt() {
        long killed = runs.start(START, "host", 1);
        jdbc.sql("""
                        insert into account (account_id, state, first_seen_at, last_seen_at, last_seen_run_id, principals_listed_at)
                        values ('111122223333', 'ACTIVE', ?, ?, ?, ?)""")
                .params(at(1), at(1), killed, at(3)).update();
        long principal = jdbc.sql("""
                        insert into principal (account_id, principal_arn, principal_type, name, path, first_seen_at, changed_at)
                        values ('111122223333', 'arn:aws:iam::111122223333:role/app', 'ROLE', 'app', '/', ?, ?) returning principal_id""")
                .params(at(3), at(3)).query(Long.class).single();
        jdbc.sql("""
                        insert into generation (principal_id, account_id, region, client_token, job_id, state, run_id, requested_at,
                            completed_at, request)
                        values (?, '111122223333', 'us-east-1', ?, 'job-1', 'SUCCEEDED', ?, ?, ?, '{}'),
                               (?, '111122223333', 'us-east-1', ?, 'job-2', 'IN_PROGRESS', ?, ?, null, '{}')""")
                .params(principal, UUID.randomUUID(), killed, at(10), at(12), principal, UUID.randomUUID(), killed, at(13))
                .update();
        Instant foundEightDaysLater = START.plus(Duration.ofDays(8));

        assertThat(runs.failAbandoned(foundEightDaysLater)).isOne();

        assertThat(jdbc.sql("select ended_at from run where run_id = ?").param(killed).query(Timestamp.class).single().toInstant())
                .isEqualTo(at(13).toInstant());
        assertThat(jdbc.sql("select duration::text from report_runs where run_id = ?").param(killed).query(String.class).single())
                .isEqualTo("00:13:00");
        assertThat(jdbc.sql("select status || ' ' || exit_code || ' ' || message from run where run_id = ?").param(killed)
                .query(String.class).single())
                .isEqualTo("FAILED 1 ended without recording an outcome (killed, or lost its database connection): it ends at the"
                        + " last thing it recorded; the next run found it at 2026-12-09T02:00:00Z");
    }

    @Test
    void shouldEndARunKilledBeforeItRecordedAnythingAtItsStartAndLeaveFinishedRunsAlone() {
        long finished = runs.start(START.minus(Duration.ofDays(1)), "host", 1);
        runs.finish(finished, START.minus(Duration.ofHours(20)), ExitCode.COMPLETED, "COMPLETED", "done", 10, 0);
        long killed = runs.start(START, "host", 2);

        assertThat(runs.failAbandoned(START.plus(Duration.ofHours(30)))).isOne();

        assertThat(jdbc.sql("select ended_at from run where run_id = ?").param(killed).query(Timestamp.class).single().toInstant())
                .isEqualTo(START);
        assertThat(jdbc.sql("select status || ' ' || ended_at from run where run_id = ?").param(finished).query(String.class).single())
                .startsWith("COMPLETED ");
        assertThat(jdbc.sql("select ended_at from run where run_id = ?").param(finished).query(Timestamp.class).single().toInstant())
                .isEqualTo(START.minus(Duration.ofHours(20)));
    }

    @Test
    void shouldForgetWhatTheReportsSayOfARegionTakenOffTheListAndKeepItsWindow() {
        // an opt-in Region the accounts never enabled: its fix says to leave it out of policygen.generation.regions
        jdbc.sql("insert into account (account_id, state, first_seen_at, last_seen_at) values ('111122223333', 'ACTIVE', ?, ?)")
                .params(at(0), at(0)).update();
        jdbc.sql("""
                        insert into account_region (account_id, region, outcome, daily_quota, deferred_reason, deferred_at,
                            setup_error_code, setup_error_message, setup_fix, window_days)
                        values ('111122223333', 'us-east-1', 'DONE', 50, null, null, null, null, null, null),
                               ('111122223333', 'af-south-1', 'SETUP_FAILED', 5, 'setup', ?, 'UnrecognizedClientException',
                                'StartPolicyGeneration was refused', 'enable the Region or leave it out', 45)""")
                .param(at(1)).update();
        assertThat(jdbc.sql("select count(*) from report_failures").query(Long.class).single()).isOne();

        runs.recordReportSettings(new ReportSettings(50, Duration.ofDays(30), 3, List.of("us-east-1")));

        assertThat(jdbc.sql("select count(*) from report_failures").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select daily_quota || ' ' || coalesce(deferred_reason, '-') from report_account_progress")
                .query(String.class).single()).isEqualTo("50 -");
        assertThat(jdbc.sql("""
                        select concat_ws(' ', outcome, daily_quota, deferred_reason, setup_fix, window_days) from account_region
                        where region = 'af-south-1'""").query(String.class).single()).as("only its learnt window kept").isEqualTo("45");
        assertThat(jdbc.sql("select outcome || ' ' || daily_quota from account_region where region = 'us-east-1'")
                .query(String.class).single()).isEqualTo("DONE 50");
    }

    private static Timestamp at(int minutes) {
        return Timestamp.from(START.plus(Duration.ofMinutes(minutes)));
    }
}
