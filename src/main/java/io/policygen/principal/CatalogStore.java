package io.policygen.principal;

import io.policygen.principal.IamItem.DiscoveredGroup;
import io.policygen.principal.IamItem.DiscoveredPolicy;
import io.policygen.store.OwnTransaction;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** The {@code managed_policy} and {@code iam_group} tables: what principals' attached policies and groups refer to. */
public final class CatalogStore {

    private final JdbcTemplate jdbc;
    private final OwnTransaction tx;

    public CatalogStore(JdbcTemplate jdbc, OwnTransaction tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** Stores each policy version's document once: a version already stored (another account's, an earlier run's) is left as it is. */
    public void addPolicies(List<DiscoveredPolicy> policies, Instant now) {
        if (policies.isEmpty()) {
            return;
        }
        tx.run(() -> jdbc.batchUpdate("""
                insert into managed_policy (policy_arn, version_id, policy_name, path, aws_managed, description, document,
                                            breadth, grants, first_seen_at)
                values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)
                on conflict (policy_arn, version_id) do nothing""", policies, policies.size(), (ps, p) -> {
            ps.setString(1, p.policy().arn());
            ps.setString(2, p.policy().version());
            ps.setString(3, p.policy().name());
            ps.setString(4, p.policy().path());
            ps.setBoolean(5, p.policy().awsManaged());
            ps.setString(6, p.policy().description());
            ps.setString(7, DocumentJson.documentText(p.policy().document()));
            ps.setString(8, p.breadth().breadth().name());
            ps.setArray(9, ps.getConnection().createArrayOf("text", p.breadth().grants().toArray()));
            ps.setTimestamp(10, Timestamp.from(now));
        }));
    }

    public void upsertGroups(List<DiscoveredGroup> groups, long runId, Instant now) {
        if (groups.isEmpty()) {
            return;
        }
        tx.run(() -> jdbc.batchUpdate("""
                insert into iam_group (account_id, group_name, group_arn, group_id, path, inline_policies, attached_policies,
                                       last_seen_run_id, last_seen_at)
                values (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?)
                on conflict (account_id, group_name) do update set group_arn = excluded.group_arn,
                    group_id = excluded.group_id, path = excluded.path, inline_policies = excluded.inline_policies,
                    attached_policies = excluded.attached_policies, last_seen_run_id = excluded.last_seen_run_id,
                    last_seen_at = excluded.last_seen_at""", groups, groups.size(), (ps, g) -> {
            ps.setString(1, g.accountId());
            ps.setString(2, g.group().name());
            ps.setString(3, g.group().arn());
            ps.setString(4, g.group().iamId());
            ps.setString(5, g.group().path());
            ps.setString(6, DocumentJson.documents(g.group().inlinePolicies()));
            ps.setString(7, DocumentJson.versions(g.attached()));
            ps.setLong(8, runId);
            ps.setTimestamp(9, Timestamp.from(now));
        }));
    }

    /** After a complete listing: the account's groups it did not show are gone. */
    public int removeUnseenGroups(String accountId, long runId) {
        return tx.get(() -> jdbc.update("delete from iam_group where account_id = ? and last_seen_run_id is distinct from ?",
                accountId, runId));
    }
}
