package io.policygen.generation;

import io.policygen.store.OwnTransaction;
import io.policygen.store.Timestamps;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code account_region} table: per account and Region, how its slot last ended (done, deferred and why, stopped
 * for its setup with the fix) and the CloudTrail window that fits the CloudTrail limits there. Each method is one short
 * statement in a transaction of its own.
 */
public class SlotStore {

    private final JdbcClient jdbc;
    private final OwnTransaction tx;

    public SlotStore(JdbcClient jdbc, OwnTransaction tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** A window smaller than the configured one, learnt (or last proved to fit) at {@code setAt}. */
    public record LearntWindow(int days, Instant setAt) {
    }

    /** Per slot, the days of CloudTrail to ask for, where an earlier generation taught a window smaller than the configured one. */
    public Map<SlotId, LearntWindow> windowsBySlot() {
        Map<SlotId, LearntWindow> bySlot = new HashMap<>();
        tx.get(() -> jdbc.sql("select account_id, region, window_days, window_set_at from account_region where window_days is not null")
                .query((rs, i) -> bySlot.put(new SlotId(rs.getString(1), rs.getString(2)), new LearntWindow(rs.getInt(3),
                        Objects.requireNonNullElse(Timestamps.instant(rs, 4), Instant.EPOCH)))).list());
        return bySlot;
    }

    /** The window learnt or proved at {@code at}; null days: the configured one fits again. */
    public void recordWindowDays(SlotId slot, Integer days, Instant at) {
        tx.run(() -> jdbc.sql("""
                        insert into account_region (account_id, region, window_days, window_set_at) values (?, ?, ?, ?)
                        on conflict (account_id, region) do update set window_days = excluded.window_days,
                            window_set_at = excluded.window_set_at""")
                .params(slot.accountId(), slot.region(), days, days == null ? null : Timestamp.from(at))
                .update());
    }

    /** Nothing is due any more: the deferral and any setup problem are forgotten. */
    public void finish(SlotId slot, int dailyQuota, Instant now) {
        tx.run(() -> jdbc.sql("""
                        insert into account_region (account_id, region, outcome, daily_quota, last_activity_at) values (?, ?, 'DONE', ?, ?)
                        on conflict (account_id, region) do update set deferred_reason = null, deferred_at = null,
                            deferred_run_id = null, outcome = 'DONE', setup_error_code = null, setup_error_message = null,
                            setup_fix = null, daily_quota = excluded.daily_quota, last_activity_at = excluded.last_activity_at""")
                .params(slot.accountId(), slot.region(), dailyQuota, Timestamp.from(now))
                .update());
    }

    /** The slot stopped before its work was done; with {@code problem} when its setup is why. */
    public void defer(SlotId slot, SlotOutcome outcome, String reason, SetupProblem problem, int dailyQuota, long runId, Instant now) {
        tx.run(() -> jdbc.sql("""
                        insert into account_region (account_id, region, deferred_reason, deferred_at, deferred_run_id, outcome,
                                                    setup_error_code, setup_error_message, setup_fix, daily_quota, last_activity_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (account_id, region) do update set deferred_reason = excluded.deferred_reason,
                            deferred_at = excluded.deferred_at, deferred_run_id = excluded.deferred_run_id,
                            outcome = excluded.outcome, setup_error_code = excluded.setup_error_code,
                            setup_error_message = excluded.setup_error_message, setup_fix = excluded.setup_fix,
                            daily_quota = excluded.daily_quota, last_activity_at = excluded.last_activity_at""")
                .params(slot.accountId(), slot.region(), reason, Timestamp.from(now), runId, outcome.name(),
                        problem == null ? null : problem.code(), problem == null ? null : problem.message(),
                        problem == null ? null : problem.fix(), dailyQuota, Timestamp.from(now))
                .update());
    }
}
