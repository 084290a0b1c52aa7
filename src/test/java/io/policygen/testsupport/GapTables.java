package io.policygen.testsupport;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A known state for the gap's report views, written straight into the tables as discovery and the computeGaps step
 * would have: accounts, principals, grant sets and gaps.
 */
public final class GapTables {

    private final JdbcClient jdbc;
    private final Instant now;

    public GapTables(JdbcClient jdbc, Instant now) {
        this.jdbc = jdbc;
        this.now = now;
    }

    /** One action of a grant set, as {@code gap_grant_action} holds it. */
    public record Action(String service, String action, String level, int weight, boolean scoped, boolean conditional,
                         boolean inCatalog) {
    }

    public static Action action(String service, String action, String level, int weight, boolean scoped, boolean conditional,
                                boolean inCatalog) {
        return new Action(service, action, level, weight, scoped, conditional, inCatalog);
    }

    /** An unflagged action the catalog knows. */
    public static Action action(String service, String action, String level, int weight) {
        return new Action(service, action, level, weight, false, false, true);
    }

    public static String arn(String accountId, String resource) {
        return "arn:aws:iam::" + accountId + ":" + resource;
    }

    public void account(String accountId, String name, boolean inScope) {
        jdbc.sql("insert into account (account_id, name, state, in_scope, first_seen_at, last_seen_at) values (?, ?, 'ACTIVE', ?, now(), now())")
                .params(accountId, name, inScope).update();
    }

    /** {@code resource}: {@code role/NAME} or {@code user/PATH.../NAME}, as in the ARN; deleted when {@code deletedAt} is given. */
    public long principal(String accountId, String resource, Instant deletedAt) {
        String type = resource.startsWith("role/") ? "ROLE" : "USER";
        int kindEnd = resource.indexOf('/');
        int nameStart = resource.lastIndexOf('/') + 1;
        return jdbc.sql("""
                        insert into principal (account_id, principal_arn, principal_type, name, path, first_seen_at, changed_at, deleted_at,
                                               policy_hash)
                        values (?, ?, ?, ?, ?, now(), now(), ?, 'h') returning principal_id""")
                .params(accountId, arn(accountId, resource), type, resource.substring(nameStart), resource.substring(kindEnd, nameStart),
                        deletedAt == null ? null : Timestamp.from(deletedAt))
                .query(Long.class).single();
    }

    public long grant(String key, Action... actions) {
        long id = jdbc.sql("insert into gap_grant (grant_key, actions) values (?, ?) returning grant_id").params(key, actions.length)
                .query(Long.class).single();
        for (Action a : actions) {
            jdbc.sql("""
                            insert into gap_grant_action (grant_id, service, action, access_level, weight, scoped, conditional, in_catalog)
                            values (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, a.service(), a.action(), a.level(), a.weight(), a.scoped(), a.conditional(), a.inCatalog()).update();
        }
        return id;
    }

    /** A principal's gap over a grant set, with the SUCCEEDED generation it comes from; arrays as PostgreSQL literals. */
    public void gap(long principalId, String jobId, long grantId, int granted, int used, int serviceLevel, int notObservable,
                    int unused, int unknown, int unusedScoped, int unusedConditional, long score, String top,
                    String serviceLevelServices, String usedActions, String notObservableActions, String notes) {
        long generation = jdbc.sql("""
                        insert into generation (principal_id, account_id, region, client_token, job_id, state, requested_at, completed_at,
                                                request, policies, policy_complete)
                        select principal_id, account_id, 'us-east-1', ?, ?, 'SUCCEEDED', ?, ?, '{}'::jsonb, '[]'::jsonb, true
                        from principal where principal_id = ? returning generation_id""")
                .params(UUID.randomUUID(), jobId, Timestamp.from(now.minusSeconds(120)), Timestamp.from(now.minusSeconds(60)), principalId)
                .query(Long.class).single();
        jdbc.sql("""
                        insert into principal_gap (principal_id, account_id, generation_id, policy_hash, catalog, grant_id, granted, used,
                            used_at_service_level, not_observable, unused, unknown, unused_scoped, unused_conditional, used_not_granted,
                            unused_share, score, top_unused_services, service_level_services, used_actions, not_observable_actions,
                            notes, computed_at)
                        select principal_id, account_id, ?, 'h', 'test catalog', ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?::text[], ?::text[],
                               ?::text[], ?::text[], ?::jsonb, ?
                        from principal where principal_id = ?""")
                .params(generation, grantId, granted, used, serviceLevel, notObservable, unused, unknown, unusedScoped, unusedConditional,
                        (double) unused / granted, score, top, serviceLevelServices, usedActions, notObservableActions, notes,
                        Timestamp.from(now), principalId)
                .update();
    }
}
