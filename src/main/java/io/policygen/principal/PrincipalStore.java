package io.policygen.principal;

import io.policygen.principal.IamItem.DiscoveredPrincipal;
import io.policygen.store.OwnTransaction;
import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code principal} table. A principal is IAM's unique id, kept unique among its account's rows (V13: an index on
 * the id alone took its entries at random leaves): a row written again under its account and id is refreshed (its ARN
 * too: a user can be renamed; its {@code changed_at} and {@code changed_run_id} tell when), a live row holding the ARN
 * under another id is the principal's predecessor, deleted and re-created under the same name, and is marked deleted;
 * a live row with no id yet (from before ids were stored) takes the id found under its ARN.
 */
public final class PrincipalStore {

    private static final String UNIQUE_VIOLATION = "23505";

    private final JdbcTemplate jdbc;
    private final OwnTransaction tx;

    public PrincipalStore(JdbcTemplate jdbc, OwnTransaction tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /**
     * Stores a page of an account's principals as discovered, in one transaction of two statements whatever the page's
     * size: each column goes as one array and the server unnests the rows, instead of parsing a VALUES row of 26
     * parameters a principal (a million principals: PostgreSQL's CPU 39 s -> 33 s, the job's 15 s -> 12 s;
     * docs/benchmarks.md, Discovery). A principal seen again is no longer deleted; one listed twice in the page is stored
     * as last listed (one statement may not update a row twice). Whether a principal changed is the caller's to tell
     * ({@link #storedContent}): every principal given is written.
     */
    public void upsert(List<DiscoveredPrincipal> page, long runId, Instant now) {
        if (page.isEmpty()) {
            return;
        }
        List<DiscoveredPrincipal> principals = lastListed(page);
        tx.run(() -> jdbc.execute((ConnectionCallback<Void>) connection -> {
            upsert(connection, principals, Timestamp.from(now), runId);
            return null;
        }));
    }

    /**
     * Stores principals the account did not hold as its listing began ({@link #storedContent}): every principal of a
     * first night, and the new ones of any other. They go in by COPY, which PostgreSQL reads without unnesting arrays,
     * looking for a row to update or a predecessor to mark deleted (by hand, 100,000 principals in pages of 1,000: its
     * CPU 2.85 s against 4.9-6.0 s for the two statements; docs/benchmarks.md, Discovery). One that is there after all
     * (deleted and listed again, or a live row holding its ARN) breaks a unique index, and the page is written by
     * {@link #upsert}'s statements instead, in the same transaction.
     */
    public void insert(List<DiscoveredPrincipal> page, long runId, Instant now) {
        if (page.isEmpty()) {
            return;
        }
        List<DiscoveredPrincipal> principals = lastListed(page);
        Timestamp seen = Timestamp.from(now);
        tx.run(() -> jdbc.execute((ConnectionCallback<Void>) connection -> {
            Savepoint copy = connection.setSavepoint();
            try {
                connection.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn(PrincipalRow.COPY, PrincipalRow.copyText(principals, seen, runId));
                connection.releaseSavepoint(copy);
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                connection.rollback(copy);
                upsert(connection, principals, seen, runId);
            } catch (IOException e) {
                throw new SQLException("COPY of principals failed: " + e.getMessage(), e);
            }
            return null;
        }));
    }

    private static void upsert(Connection connection, List<DiscoveredPrincipal> principals, Timestamp seen, long runId)
            throws SQLException {
        Map<PrincipalRow.Column, Array> listed = new HashMap<>();
        for (PrincipalRow.Column column : PrincipalRow.LISTED) {
            listed.put(column, texts(connection, principals, column.text()));
        }
        try (PreparedStatement predecessors = connection.prepareStatement("""
                update principal p set iam_id = coalesce(p.iam_id, v.id),
                    deleted_at = case when p.iam_id is null then null else ?::timestamptz end
                from unnest(?::text[], ?::text[]) v(arn, id)
                where p.principal_arn = v.arn and p.deleted_at is null and p.iam_id is distinct from v.id""");
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            predecessors.setTimestamp(1, seen);
            predecessors.setArray(2, listed.get(PrincipalRow.PRINCIPAL_ARN));
            predecessors.setArray(3, listed.get(PrincipalRow.IAM_ID));
            predecessors.executeUpdate();
            int i = 0;
            insert.setTimestamp(++i, seen);
            insert.setLong(++i, runId);
            for (PrincipalRow.Column column : PrincipalRow.LISTED) {
                insert.setArray(++i, listed.get(column));
            }
            setUse(insert, i, connection, principals);
            insert.executeUpdate();
        }
    }

    /**
     * Stores the use of principals stored before whose use alone changed ({@link ContentHash#sameButUse}): their last
     * use and what follows from it, not the rest of the row, which the job need not encode nor PostgreSQL parse again.
     */
    public void updateUse(List<DiscoveredPrincipal> page, long runId, Instant now) {
        if (page.isEmpty()) {
            return;
        }
        List<DiscoveredPrincipal> principals = lastListed(page);
        tx.run(() -> jdbc.execute((ConnectionCallback<Void>) connection -> {
            try (PreparedStatement update = connection.prepareStatement("""
                    update principal p set last_used_at = v.last_used::timestamptz, last_used_source = v.source,
                        last_use_known = v.known::boolean, fingerprint = v.fingerprint, eligibility = v.eligibility,
                        eligibility_reason = v.reason, content_hash = v.content, changed_at = ?, changed_run_id = ?
                    from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                        ?::text[]) v(account, id, last_used, source, known, fingerprint, eligibility, reason, content)
                    where p.account_id = v.account and p.iam_id = v.id""")) {
                int i = 0;
                update.setTimestamp(++i, Timestamp.from(now));
                update.setLong(++i, runId);
                update.setArray(++i, texts(connection, principals, PrincipalRow.ACCOUNT_ID.text()));
                update.setArray(++i, texts(connection, principals, PrincipalRow.IAM_ID.text()));
                setUse(update, i, connection, principals);
                update.executeUpdate();
            }
            return null;
        }));
    }

    /** A page's principals, each once, as last listed: one statement may not update a row twice. */
    private static List<DiscoveredPrincipal> lastListed(List<DiscoveredPrincipal> page) {
        Map<String, DiscoveredPrincipal> byId = new LinkedHashMap<>();
        page.forEach(p -> byId.put(p.iamId(), p));
        return List.copyOf(byId.values());
    }

    /** Sets the use columns ({@link PrincipalRow#USE}), in the order both statements take them, after parameter {@code i}. */
    private static void setUse(PreparedStatement statement, int i, Connection connection,
                               List<DiscoveredPrincipal> principals) throws SQLException {
        for (PrincipalRow.Column column : PrincipalRow.USE) {
            statement.setArray(++i, texts(connection, principals, column.text()));
        }
    }

    private static final String INSERT = """
            insert into principal (first_seen_at, changed_at, changed_run_id, account_id, iam_id, principal_arn,
                principal_type, name, path, iam_created_at, inline_policies, attached_policies, permissions_boundary_arn,
                permissions_boundary_version, tags, group_names, last_used_at, last_used_source, last_use_known, breadth,
                broadest_grants, policy_hash, fingerprint, eligibility, eligibility_reason, content_hash)
            select s.seen, s.seen, s.run, v.account_id, v.iam_id, v.arn, v.type, v.name, v.path, v.created::timestamptz,
                v.inline::jsonb, v.attached::jsonb, v.boundary_arn, v.boundary_version, v.tags::jsonb, v.groups::text[],
                v.last_used::timestamptz, v.source, v.known::boolean, v.breadth, v.grants::text[], v.hash, v.fingerprint,
                v.eligibility, v.reason, v.content
            from (select ?::timestamptz seen, ?::bigint run) s,
                unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                       ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                       ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                    v(account_id, iam_id, arn, type, name, path, created, inline, attached, boundary_arn, boundary_version,
                      tags, groups, breadth, grants, hash, last_used, source, known, fingerprint, eligibility, reason, content)
            on conflict (account_id, iam_id) do update set principal_arn = excluded.principal_arn, name = excluded.name,
                path = excluded.path, changed_at = excluded.changed_at, changed_run_id = excluded.changed_run_id,
                deleted_at = null, inline_policies = excluded.inline_policies,
                attached_policies = excluded.attached_policies, permissions_boundary_arn = excluded.permissions_boundary_arn,
                permissions_boundary_version = excluded.permissions_boundary_version, tags = excluded.tags,
                group_names = excluded.group_names, last_used_at = excluded.last_used_at,
                last_used_source = excluded.last_used_source, last_use_known = excluded.last_use_known,
                breadth = excluded.breadth, broadest_grants = excluded.broadest_grants,
                policy_hash = excluded.policy_hash, fingerprint = excluded.fingerprint,
                eligibility = excluded.eligibility, eligibility_reason = excluded.eligibility_reason,
                content_hash = excluded.content_hash""";

    private static Array texts(Connection connection, List<DiscoveredPrincipal> principals,
                               Function<DiscoveredPrincipal, String> column) throws SQLException {
        return connection.createArrayOf("text", principals.stream().map(column).toArray(String[]::new));
    }

    /**
     * The content hash of each live principal of the account, by IAM id (null for a row stored before hashes were):
     * what a listing compares its principals with, to write only those that changed.
     */
    public Map<String, String> storedContent(String accountId) {
        return tx.get(() -> jdbc.query("""
                select iam_id, content_hash from principal where account_id = ? and deleted_at is null and iam_id is not null""",
                rs -> {
                    Map<String, String> stored = new HashMap<>();
                    while (rs.next()) {
                        stored.put(rs.getString(1), rs.getString(2));
                    }
                    return stored;
                }, accountId));
    }

    /**
     * Marks deleted, never removes, the account's principals its complete listing did not return ({@code unlistedIds}:
     * the live ones stored before it and not listed) and any live row with no IAM id, which a listed principal would have
     * taken. The job names them, rather than sending every id listed: a statement comparing the account's rows with
     * every id listed cost PostgreSQL 1.5 s of CPU a first night of 100 accounts of 1,000 principals, half as much as
     * writing them (by {@code scripts/bench.sh --quick --only discovery-cost}).
     */
    public int markDeleted(String accountId, Collection<String> unlistedIds, Instant now) {
        return tx.get(() -> jdbc.execute((ConnectionCallback<Integer>) connection -> {
            try (PreparedStatement update = connection.prepareStatement("""
                    update principal set deleted_at = ?
                    where account_id = ? and deleted_at is null and (iam_id is null or iam_id = any(?::text[]))""")) {
                update.setTimestamp(1, Timestamp.from(now));
                update.setString(2, accountId);
                update.setArray(3, connection.createArrayOf("text", unlistedIds.toArray(String[]::new)));
                return update.executeUpdate();
            }
        }));
    }

}
