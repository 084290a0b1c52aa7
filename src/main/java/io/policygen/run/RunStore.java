package io.policygen.run;

import io.policygen.store.OwnTransaction;
import io.policygen.store.Timestamps;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code run} table; each statement in a transaction of its own, which rides out a database failover. */
public final class RunStore {

    private final JdbcClient jdbc;
    private final OwnTransaction tx;

    public RunStore(JdbcClient jdbc, OwnTransaction tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    public long start(Instant now, String host, long pid) {
        return tx.get(() -> jdbc.sql("insert into run (started_at, status, host, pid) values (?, 'RUNNING', ?, ?) returning run_id")
                .params(Timestamp.from(now), host, pid).query(Long.class).single());
    }

    /**
     * The settings the reports need to say how far along accounts are (report_setting, read by the views). A Region
     * taken off the generation Regions forgets its deferral, setup problem and quota, which the reports would
     * otherwise show for ever (an opt-in Region left out as its setup problem's fix said, still "blocked"); it keeps
     * its learnt CloudTrail window for a return.
     */
    public void recordReportSettings(ReportSettings settings) {
        tx.run(() -> {
            jdbc.sql("""
                            insert into report_setting (name, value) values ('daily_quota', ?), ('refresh_after', ?), ('max_failures', ?)
                            on conflict (name) do update set value = excluded.value, updated_at = now()""")
                    .params(String.valueOf(settings.dailyQuota()), settings.refreshAfter().toString(), String.valueOf(settings.maxFailures()))
                    .update();
            jdbc.sql("""
                            update account_region set deferred_reason = null, deferred_at = null, deferred_run_id = null, outcome = null,
                                setup_error_code = null, setup_error_message = null, setup_fix = null, daily_quota = null
                            where region <> all(?::varchar[]) and (outcome is not null or daily_quota is not null)""")
                    .param(settings.regions().toArray(String[]::new))
                    .update();
        });
    }

    /**
     * Runs still marked RUNNING when the lock is free ended without saying so (killed): they failed. Such a run ended
     * when it last recorded something (an account seen or listed, a request, an outcome, a stop), not when the next
     * run found it, days later perhaps: its report_runs duration would be the gap between the two. Read before this
     * run writes anything, so whatever came after the abandoned run's start is its own.
     */
    public int failAbandoned(Instant now) {
        return tx.get(() -> jdbc.sql("""
                        update run r set status = 'FAILED', exit_code = 1,
                            ended_at = greatest(r.started_at,
                                (select max(a.last_seen_at) from account a where a.last_seen_run_id = r.run_id),
                                (select max(a.principals_listed_at) from account a where a.principals_listed_at >= r.started_at),
                                (select max(greatest(g.requested_at, g.completed_at)) from generation g where g.run_id = r.run_id),
                                (select max(d.deferred_at) from account_region_deferral d where d.run_id = r.run_id)),
                            message = 'ended without recording an outcome (killed, or lost its database connection): it ends at'
                                || ' the last thing it recorded; the next run found it at ' || to_char(?::timestamptz at time zone 'UTC',
                                'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                        where r.status = 'RUNNING'""")
                .param(Timestamp.from(now)).update());
    }

    public void recordJobExecution(long runId, long jobExecutionId) {
        tx.run(() -> jdbc.sql("update run set job_execution_id = ? where run_id = ?").params(jobExecutionId, runId).update());
    }

    public void finish(long runId, Instant now, ExitCode exitCode, String status, String message, long awsCalls, long throttledCalls) {
        tx.run(() -> jdbc.sql("""
                        update run set ended_at = ?, status = ?, exit_code = ?, message = ?, aws_calls = ?, throttled_calls = ?
                        where run_id = ?""")
                .params(Timestamp.from(now), status, exitCode.code(), message, awsCalls, throttledCalls, runId)
                .update());
    }

    /** The finished runs as the alerts read them; the running one (this process's) is not among them. */
    public RunHistory history() {
        return jdbc.sql("""
                        select (select exit_code from run where ended_at is not null order by run_id desc limit 1) as last_exit_code,
                               coalesce((select max(ended_at) from run where exit_code in (0, 3)),
                                        (select min(started_at) from run)) as last_success_at,
                               (select count(*) from run
                                where ended_at is not null and exit_code = 1
                                  and run_id > coalesce((select max(run_id) from run
                                                         where ended_at is not null and exit_code <> 1), 0)) as failures""")
                .query((rs, row) -> new RunHistory((Integer) rs.getObject("last_exit_code"),
                        Timestamps.instant(rs, "last_success_at"),
                        rs.getInt("failures")))
                .single();
    }

    /** The principals still due and deferred, summed over report_account_progress (the job's own rule). */
    public Backlog backlog() {
        return jdbc.sql("select coalesce(sum(due), 0) as due, coalesce(sum(deferred), 0) as deferred from report_account_progress")
                .query((rs, row) -> new Backlog(rs.getLong("due"), rs.getLong("deferred")))
                .single();
    }

    /** Accounts in scope whose member role could not be used at their last listing: a setup problem each. */
    public int unenterableAccounts() {
        return tx.get(() -> jdbc.sql("select count(*) from account where in_scope and state = 'ACTIVE' and access_error_code is not null")
                .query(Integer.class).single());
    }

    /** Who holds the lock, as far as the table knows: "run 12, started 2026-11-27T01:00:00Z on host (pid 345)". */
    public Optional<String> describeRunning() {
        return tx.get(() -> jdbc.sql("""
                        select 'run ' || run_id || ', started ' || to_char(started_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                               || ' on ' || coalesce(host, '?') || ' (pid ' || coalesce(pid::text, '?') || ')'
                        from run where status = 'RUNNING' order by run_id desc limit 1""")
                .query(String.class).optional());
    }
}
