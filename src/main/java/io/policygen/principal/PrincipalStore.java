package io.policygen.principal;

import io.policygen.principal.IamItem.DiscoveredPrincipal;
import io.policygen.store.OwnTransaction;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code principal} table. A principal is IAM's unique id: a row seen again under its id is refreshed (its ARN
 * too: a user can be renamed), a live row holding the ARN under another id is the principal's predecessor, deleted
 * and re-created under the same name, and is marked deleted; a live row with no id yet (from before ids were
 * stored) takes the id found under its ARN.
 */
public final class PrincipalStore {

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
     * as last listed (one statement may not update a row twice).
     */
    public void upsert(List<DiscoveredPrincipal> page, long runId, Instant now) {
        if (page.isEmpty()) {
            return;
        }
        Map<String, DiscoveredPrincipal> byId = new LinkedHashMap<>();
        page.forEach(p -> byId.put(p.listed().iamId(), p));
        List<DiscoveredPrincipal> principals = List.copyOf(byId.values());
        Timestamp seen = Timestamp.from(now);
        tx.run(() -> jdbc.execute((ConnectionCallback<Void>) connection -> {
            Array arns = texts(connection, principals, DiscoveredPrincipal::arn);
            Array ids = texts(connection, principals, p -> p.listed().iamId());
            try (PreparedStatement predecessors = connection.prepareStatement("""
                    update principal p set iam_id = coalesce(p.iam_id, v.id),
                        deleted_at = case when p.iam_id is null then null else ?::timestamptz end
                    from unnest(?::text[], ?::text[]) v(arn, id)
                    where p.principal_arn = v.arn and p.deleted_at is null and p.iam_id is distinct from v.id""");
                 PreparedStatement insert = connection.prepareStatement(INSERT)) {
                predecessors.setTimestamp(1, seen);
                predecessors.setArray(2, arns);
                predecessors.setArray(3, ids);
                predecessors.executeUpdate();
                int i = 0;
                insert.setTimestamp(++i, seen);
                insert.setLong(++i, runId);
                insert.setArray(++i, texts(connection, principals, DiscoveredPrincipal::accountId));
                insert.setArray(++i, ids);
                insert.setArray(++i, arns);
                insert.setArray(++i, texts(connection, principals, p -> p.type().name()));
                insert.setArray(++i, texts(connection, principals, DiscoveredPrincipal::name));
                insert.setArray(++i, texts(connection, principals, p -> p.listed().path()));
                insert.setArray(++i, texts(connection, principals, p -> instant(p.createdAt())));
                insert.setArray(++i, texts(connection, principals, p -> DocumentJson.documents(p.listed().inlinePolicies())));
                insert.setArray(++i, texts(connection, principals, p -> DocumentJson.versions(p.attached())));
                insert.setArray(++i, texts(connection, principals, p -> p.boundary() == null ? null : p.boundary().arn()));
                insert.setArray(++i, texts(connection, principals, p -> p.boundary() == null ? null : p.boundary().version()));
                insert.setArray(++i, texts(connection, principals, p -> DocumentJson.strings(p.listed().tags())));
                insert.setArray(++i, texts(connection, principals,
                        p -> p.type() == PrincipalType.USER ? TextArray.literal(p.listed().groups()) : null));
                insert.setArray(++i, texts(connection, principals, p -> instant(p.lastUse().at())));
                insert.setArray(++i, texts(connection, principals, p -> p.lastUse().source()));
                insert.setArray(++i, connection.createArrayOf("boolean",
                        principals.stream().map(p -> p.lastUse().known()).toArray(Boolean[]::new)));
                insert.setArray(++i, texts(connection, principals, p -> p.assessment().breadth().name()));
                insert.setArray(++i, texts(connection, principals, p -> TextArray.literal(p.assessment().broadestGrants())));
                insert.setArray(++i, texts(connection, principals, p -> p.assessment().policyHash()));
                insert.setArray(++i, texts(connection, principals, p -> p.assessment().fingerprint()));
                insert.setArray(++i, texts(connection, principals, p -> p.assessment().eligibility().name()));
                insert.setArray(++i, texts(connection, principals, p -> p.assessment().reason()));
                insert.executeUpdate();
            }
            return null;
        }));
    }

    private static final String INSERT = """
            insert into principal (first_seen_at, last_seen_at, assessed_at, last_seen_run_id, account_id, iam_id,
                principal_arn, principal_type, name, path, iam_created_at, inline_policies, attached_policies,
                permissions_boundary_arn, permissions_boundary_version, tags, group_names, last_used_at, last_used_source,
                last_use_known, breadth, broadest_grants, policy_hash, fingerprint, eligibility, eligibility_reason)
            select s.seen, s.seen, s.seen, s.run, v.account_id, v.iam_id, v.arn, v.type, v.name, v.path, v.created::timestamptz,
                v.inline::jsonb, v.attached::jsonb, v.boundary_arn, v.boundary_version, v.tags::jsonb, v.groups::text[],
                v.last_used::timestamptz, v.source, v.known, v.breadth, v.grants::text[], v.hash, v.fingerprint,
                v.eligibility, v.reason
            from (select ?::timestamptz seen, ?::bigint run) s,
                unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                       ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[], ?::text[], ?::text[],
                       ?::text[], ?::text[], ?::text[], ?::text[])
                    v(account_id, iam_id, arn, type, name, path, created, inline, attached, boundary_arn, boundary_version,
                      tags, groups, last_used, source, known, breadth, grants, hash, fingerprint, eligibility, reason)
            on conflict (iam_id) do update set principal_arn = excluded.principal_arn, name = excluded.name,
                path = excluded.path, last_seen_at = excluded.last_seen_at, last_seen_run_id = excluded.last_seen_run_id,
                deleted_at = null, inline_policies = excluded.inline_policies,
                attached_policies = excluded.attached_policies, permissions_boundary_arn = excluded.permissions_boundary_arn,
                permissions_boundary_version = excluded.permissions_boundary_version, tags = excluded.tags,
                group_names = excluded.group_names, last_used_at = excluded.last_used_at,
                last_used_source = excluded.last_used_source, last_use_known = excluded.last_use_known,
                breadth = excluded.breadth, broadest_grants = excluded.broadest_grants,
                policy_hash = excluded.policy_hash, fingerprint = excluded.fingerprint,
                eligibility = excluded.eligibility, eligibility_reason = excluded.eligibility_reason,
                assessed_at = excluded.assessed_at""";

    private static Array texts(Connection connection, List<DiscoveredPrincipal> principals,
                               Function<DiscoveredPrincipal, String> column) throws SQLException {
        return connection.createArrayOf("text", principals.stream().map(column).toArray(String[]::new));
    }

    private static String instant(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** Principals of the account that this run's listing did not return are marked deleted, never removed. */
    public int markUnseenDeleted(String accountId, long runId, Instant now) {
        return tx.get(() -> jdbc.update("""
                update principal set deleted_at = ?
                where account_id = ? and deleted_at is null and last_seen_run_id is distinct from ?""",
                Timestamp.from(now), accountId, runId));
    }

}
