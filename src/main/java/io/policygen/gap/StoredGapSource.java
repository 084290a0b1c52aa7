package io.policygen.gap;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@link GapSource} over the job's database, one account at a time: its live principals that discovery stored
 * with their policies and that have a SUCCEEDED generation (the latest, in any Region, as {@code report_policies}
 * takes it), page by page in principal id order. {@link Scope#CHANGED} leaves out the principals whose stored gap was
 * computed from the same policies, generation and catalog. A page is one query; the managed policies and groups it
 * refers to come from {@link StoredPolicies}, which holds each document once.
 */
public final class StoredGapSource implements GapSource {

    /** Which principals a page holds. */
    public enum Scope {
        /** Those whose stored gap is missing or was computed from other policies, another generation or catalog. */
        CHANGED,
        /** Every one (the export). */
        ALL
    }

    private static final String PAGE = """
            select p.principal_id, p.principal_type, p.name, p.path, p.policy_hash,
                   identity_center_permission_set(p.principal_type, p.path, p.name) as permission_set,
                   array(select e.key from jsonb_each(coalesce(p.inline_policies, '{}')) e order by e.key collate "C") as inline_names,
                   array(select e.value::text from jsonb_each(coalesce(p.inline_policies, '{}')) e order by e.key collate "C") as inline_documents,
                   array(select e ->> 'arn' from jsonb_array_elements(coalesce(p.attached_policies, '[]')) e) as attached_arns,
                   array(select e ->> 'version' from jsonb_array_elements(coalesce(p.attached_policies, '[]')) e) as attached_versions,
                   p.permissions_boundary_arn, p.permissions_boundary_version, coalesce(p.group_names, '{}') as group_names,
                   g.generation_id, coalesce(g.policies::text, '[]') as policies, coalesce(g.policy_complete, true) as complete
            from principal p
            join lateral (
                select g.generation_id, g.policies, g.policy_complete
                from generation g
                where g.principal_id = p.principal_id and g.state = 'SUCCEEDED'
                order by g.completed_at desc nulls last, g.generation_id desc
                limit 1) g on true
            left join principal_gap pg on pg.principal_id = p.principal_id
            where p.account_id = ? and p.deleted_at is null and p.policy_hash is not null and p.principal_id > ?
              and (? or pg.principal_id is null or pg.policy_hash <> p.policy_hash or pg.generation_id <> g.generation_id
                   or pg.catalog <> ?)
            order by p.principal_id
            limit ?""";

    private final JdbcTemplate jdbc;
    private final String accountId;
    private final Scope scope;
    private final String catalog;
    private final StoredPolicies policies;

    /**
     * @param catalog the catalog's version as stored with each gap ({@link GapStore#catalogVersion})
     */
    public StoredGapSource(JdbcTemplate jdbc, String accountId, Scope scope, String catalog, StoredPolicies policies) {
        this.jdbc = jdbc;
        this.accountId = accountId;
        this.scope = scope;
        this.catalog = catalog;
        this.policies = policies;
    }

    private record Row(GapPrincipal principal, String policyHash, String[] inlineNames, String[] inlineDocuments,
                       String[] attachedArns, String[] attachedVersions, String boundaryArn, String boundaryVersion,
                       String[] groups, long generationId, String generated, boolean complete) {
    }

    @Override
    public List<GapInput> page(long afterPrincipalId, int limit) {
        List<Row> rows = jdbc.query(PAGE, (rs, i) -> row(rs), accountId, afterPrincipalId, scope == Scope.ALL, catalog, limit);
        List<StoredPolicies.Version> managed = new ArrayList<>();
        boolean groups = false;
        for (Row row : rows) {
            for (int i = 0; i < row.attachedArns().length; i++) {
                managed.add(new StoredPolicies.Version(row.attachedArns()[i], row.attachedVersions()[i]));
            }
            if (row.boundaryArn() != null) {
                managed.add(new StoredPolicies.Version(row.boundaryArn(), row.boundaryVersion()));
            }
            groups |= row.groups().length > 0;
        }
        policies.load(managed, groups ? accountId : null);
        return rows.stream().map(this::input).toList();
    }

    private GapInput input(Row row) {
        List<AttachedPolicy> current = new ArrayList<>();
        for (int i = 0; i < row.inlineNames().length; i++) {
            current.add(AttachedPolicy.inline(row.inlineNames()[i], row.inlineDocuments()[i]));
        }
        for (int i = 0; i < row.attachedArns().length; i++) {
            String document = policies.document(row.attachedArns()[i], row.attachedVersions()[i]);
            if (document != null) { // a policy the account's listing did not show allows nothing, as discovery takes it
                current.add(AttachedPolicy.managed(row.attachedArns()[i], document));
            }
        }
        for (String group : row.groups()) {
            current.addAll(policies.group(accountId, group));
        }
        if (row.boundaryArn() != null) {
            String document = policies.document(row.boundaryArn(), row.boundaryVersion());
            if (document != null) {
                current.add(AttachedPolicy.boundary(row.boundaryArn(), document));
            }
        }
        return new GapInput(row.principal(), new CurrentPolicies(current), new GeneratedPolicy(row.generated(), row.complete()),
                new GapBasis(row.generationId(), row.policyHash()));
    }

    private Row row(ResultSet rs) throws SQLException {
        GapPrincipal principal = new GapPrincipal(rs.getLong("principal_id"), accountId,
                PrincipalKind.valueOf(rs.getString("principal_type")), rs.getString("name"), rs.getString("path"),
                rs.getString("permission_set"));
        return new Row(principal, rs.getString("policy_hash"), strings(rs, "inline_names"), strings(rs, "inline_documents"),
                strings(rs, "attached_arns"), strings(rs, "attached_versions"), rs.getString("permissions_boundary_arn"),
                rs.getString("permissions_boundary_version"), strings(rs, "group_names"), rs.getLong("generation_id"),
                rs.getString("policies"), rs.getBoolean("complete"));
    }

    static String[] strings(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        return array == null ? new String[0] : (String[]) array.getArray();
    }
}
