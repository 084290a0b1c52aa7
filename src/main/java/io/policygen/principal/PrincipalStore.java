package io.policygen.principal;

import io.policygen.principal.IamItem.DiscoveredPrincipal;
import io.policygen.store.OwnTransaction;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
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

    /** Stores a page of an account's principals as discovered, in one transaction; a principal seen again is no longer deleted. */
    public void upsert(List<DiscoveredPrincipal> principals, long runId, Instant now) {
        if (principals.isEmpty()) {
            return;
        }
        Timestamp seen = Timestamp.from(now);
        String[] arns = principals.stream().map(DiscoveredPrincipal::arn).toArray(String[]::new);
        String[] ids = principals.stream().map(p -> p.listed().iamId()).toArray(String[]::new);
        tx.run(() -> {
            jdbc.execute((ConnectionCallback<Void>) connection -> {
                Array arnArray = connection.createArrayOf("text", arns);
                Array idArray = connection.createArrayOf("text", ids);
                try (PreparedStatement backfill = connection.prepareStatement("""
                        update principal p set iam_id = v.id from unnest(?::text[], ?::text[]) v(arn, id)
                        where p.principal_arn = v.arn and p.deleted_at is null and p.iam_id is null""");
                     PreparedStatement replaced = connection.prepareStatement("""
                        update principal p set deleted_at = ? from unnest(?::text[], ?::text[]) v(arn, id)
                        where p.principal_arn = v.arn and p.deleted_at is null and p.iam_id <> v.id""")) {
                    backfill.setArray(1, arnArray);
                    backfill.setArray(2, idArray);
                    backfill.executeUpdate();
                    replaced.setTimestamp(1, seen);
                    replaced.setArray(2, arnArray);
                    replaced.setArray(3, idArray);
                    replaced.executeUpdate();
                }
                return null;
            });
            jdbc.batchUpdate("""
                    insert into principal (account_id, iam_id, principal_arn, principal_type, name, path, iam_created_at,
                        first_seen_at, last_seen_at, last_seen_run_id, inline_policies, attached_policies,
                        permissions_boundary_arn, permissions_boundary_version, tags, group_names, last_used_at,
                        last_used_source, last_use_known, breadth, broadest_grants, policy_hash, fingerprint, eligibility,
                        eligibility_reason, assessed_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
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
                        assessed_at = excluded.assessed_at
                    """, principals, principals.size(), (ps, p) -> bind(ps, p, runId, seen));
        });
    }

    private static void bind(PreparedStatement ps, DiscoveredPrincipal p, long runId, Timestamp seen) throws SQLException {
        var listed = p.listed();
        var assessment = p.assessment();
        ps.setString(1, p.accountId());
        ps.setString(2, listed.iamId());
        ps.setString(3, listed.arn());
        ps.setString(4, listed.type().name());
        ps.setString(5, listed.name());
        ps.setString(6, listed.path());
        ps.setTimestamp(7, timestamp(listed.createdAt()));
        ps.setTimestamp(8, seen);
        ps.setTimestamp(9, seen);
        ps.setLong(10, runId);
        ps.setString(11, DocumentJson.documents(listed.inlinePolicies()));
        ps.setString(12, DocumentJson.versions(p.attached()));
        ps.setString(13, p.boundary() == null ? null : p.boundary().arn());
        ps.setString(14, p.boundary() == null ? null : p.boundary().version());
        ps.setString(15, DocumentJson.strings(listed.tags()));
        ps.setArray(16, listed.type() == PrincipalType.USER ? ps.getConnection().createArrayOf("text", listed.groups().toArray()) : null);
        ps.setTimestamp(17, timestamp(p.lastUse().at()));
        ps.setString(18, p.lastUse().source());
        ps.setBoolean(19, p.lastUse().known());
        ps.setString(20, assessment.breadth().name());
        ps.setArray(21, ps.getConnection().createArrayOf("text", assessment.broadestGrants().toArray()));
        ps.setString(22, assessment.policyHash());
        ps.setString(23, assessment.fingerprint());
        ps.setString(24, assessment.eligibility().name());
        ps.setString(25, assessment.reason());
        ps.setTimestamp(26, seen);
    }

    /** Principals of the account that this run's listing did not return are marked deleted, never removed. */
    public int markUnseenDeleted(String accountId, long runId, Instant now) {
        return tx.get(() -> jdbc.update("""
                update principal set deleted_at = ?
                where account_id = ? and deleted_at is null and last_seen_run_id is distinct from ?""",
                Timestamp.from(now), accountId, runId));
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
