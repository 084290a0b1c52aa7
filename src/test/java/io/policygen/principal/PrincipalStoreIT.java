package io.policygen.principal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.policygen.principal.IamEntity.ListedPrincipal;
import io.policygen.principal.IamItem.Assessment;
import io.policygen.principal.IamItem.DiscoveredPrincipal;
import io.policygen.principal.IamItem.PolicyVersion;
import io.policygen.run.RunStore;
import io.policygen.store.OwnTransaction;
import io.policygen.testsupport.TestDatabase;
import io.policygen.testsupport.TestPostgres;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;

/** A page of principals stored as one statement of column arrays, on a real PostgreSQL: every value comes back as sent. */
@ExtendWith(TestPostgres.class)
class PrincipalStoreIT {

    private static final Instant NOW = Instant.parse("2026-11-20T01:00:00Z");

    private JdbcClient jdbc;
    private JdbcTemplate template;
    private PrincipalStore store;
    private String accountId;
    private long runId;
    private OwnTransaction tx;

    @BeforeEach
    void setUp(TestDatabase database) {
        DataSource dataSource = database.dataSource();
        jdbc = JdbcClient.create(dataSource);
        tx = new OwnTransaction(new JdbcTransactionManager(dataSource));
        template = new JdbcTemplate(dataSource);
        store = new PrincipalStore(template, tx);
        // each test's ids are its own: a principal stored by another would take the fallback from COPY
        jdbc.sql("delete from principal").update();
        runId = new RunStore(jdbc, tx).start(NOW, "test", 1);
        accountId = String.valueOf(100000000000L + (long) (Math.random() * 899999999999L));
        jdbc.sql("insert into account (account_id, state, first_seen_at, last_seen_at) values (?, 'ACTIVE', now(), now())")
                .param(accountId).update();
    }

    private DiscoveredPrincipal principal(PrincipalType type, String name, String id, List<String> groups, List<String> grants,
                                          Map<String, String> inline, LastUse lastUse, Instant createdAt) {
        String arn = "arn:aws:iam::" + accountId + ":" + type.name().toLowerCase() + "/" + name;
        ListedPrincipal listed = new ListedPrincipal(type, arn, name, "/", id, createdAt, inline, List.of(), null,
                Map.of("team", "a\"b"), groups, lastUse.at());
        return new DiscoveredPrincipal(accountId, listed, List.of(new PolicyVersion("arn:aws:iam::aws:policy/ReadOnlyAccess", "v9")),
                null, lastUse, new Assessment(Breadth.SERVICE_WIDE, grants, "hash-" + id, "print-" + id, Eligibility.ELIGIBLE,
                "used 2 days ago"));
    }

    /** A way of storing a page: the upsert's statements, or COPY for principals not stored. */
    interface Storing {
        void store(PrincipalStore store, List<DiscoveredPrincipal> page, long runId, Instant now);
    }

    static Stream<Arguments> storings() {
        return Stream.of(Arguments.of("upsert", (Storing) PrincipalStore::upsert),
                Arguments.of("insert", (Storing) PrincipalStore::insert));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("storings")
    void shouldStoreEveryColumnAsListedWhateverCharactersTheArraysHold(String name, Storing storing) {
        List<String> awkward = List.of("s3:*", "a\"b", "c\\d", "x,y", "{z}", "NULL", "", "two words", "tab\there",
                "line\nbreak", "cr\rx", "\\N", "\\.");
        Instant used = Instant.parse("2026-11-18T07:30:00.123456Z");
        storing.store(store, List.of(
                principal(PrincipalType.USER, "alice", "AIDAALICE", List.of("dev", "ops"), awkward,
                        Map.of("inline", "{\"Version\":\n\t\"2012-10-17\",\"Statement\":[]}"), new LastUse(used, "credential report", true),
                        Instant.parse("2024-01-02T03:04:05Z")),
                principal(PrincipalType.ROLE, "app", "AROAAPP", List.of(), List.of(), Map.of("broken", "not json {"),
                        LastUse.unknown("never used"), null)), runId, NOW);

        Map<String, Object> alice = jdbc.sql("""
                select principal_type, array_to_json(group_names)::text as groups, array_to_json(broadest_grants)::text as grants,
                       inline_policies::text as inline, tags::text as tags, attached_policies::text as attached,
                       last_used_at = ?::timestamptz as used_kept, last_used_source, last_use_known,
                       iam_created_at = '2024-01-02T03:04:05Z'::timestamptz as created_kept, breadth, eligibility,
                       eligibility_reason, policy_hash, fingerprint, changed_run_id, deleted_at
                from principal where iam_id = 'AIDAALICE'""").param(used.toString()).query().singleRow();
        assertThat(alice).containsEntry("principal_type", "USER")
                .containsEntry("groups", "[\"dev\",\"ops\"]")
                .containsEntry("grants", "[\"s3:*\",\"a\\\"b\",\"c\\\\d\",\"x,y\",\"{z}\",\"NULL\",\"\",\"two words\","
                        + "\"tab\\there\",\"line\\nbreak\",\"cr\\rx\",\"\\\\N\",\"\\\\.\"]")
                .containsEntry("inline", "{\"inline\": {\"Version\": \"2012-10-17\", \"Statement\": []}}")
                .containsEntry("tags", "{\"team\": \"a\\\"b\"}")
                .containsEntry("attached", "[{\"arn\": \"arn:aws:iam::aws:policy/ReadOnlyAccess\", \"version\": \"v9\"}]")
                .containsEntry("used_kept", true).containsEntry("last_used_source", "credential report")
                .containsEntry("last_use_known", true).containsEntry("created_kept", true)
                .containsEntry("breadth", "SERVICE_WIDE").containsEntry("eligibility", "ELIGIBLE")
                .containsEntry("eligibility_reason", "used 2 days ago").containsEntry("policy_hash", "hash-AIDAALICE")
                .containsEntry("fingerprint", "print-AIDAALICE").containsEntry("changed_run_id", runId)
                .containsEntry("deleted_at", null);

        Map<String, Object> app = jdbc.sql("""
                select group_names is null as no_groups, array_to_json(broadest_grants)::text as grants,
                       inline_policies::text as inline, last_used_at, iam_created_at, last_use_known
                from principal where iam_id = 'AROAAPP'""").query().singleRow();
        assertThat(app).containsEntry("no_groups", true).containsEntry("grants", "[]")
                .containsEntry("inline", "{\"broken\": \"not json {\"}")
                .containsEntry("last_used_at", null).containsEntry("iam_created_at", null)
                .containsEntry("last_use_known", false);
    }

    @Test
    void shouldKeepTheLastListingOfAPrincipalListedTwiceInAPageAndRefreshItOnTheNextPage() {
        LastUse unknown = LastUse.unknown("never used");
        store.upsert(List.of(
                principal(PrincipalType.ROLE, "old-name", "AROATWICE", List.of(), List.of("a"), Map.of(), unknown, null),
                principal(PrincipalType.ROLE, "new-name", "AROATWICE", List.of(), List.of("b"), Map.of(), unknown, null)), runId, NOW);
        assertThat(jdbc.sql("select name, broadest_grants[1] from principal where account_id = ?").param(accountId).query().listOfRows())
                .containsExactly(Map.of("name", "new-name", "broadest_grants", "b"));

        long later = new RunStore(jdbc, tx).start(NOW, "test", 2);
        store.upsert(List.of(principal(PrincipalType.ROLE, "renamed", "AROATWICE", List.of(), List.of("c"), Map.of(), unknown, null)),
                later, NOW.plusSeconds(60));
        assertThat(jdbc.sql("select name, broadest_grants[1] as grant, changed_run_id, first_seen_at < changed_at as refreshed "
                        + "from principal where account_id = ?").param(accountId).query().listOfRows())
                .containsExactly(Map.of("name", "renamed", "grant", "c", "changed_run_id", later, "refreshed", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("storings")
    void shouldRefuseAPageNamingAnAccountNotStoredAndStoreNothingOfIt(String name, Storing storing) {
        LastUse unknown = LastUse.unknown("never used");
        DiscoveredPrincipal known = principal(PrincipalType.ROLE, "known", "AROAKNOWN", List.of(), List.of(), Map.of(), unknown, null);
        String stranger = accountId.equals("999999999999") ? "999999999998" : "999999999999";
        ListedPrincipal listed = new ListedPrincipal(PrincipalType.ROLE, "arn:aws:iam::" + stranger + ":role/lost", "lost", "/",
                "AROALOST", null, Map.of(), List.of(), null, Map.of(), List.of(), null);
        DiscoveredPrincipal orphan = new DiscoveredPrincipal(stranger, listed, List.of(), null, unknown, known.assessment());

        assertThatThrownBy(() -> storing.store(store, List.of(known, orphan), runId, NOW))
                .hasMessageContaining("principal names account " + stranger + ", which is not in table account");
        assertThat(jdbc.sql("select count(*) from principal where iam_id in ('AROAKNOWN', 'AROALOST')").query(Long.class).single())
                .isZero();

        store.upsert(List.of(known), runId, NOW);
        assertThatThrownBy(() -> jdbc.sql("update principal set account_id = ? where iam_id = 'AROAKNOWN'").param(stranger).update())
                .hasMessageContaining("principal names account " + stranger);
        assertThatThrownBy(() -> jdbc.sql("delete from account where account_id = ?").param(accountId).update())
                .hasMessageContaining("account " + accountId + " still has principals in table principal");
        assertThat(jdbc.sql("select account_id from principal where iam_id = 'AROAKNOWN'").query(String.class).single())
                .isEqualTo(accountId);
    }

    @Test
    void shouldCopyNewPrincipalsAndWriteAPageHoldingOneStoredAfterAllByUpserts() {
        LastUse unknown = LastUse.unknown("never used");
        DiscoveredPrincipal back = principal(PrincipalType.ROLE, "back", "AROABACK", List.of(), List.of(), Map.of(), unknown, null);
        DiscoveredPrincipal renewed = principal(PrincipalType.ROLE, "renewed", "AROARENEWED", List.of(), List.of(), Map.of(), unknown, null);
        DiscoveredPrincipal legacy = principal(PrincipalType.ROLE, "legacy", "AROALEGACY", List.of(), List.of(), Map.of(), unknown, null);
        DiscoveredPrincipal fresh = principal(PrincipalType.ROLE, "fresh", "AROAFRESH", List.of(), List.of(), Map.of(), unknown, null);
        store.insert(List.of(back, principal(PrincipalType.ROLE, "renewed", "AROAOLD", List.of(), List.of(), Map.of(), unknown, null)),
                runId, NOW);
        assertThat(store.markDeleted(accountId, List.of("AROABACK"), NOW)).isEqualTo(1);
        jdbc.sql("""
                insert into principal (account_id, principal_arn, principal_type, name, path, first_seen_at, changed_at)
                values (?, ?, 'ROLE', 'legacy', '/', now(), now())""").param(accountId).param(legacy.arn()).update();

        long later = new RunStore(jdbc, tx).start(NOW, "test", 2);
        store.insert(List.of(back, renewed, legacy, fresh), later, NOW.plusSeconds(60));

        assertThat(jdbc.sql("""
                        select name, iam_id, deleted_at is not null as deleted, changed_run_id = ? as written
                        from principal where account_id = ? order by name, iam_id""")
                .param(later).param(accountId).query().listOfRows()).containsExactly(
                Map.of("name", "back", "iam_id", "AROABACK", "deleted", false, "written", true),
                Map.of("name", "fresh", "iam_id", "AROAFRESH", "deleted", false, "written", true),
                Map.of("name", "legacy", "iam_id", "AROALEGACY", "deleted", false, "written", true),
                Map.of("name", "renewed", "iam_id", "AROAOLD", "deleted", true, "written", false),
                Map.of("name", "renewed", "iam_id", "AROARENEWED", "deleted", false, "written", true));
    }

    @Test
    void shouldWriteAPrincipalListedAgainOnlyWhereSomethingItStoresChanged() {
        LastUse used = new LastUse(Instant.parse("2026-11-18T07:30:00Z"), "RoleLastUsed", true);
        List<DiscoveredPrincipal> first = List.of(
                principal(PrincipalType.ROLE, "same", "AROASAME", List.of(), List.of("a"), Map.of("p", "{}"), used, null),
                principal(PrincipalType.ROLE, "used", "AROAUSED", List.of(), List.of("a"), Map.of(), used, null),
                principal(PrincipalType.USER, "tagged", "AIDATAGGED", List.of("g"), List.of("a"), Map.of(), used, null));
        writer(runId).write(new Chunk<>(first));

        long later = new RunStore(jdbc, tx).start(NOW, "test", 2);
        LastUse usedSince = new LastUse(Instant.parse("2026-11-19T07:30:00Z"), "RoleLastUsed", true);
        DiscoveredPrincipal retagged = first.get(2);
        ListedPrincipal listed = retagged.listed();
        retagged = new DiscoveredPrincipal(accountId, new ListedPrincipal(listed.type(), listed.arn(), listed.name(),
                listed.path(), listed.iamId(), listed.createdAt(), listed.inlinePolicies(), listed.attachedPolicyArns(),
                listed.boundaryArn(), Map.of("team", "b"), listed.groups(), listed.lastUsed()), retagged.attached(),
                retagged.boundary(), retagged.lastUse(), retagged.assessment());
        writer(later).write(new Chunk<>(List.of(first.get(0),
                principal(PrincipalType.ROLE, "used", "AROAUSED", List.of(), List.of("a"), Map.of(), usedSince, null), retagged)));

        assertThat(jdbc.sql("select iam_id, changed_run_id, tags::text as tags from principal where account_id = ? order by iam_id")
                .param(accountId).query().listOfRows()).containsExactly(
                Map.of("iam_id", "AIDATAGGED", "changed_run_id", later, "tags", "{\"team\": \"b\"}"),
                Map.of("iam_id", "AROASAME", "changed_run_id", runId, "tags", "{\"team\": \"a\\\"b\"}"),
                Map.of("iam_id", "AROAUSED", "changed_run_id", later, "tags", "{\"team\": \"a\\\"b\"}"));
        assertThat(jdbc.sql("select last_used_at from principal where iam_id = 'AROAUSED'").query(Timestamp.class).single()
                .toInstant()).isEqualTo(usedSince.at());
        assertThat(jdbc.sql("select content_hash from principal where account_id = ? order by iam_id").param(accountId)
                .query(String.class).list()).containsExactly(retagged.contentHash(), first.get(0).contentHash(),
                principal(PrincipalType.ROLE, "used", "AROAUSED", List.of(), List.of("a"), Map.of(), usedSince, null).contentHash());
    }

    @Test
    void shouldWriteAPrincipalOnlyInTheAccountItWasListedIn() {
        LastUse used = new LastUse(Instant.parse("2026-11-18T07:30:00Z"), "RoleLastUsed", true);
        String first = accountId;
        store.insert(List.of(principal(PrincipalType.ROLE, "copied", "AROACOPIED", List.of(), List.of("a"), Map.of(), used,
                null)), runId, NOW);
        accountId = (first.startsWith("9") ? "8" : "9") + first.substring(1);
        jdbc.sql("insert into account (account_id, state, first_seen_at, last_seen_at) values (?, 'ACTIVE', now(), now())")
                .param(accountId).update();
        store.insert(List.of(principal(PrincipalType.ROLE, "copied", "AROACOPIED", List.of(), List.of("a"), Map.of(), used,
                null)), runId, NOW);

        Instant since = Instant.parse("2026-11-19T07:30:00Z");
        store.updateUse(List.of(principal(PrincipalType.ROLE, "copied", "AROACOPIED", List.of(), List.of("a"), Map.of(),
                new LastUse(since, "RoleLastUsed", true), null)), runId, NOW);
        store.upsert(List.of(principal(PrincipalType.ROLE, "renamed", "AROACOPIED", List.of(), List.of("a"), Map.of(),
                new LastUse(since, "RoleLastUsed", true), null)), runId, NOW);

        assertThat(jdbc.sql("""
                select account_id, name, last_used_at = ?::timestamptz as used_since from principal order by account_id <> ?""")
                .param(since.toString()).param(first).query().listOfRows()).containsExactly(
                Map.of("account_id", first, "name", "copied", "used_since", false),
                Map.of("account_id", accountId, "name", "renamed", "used_since", true));
    }

    @Test
    void shouldKeepEachPrincipalOnItsPageWhenItsUseAloneIsUpdated() {
        LastUse used = new LastUse(Instant.parse("2026-11-18T07:30:00Z"), "RoleLastUsed", true);
        LastUse usedSince = new LastUse(Instant.parse("2026-11-19T07:30:00Z"), "RoleLastUsed", true);
        Map<String, String> inline = Map.of("p", "{\"Statement\": \"" + "x".repeat(400) + "\"}");
        List<String> ids = IntStream.range(0, 300).mapToObj(i -> "AROA%05d".formatted(i)).toList();
        Function<LastUse, List<DiscoveredPrincipal>> page = use -> ids.stream()
                .map(id -> principal(PrincipalType.ROLE, id, id, List.of(), List.of("a"), inline, use, null)).toList();
        store.insert(page.apply(used), runId, NOW);
        Map<String, Integer> pages = pagesById();

        store.updateUse(page.apply(usedSince), runId, NOW);

        Map<String, Integer> after = pagesById();
        assertThat(Set.copyOf(pages.values())).hasSizeGreaterThan(10);
        assertThat(ids).filteredOn(id -> !pages.get(id).equals(after.get(id))).as("moved to another page").isEmpty();
        assertThat(jdbc.sql("select count(*) from principal where account_id = ? and last_used_at = ?::timestamptz")
                .param(accountId).param(usedSince.at().toString()).query(Integer.class).single()).isEqualTo(ids.size());
    }

    /** The heap page each of the account's principals is on: a new row version on another page needs new index entries. */
    private Map<String, Integer> pagesById() {
        return jdbc.sql("select iam_id, (ctid::text::point)[0]::int as page from principal where account_id = ?")
                .param(accountId).query((rs, n) -> Map.entry(rs.getString(1), rs.getInt(2))).stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @Test
    void shouldMarkDeletedTheLivePrincipalsTheListingDidNotReturnWhetherWrittenOrNot() {
        LastUse unknown = LastUse.unknown("never used");
        writer(runId).write(new Chunk<>(List.of(
                principal(PrincipalType.ROLE, "kept", "AROAKEPT", List.of(), List.of(), Map.of(), unknown, null),
                principal(PrincipalType.ROLE, "gone", "AROAGONE", List.of(), List.of(), Map.of(), unknown, null))));
        jdbc.sql("""
                insert into principal (account_id, principal_arn, principal_type, name, path, first_seen_at, changed_at)
                values (?, ?, 'ROLE', 'no-id', '/', now(), now())""").param(accountId)
                .param("arn:aws:iam::" + accountId + ":role/no-id").update();

        PrincipalWriter again = writer(new RunStore(jdbc, tx).start(NOW, "test", 2));
        again.write(new Chunk<>(List.of(
                principal(PrincipalType.ROLE, "kept", "AROAKEPT", List.of(), List.of(), Map.of(), unknown, null))));
        assertThat(again.unlistedIds()).containsExactly("AROAGONE");
        assertThat(store.markDeleted(accountId, again.unlistedIds(), NOW)).isEqualTo(2);

        assertThat(jdbc.sql("select name, deleted_at is not null as deleted from principal where account_id = ? order by name")
                .param(accountId).query().listOfRows()).containsExactly(
                Map.of("name", "gone", "deleted", true), Map.of("name", "kept", "deleted", false),
                Map.of("name", "no-id", "deleted", true));
    }

    private PrincipalWriter writer(long run) {
        return new PrincipalWriter(accountId, store, new CatalogStore(template, tx), run, Clock.fixed(NOW, ZoneOffset.UTC));
    }
}
