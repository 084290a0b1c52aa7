package io.policygen.gap;

import static io.policygen.gap.TestCatalog.allow;
import static io.policygen.gap.TestCatalog.policy;
import static org.assertj.core.api.Assertions.assertThat;

import io.policygen.store.OwnTransaction;
import io.policygen.testsupport.TestDatabase;
import io.policygen.testsupport.TestPostgres;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * The gap's database side on a hand-written state, with the hand-written catalog of {@link TestCatalog}: the stored
 * policies read back as each principal's current policies (inline, managed at their version, a user's groups, the
 * boundary), its latest SUCCEEDED generation, the gaps stored with their grant sets, computed again only where
 * something changed, and removed with their principal.
 */
@ExtendWith(TestPostgres.class)
class StoredGapsIT {

    private static final String A = "111111111111";
    private static final String READ_ALL = "arn:aws:iam::aws:policy/ReadAll";
    private static final String BOUND = "arn:aws:iam::" + A + ":policy/bound";
    private static final String ADMIN_ACCESS = "arn:aws:iam::aws:policy/AdministratorAccess";
    private static final String HOSTILE = "<img src=x onerror=alert(1)>";
    private static final String GUARD = policy("{\"Effect\":\"Deny\",\"Action\":\"ec2:TerminateInstances\",\"Resource\":\"*\","
            + "\"Condition\":{\"StringEquals\":{\"aws:PrincipalTag/note\":\"" + HOSTILE + "\"}}}");
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final String CATALOG = GapStore.catalogVersion(TestCatalog.CATALOG);

    private JdbcTemplate jdbcTemplate;
    private JdbcClient jdbc;
    private GapStore store;
    private long app;
    private long alice;
    private long admin;
    private long app2;

    @BeforeEach
    void knownState(TestDatabase database) {
        jdbcTemplate = new JdbcTemplate(database.dataSource());
        jdbc = JdbcClient.create(database.dataSource());
        store = new GapStore(jdbcTemplate, new OwnTransaction(new JdbcTransactionManager(database.dataSource())),
                Clock.fixed(NOW, ZoneOffset.UTC));
        jdbc.sql("truncate principal_gap, gap_grant, gap_grant_action, generation, principal, iam_group, managed_policy, account cascade")
                .update();
        jdbc.sql("insert into account (account_id, name, state, first_seen_at, last_seen_at) values (?, 'prod', 'ACTIVE', now(), now())")
                .param(A).update();
        managed(READ_ALL, "v1", policy(allow("\"s3:Get*\"")));
        managed(READ_ALL, "v2", policy(allow("\"*\""))); // a later version no principal has
        managed(BOUND, "v2", policy(allow("[\"s3:*\", \"sqs:*\"]")));
        managed(ADMIN_ACCESS, "v1", policy(allow("\"*\"")));
        jdbc.sql("""
                        insert into iam_group (account_id, group_name, group_arn, group_id, path, inline_policies, attached_policies, last_seen_at)
                        values (?, 'readers', 'arn:aws:iam::111111111111:group/readers', 'AGPA1', '/', ?::jsonb, ?::jsonb, now())""")
                .params(A, "{\"q\": " + policy(allow("\"sqs:ReceiveMessage\"")) + "}", attached(READ_ALL, "v1")).update();

        app = principal("ROLE", "app", "/app/", "{\"app\": " + policy(allow("[\"s3:*\", \"ec2:DescribeInstances\"]")) + "}",
                attached(READ_ALL, "v1"), BOUND, null, "h-app", null);
        generation(app, "SUCCEEDED", 3, policy(allow("\"s3:GetObject\"")), true);
        generation(app, "FAILED", 1, null, null);
        alice = principal("USER", "alice", "/", "{}", "[]", null, "{readers}", "h-alice", null);
        generation(alice, "SUCCEEDED", 2, policy(allow("[\"sqs:ReceiveMessage\", \"s3:GetObject\"]")), true);
        generation(alice, "SUCCEEDED", 1, policy(allow("\"sqs:ReceiveMessage\"")), true);
        admin = principal("ROLE", "admin", "/", "{\"guard\": " + GUARD + "}", attached(ADMIN_ACCESS, "v1"), null, null, "h-admin", null);
        generation(admin, "SUCCEEDED", 1, policy(allow("[\"iam:GetRole\", \"sqs:*\"]")), false);
        long legacy = principal("ROLE", "legacy", "/", null, null, null, null, null, null); // discovered before its policies were
        generation(legacy, "SUCCEEDED", 1, policy(allow("\"s3:GetObject\"")), true);
        long gone = principal("ROLE", "gone", "/", "{}", "[]", null, null, "h-gone", NOW.minus(1, ChronoUnit.DAYS));
        generation(gone, "SUCCEEDED", 1, policy(allow("\"s3:GetObject\"")), true);
        principal("ROLE", "never", "/", "{}", "[]", null, null, "h-never", null);
        app2 = principal("ROLE", "app2", "/", "{\"other\": " + policy(allow("\"s3:*\"")) + "}", "[]", BOUND, null, "h-app2", null);
        generation(app2, "SUCCEEDED", 1, policy(allow("\"s3:PutObject\"")), true);
    }

    @Test
    void shouldReadEachPrincipalsStoredPoliciesAndLatestSuccessPageByPage() {
        StoredGapSource source = source(StoredGapSource.Scope.CHANGED);

        List<GapInput> first = source.page(0, 2);
        List<GapInput> second = source.page(first.getLast().principal().principalId(), 2);

        assertThat(first).extracting(input -> input.principal().name()).containsExactly("app", "alice");
        assertThat(second).extracting(input -> input.principal().name()).containsExactly("admin", "app2");
        assertThat(source.page(app2, 2)).isEmpty();
        GapInput appInput = first.getFirst();
        assertThat(appInput.principal()).isEqualTo(new GapPrincipal(app, A, PrincipalKind.ROLE, "app", "/app/", null));
        assertThat(appInput.current().policies()).extracting(AttachedPolicy::kind, AttachedPolicy::name).containsExactly(
                org.assertj.core.groups.Tuple.tuple(PolicyKind.INLINE, "app"), org.assertj.core.groups.Tuple.tuple(PolicyKind.MANAGED, READ_ALL),
                org.assertj.core.groups.Tuple.tuple(PolicyKind.BOUNDARY, BOUND));
        assertThat(appInput.basis().policyHash()).isEqualTo("h-app");
        assertThat(first.get(1).current().policies()).extracting(AttachedPolicy::kind, AttachedPolicy::name).containsExactly(
                org.assertj.core.groups.Tuple.tuple(PolicyKind.GROUP, "readers/q"), org.assertj.core.groups.Tuple.tuple(PolicyKind.GROUP, "readers/" + READ_ALL));
        assertThat(first.get(1).generated().documents()).as("the latest success, not the older one or the later failure")
                .doesNotContain("s3:GetObject").contains("sqs:ReceiveMessage");
        assertThat(second.getFirst().generated().complete()).isFalse();
    }

    @Test
    void shouldStoreEachGapWithItsFiguresAndAGrantSetSharedByEqualGrants() {
        int computed = computeAll();

        assertThat(computed).isEqualTo(4);
        Map<String, Object> appGap = gap(app);
        assertThat(appGap).containsEntry("granted", 7).containsEntry("used", 1).containsEntry("unused", 6)
                .containsEntry("used_at_service_level", 0).containsEntry("not_observable", 0).containsEntry("score", 26L)
                .containsEntry("unused_share", 6.0 / 7).containsEntry("policy_hash", "h-app").containsEntry("catalog", CATALOG)
                .containsEntry("top_unused_services", List.of("s3")).containsEntry("used_actions", List.of("s3:GetObject"))
                .containsEntry("notes", "[]").containsEntry("computed_at", NOW);
        assertThat(gap(alice)).containsEntry("granted", 3).containsEntry("used", 1).containsEntry("unused", 2)
                .containsEntry("score", 4L).containsEntry("top_unused_services", List.of("s3"))
                .containsEntry("used_actions", List.of("sqs:ReceiveMessage"));
        Map<String, Object> adminGap = gap(admin);
        assertThat(adminGap).containsEntry("granted", 15).containsEntry("used", 1).containsEntry("used_at_service_level", 2)
                .containsEntry("not_observable", 1).containsEntry("unused", 11).containsEntry("unused_conditional", 1)
                .containsEntry("score", 49L).containsEntry("top_unused_services", List.of("s3", "ec2", "iam"))
                .containsEntry("service_level_services", List.of("sqs")).containsEntry("not_observable_actions", List.of("iam:PassRole"));
        assertThat((String) adminGap.get("notes")).contains("CONDITIONAL_DENY", "\"policy\": \"guard\"", HOSTILE);
        assertThat(gap(app2)).containsEntry("grant_id", appGap.get("grant_id")).containsEntry("used_actions", List.of("s3:PutObject"));
        assertThat(jdbc.sql("select actions from gap_grant order by actions").query(Integer.class).list()).containsExactly(3, 7, 15);
        assertThat(jdbc.sql("""
                        select action || ' ' || access_level || ' ' || weight || case when conditional then ' conditional' else '' end
                        from gap_grant_action where grant_id = ? and service <> 's3' order by action""")
                .param(adminGap.get("grant_id")).query(String.class).list()).containsExactly(
                "ec2:DescribeInstances List 1", "ec2:RunInstances Write 5", "ec2:TerminateInstances Write 5 conditional",
                "iam:AttachRolePolicy Permissions management 10", "iam:GetRole Read 2", "iam:PassRole Write 5",
                "sqs:ReceiveMessage Read 2", "sqs:SendMessage Write 5");
    }

    @Test
    void shouldComputeAgainOnlyWhereThePoliciesOrTheLatestGenerationChanged() {
        computeAll();
        Map<String, Object> before = gap(app);

        assertThat(source(StoredGapSource.Scope.CHANGED).page(0, 100)).isEmpty();
        assertThat(source(StoredGapSource.Scope.ALL).page(0, 100)).hasSize(4);

        jdbc.sql("update principal set policy_hash = 'h-app-2' where principal_id = ?").param(app).update();
        generation(alice, "SUCCEEDED", 0, policy(allow("\"s3:GetObject\"")), true);
        assertThat(source(StoredGapSource.Scope.CHANGED).page(0, 100)).extracting(input -> input.principal().name())
                .containsExactly("app", "alice");
        assertThat(computeAll()).isEqualTo(2);
        assertThat(gap(app)).containsEntry("policy_hash", "h-app-2").containsEntry("grant_id", before.get("grant_id"));
        assertThat(gap(alice)).containsEntry("used_actions", List.of("s3:GetObject")).containsEntry("unused", 2);
        assertThat(new StoredGapSource(jdbcTemplate, A, StoredGapSource.Scope.CHANGED, "another catalog", new StoredPolicies(jdbcTemplate))
                .page(0, 100)).as("a new catalog computes every gap again").hasSize(4);
    }

    @Test
    void shouldRemoveTheGapsOfPrincipalsGoneAndTheGrantSetsNoGapHas() {
        computeAll();

        jdbc.sql("update principal set deleted_at = now() where principal_id = ?").param(app2).update();
        assertThat(store.prune()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from gap_grant").query(Integer.class).single()).as("app still has the s3 set").isEqualTo(3);

        jdbc.sql("update principal set deleted_at = now() where principal_id = ?").param(alice).update();
        assertThat(store.prune()).isEqualTo(1);
        assertThat(jdbc.sql("select principal_id from principal_gap order by 1").query(Long.class).list()).containsExactly(app, admin);
        assertThat(jdbc.sql("select actions from gap_grant order by actions").query(Integer.class).list()).containsExactly(7, 15);
        assertThat(jdbc.sql("select count(*) from gap_grant_action").query(Integer.class).single()).isEqualTo(22);
    }

    // --- the step's reader and writer, without Spring Batch

    private int computeAll() {
        GapReader reader = new GapReader(source(StoredGapSource.Scope.CHANGED), 2, () -> false);
        GapWriter writer = new GapWriter(new GapCalculator(TestCatalog.CATALOG), store, CATALOG);
        int count = 0;
        List<GapInput> chunk = new ArrayList<>();
        for (GapInput input = reader.read(); input != null; input = reader.read()) {
            chunk.add(input);
            count++;
            if (chunk.size() == 2) {
                writer.write(new Chunk<>(chunk));
                chunk.clear();
            }
        }
        writer.write(new Chunk<>(chunk));
        return count;
    }

    private StoredGapSource source(StoredGapSource.Scope scope) {
        return new StoredGapSource(jdbcTemplate, A, scope, CATALOG, new StoredPolicies(jdbcTemplate));
    }

    private Map<String, Object> gap(long principalId) {
        return jdbc.sql("select * from principal_gap where principal_id = ?").param(principalId).query().singleRow().entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> value(e.getValue())));
    }

    private static Object value(Object value) {
        try {
            return switch (value) {
                case java.sql.Array array -> Arrays.asList((Object[]) array.getArray());
                case Timestamp timestamp -> timestamp.toInstant();
                case java.time.OffsetDateTime time -> time.toInstant();
                case org.postgresql.util.PGobject object -> object.getValue();
                default -> value;
            };
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- the hand-written state

    private void managed(String arn, String version, String document) {
        jdbc.sql("""
                        insert into managed_policy (policy_arn, version_id, policy_name, path, aws_managed, document, breadth, grants, first_seen_at)
                        values (?, ?, ?, '/', ?, ?::jsonb, 'NARROW', '{}', now())""")
                .params(arn, version, arn.substring(arn.lastIndexOf('/') + 1), arn.contains(":aws:policy"), document).update();
    }

    private static String attached(String arn, String version) {
        return "[{\"arn\": \"" + arn + "\", \"version\": \"" + version + "\"}]";
    }

    private long principal(String type, String name, String path, String inline, String attached, String boundary, String groups,
                           String policyHash, Instant deletedAt) {
        return jdbc.sql("""
                        insert into principal (account_id, principal_arn, principal_type, name, path, first_seen_at, changed_at,
                            deleted_at, inline_policies, attached_policies, permissions_boundary_arn, permissions_boundary_version,
                            group_names, policy_hash)
                        values (?, ?, ?, ?, ?, now(), now(), ?, ?::jsonb, ?::jsonb, ?, ?, ?::text[], ?) returning principal_id""")
                .params(A, "arn:aws:iam::" + A + ":" + type.toLowerCase() + path + name, type, name, path,
                        deletedAt == null ? null : Timestamp.from(deletedAt), inline, attached, boundary, boundary == null ? null : "v2",
                        groups, policyHash)
                .query(Long.class).single();
    }

    private void generation(long principalId, String state, int daysAgo, String document, Boolean complete) {
        jdbc.sql("""
                        insert into generation (principal_id, account_id, region, client_token, job_id, state, requested_at,
                            completed_at, request, policies, policy_complete)
                        values (?, ?, 'us-east-1', ?, ?, ?, ?, ?, '{}'::jsonb, ?::jsonb, ?)""")
                .params(principalId, A, UUID.randomUUID(), UUID.randomUUID().toString(), state,
                        Timestamp.from(NOW.minus(daysAgo, ChronoUnit.DAYS).minusSeconds(60)),
                        Timestamp.from(NOW.minus(daysAgo, ChronoUnit.DAYS)), document == null ? null : "[" + document + "]", complete)
                .update();
    }
}
