package io.policygen.principal;

import io.policygen.store.OwnTransaction;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** The {@code principal} table. */
public final class PrincipalStore {

    private final JdbcTemplate jdbc;
    private final OwnTransaction tx;

    public PrincipalStore(JdbcTemplate jdbc, OwnTransaction tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** Inserts new principals and refreshes known ones; a principal seen again is no longer deleted. */
    public void upsert(List<? extends DiscoveredPrincipal> principals, long runId, Instant now) {
        Timestamp seen = Timestamp.from(now);
        tx.run(() -> jdbc.batchUpdate("""
                insert into principal (account_id, principal_arn, principal_type, name, path, iam_created_at,
                                       first_seen_at, last_seen_at, last_seen_run_id)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (principal_arn) do update set name = excluded.name, path = excluded.path,
                    last_seen_at = excluded.last_seen_at, last_seen_run_id = excluded.last_seen_run_id, deleted_at = null
                """, principals, principals.size(), (ps, p) -> {
            ps.setString(1, p.accountId());
            ps.setString(2, p.arn());
            ps.setString(3, p.type().name());
            ps.setString(4, p.name());
            ps.setString(5, p.path());
            ps.setTimestamp(6, p.createdAt() == null ? null : Timestamp.from(p.createdAt()));
            ps.setTimestamp(7, seen);
            ps.setTimestamp(8, seen);
            ps.setLong(9, runId);
        }));
    }

    /** Principals of the account that this run's listing did not return are marked deleted, never removed. */
    public int markUnseenDeleted(String accountId, long runId, Instant now) {
        return tx.get(() -> jdbc.update("""
                update principal set deleted_at = ?
                where account_id = ? and deleted_at is null and last_seen_run_id is distinct from ?""",
                Timestamp.from(now), accountId, runId));
    }
}
