package io.policygen.gap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.policygen.cli.ReportCommand;
import io.policygen.simulator.Account;
import io.policygen.simulator.Principal;
import io.policygen.simulator.PrincipalDetails;
import io.policygen.simulator.PrincipalMix;
import io.policygen.simulator.Simulator;
import io.policygen.simulator.SimulatorOptions;
import io.policygen.testsupport.JobHarness;
import io.policygen.testsupport.TestDatabase;
import io.policygen.testsupport.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gap after a real run (the job against the simulator's realistic organization over HTTP, a real PostgreSQL):
 * the report views, the export and the HTML page say the same, principal for principal (unused actions, score, unused
 * share, rank); what member accounts planted in their policies (the simulator's {@code planted} inline policy: a
 * condition value {@code <img src=x onerror=alert(1)>}) reaches the page, as Chromium parses it, as text; and a later
 * run computes again only the gaps of principals that changed.
 */
@ExtendWith(TestPostgres.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GapAgreementIT {

    /** An organization with four principals worth a generation that carry the planted policy. */
    private static final long SEED = 9;
    private static final String IMG = "<img src=x onerror=alert(1)>";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern RANKED_ROW = Pattern.compile("<tr><td class=\"n\">(\\d+)</td><td>(\\d{12})(?:<br>[^<]*)?</td>"
            + "<td>(role|user)</td><td>([^<]+)(?:<br><span class=\"hint\">([^<]*)</span>)?"
            + "(?:<br><span class=\"flag\">permission set ([^<]+)</span>)?</td><td class=\"n\">([\\d,]+)</td>"
            + "<td class=\"n\">([\\d,]+)</td><td class=\"n\">([\\d,]+)</td><td><span class=\"mini\"[^>]*></span>([\\d.]+)%</td>"
            + "<td class=\"n\">([\\d,]+)</td>");
    private static final Pattern ACCOUNT_ROW = Pattern.compile("<tr><td>(\\d{12})(?:<br>[^<]*)?</td><td><span class=\"track\">"
            + "<span class=\"fill\" style=\"width:(\\d+)px\"></span></span></td><td class=\"n\">([\\d,]+) / ([\\d,]+)</td>");

    private static Simulator simulator;
    private static JobHarness job;
    private static TestDatabase database;
    private static JdbcClient jdbc;

    /** One principal's figures, as one of the three outputs shows them. */
    record Figures(long rank, long unused, long score, double unusedShare) {
    }

    @BeforeAll
    static void runTheJob(TestDatabase testDatabase) {
        database = testDatabase;
        simulator = Simulator.start(SimulatorOptions.builder()
                .seed(SEED)
                .accounts(4)
                .principalsPerAccount(25)
                .distribution(SimulatorOptions.Distribution.UNIFORM)
                .suspendedAccounts(0)
                .unassumableAccounts(0)
                .generationTime(Duration.ofMillis(20))
                .generationJitter(Duration.ZERO)
                .failureRate(0)
                .mix(PrincipalMix.REALISTIC)
                .build());
        Instant now = simulator.clock().instant();
        for (Account account : simulator.organization().accounts()) {
            permissionSetRole(account, "ReadOnly", PrincipalDetails.READ_ONLY_ACCESS, now);
            if (!account.management()) {
                permissionSetRole(account, "Power_User", PrincipalDetails.POWER_USER_ACCESS, now);
            }
        }
        job = new JobHarness(simulator, database);
        job.resetDatabase();
        jdbc = job.jdbc();
        assertThat(job.run()).isZero();
    }

    /** The role IAM Identity Center provisions for a permission set in an account, used yesterday. */
    private static void permissionSetRole(Account account, String permissionSet, String policyArn, Instant now) {
        String suffix = "%016x".formatted(Objects.hash(account.id(), permissionSet) * 0x9E3779B97F4A7C15L);
        Principal role = simulator.organization().addPrincipal(account.id(), Principal.Kind.ROLE, "/aws-reserved/sso.amazonaws.com/",
                "AWSReservedSSO_" + permissionSet + "_" + suffix, now.minus(Duration.ofDays(200)));
        simulator.setDetails(role.arn(), PrincipalDetails.none().usedAt(now.minus(Duration.ofDays(1))).attach(policyArn));
    }

    @AfterAll
    static void stopTheSimulator() {
        simulator.close();
    }

    @Test
    @Order(1)
    void shouldComputeAGapForEveryPrincipalWithPoliciesAndAGeneratedPolicy() {
        List<String> generated = jdbc.sql("select principal_arn from report_policies order by 1").query(String.class).list();

        assertThat(generated).hasSizeGreaterThan(50);
        assertThat(jdbc.sql("select principal_arn from report_privilege_gap order by 1").query(String.class).list())
                .isEqualTo(generated);
        assertThat(jdbc.sql("select count(*) from batch_step_execution where step_name like 'computeGapsWorker:%' and status = 'COMPLETED'")
                .query(Integer.class).single()).isEqualTo(4);
    }

    @Test
    @Order(1)
    void shouldShowWhatAPrincipalDidAsGrantedAndAPrincipalThatDidNothingAsUsingNothing() {
        List<Map<String, Object>> rows = jdbc.sql("""
                select g.principal_arn, g.granted, g.used, g.used_at_service_level, g.not_observable, g.unused,
                       g.used_not_granted, p.policies::text as policies
                from report_privilege_gap g join report_policies p using (principal_arn)""").query().listOfRows();
        List<Map<String, Object>> idle = rows.stream()
                .filter(row -> simulator.usage((String) row.get("principal_arn")).idle()).toList();

        // the job's reading of the grants agrees with the simulator's: nothing generated is outside them
        assertThat(rows).hasSizeGreaterThan(50).allSatisfy(row -> assertThat(row.get("used_not_granted"))
                .as((String) row.get("principal_arn")).isEqualTo(0));
        assertThat(idle).isNotEmpty().allSatisfy(row -> {
            assertThat(row.get("policies")).isEqualTo("[]");
            assertThat(row.get("used")).isEqualTo(0);
            assertThat(row.get("used_at_service_level")).isEqualTo(0);
            assertThat((int) row.get("unused") + (int) row.get("not_observable")).isEqualTo(row.get("granted"));
        });
        assertThat(idle).as("granted something, used none of it").anySatisfy(row -> assertThat((int) row.get("unused"))
                .isGreaterThan(100));
        assertThat(rows).filteredOn(row -> !idle.contains(row)).allSatisfy(row -> assertThat(row.get("policies"))
                .isNotEqualTo("[]"));
    }

    @Test
    @Order(2)
    void shouldAgreeAcrossTheViewsTheExportAndThePage(@TempDir Path temp) throws Exception {
        Map<String, Figures> view = new TreeMap<>();
        jdbc.sql("select principal_arn, rank, unused, score, unused_share from report_privilege_gap").query((rs, i) ->
                view.put(rs.getString(1), new Figures(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getDouble(5)))).list();

        // the actions view: counted per principal and status, the figures; the unused ones' weights, the score (a
        // principal granted nothing has no row there)
        assertThat(jdbc.sql("""
                select g.principal_arn from report_privilege_gap g
                left join (select principal_arn, count(*) filter (where status = 'USED') as used,
                             count(*) filter (where status = 'USED_AT_SERVICE_LEVEL') as service_level,
                             count(*) filter (where status = 'NOT_OBSERVABLE') as not_observable,
                             count(*) filter (where status = 'UNUSED') as unused,
                             coalesce(sum(weight) filter (where status = 'UNUSED'), 0) as score, count(*) as granted
                      from report_gap_actions group by principal_arn) a using (principal_arn)
                where (coalesce(a.used, 0), coalesce(a.service_level, 0), coalesce(a.not_observable, 0), coalesce(a.unused, 0),
                       coalesce(a.score, 0), coalesce(a.granted, 0))
                      = (g.used, g.used_at_service_level, g.not_observable, g.unused, g.score, g.granted)""")
                .query(String.class).list()).containsExactlyInAnyOrderElementsOf(view.keySet());

        // the accounts view: the reviewed principals' median and worst
        Map<String, List<Double>> shares = new TreeMap<>();
        jdbc.sql("select account_id, unused_share from report_privilege_gap").query((rs, i) ->
                shares.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getDouble(2))).list();
        List<Map<String, Object>> accounts = jdbc.sql("select * from report_gap_by_account").query().listOfRows();
        assertThat(accounts).hasSize(4).allSatisfy(account -> {
            List<Double> reviewed = shares.get((String) account.get("account_id")).stream().sorted().toList();
            assertThat(account.get("reviewed")).isEqualTo((long) reviewed.size());
            assertThat(((Number) account.get("worst_unused_share")).doubleValue()).isEqualTo(reviewed.getLast());
            assertThat(((Number) account.get("median_unused_share")).doubleValue()).isCloseTo(median(reviewed), within(0.0001));
        });

        // the export
        Path dir = temp.resolve("export");
        JdbcTemplate tables = new JdbcTemplate(database.dataSource());
        new StoredExport(tables, new GapCalculator(ActionCatalog.bundled()), GapStore.catalogVersion(ActionCatalog.bundled()), 7)
                .write(dir);
        Map<String, Figures> exported = new TreeMap<>();
        JsonNode index = JSON.readTree(dir.resolve("index.json").toFile());
        for (JsonNode entry : index.get("principals")) {
            String arn = "arn:aws:iam::" + entry.get("account").asString() + ":" + entry.get("type").asString()
                    + entry.get("path").asString() + entry.get("name").asString();
            JsonNode gapFile = JSON.readTree(dir.resolve(entry.get("gap").asString()).toFile());
            assertThat(gapFile.get("unused").asLong()).isEqualTo(entry.get("unused").asLong());
            assertThat(gapFile.get("score").asLong()).isEqualTo(entry.get("score").asLong());
            exported.put(arn, new Figures(0, entry.get("unused").asLong(), entry.get("score").asLong(),
                    entry.get("unusedShare").asDouble()));
        }
        List<String> exportRanking = new ArrayList<>(exported.keySet());
        exportRanking.sort(Comparator.comparing((String arn) -> -exported.get(arn).score())
                .thenComparing(arn -> -exported.get(arn).unused()).thenComparing(arn -> arn.substring(13, 25))
                .thenComparing(Comparator.naturalOrder()));
        exportRanking.forEach(arn -> exported.compute(arn, (k, f) -> new Figures(exportRanking.indexOf(k) + 1, f.unused(),
                f.score(), f.unusedShare())));
        assertThat(exported).isEqualTo(view);

        // the page, as Chromium parses it
        String dom = dom(temp);
        Map<String, Figures> page = new TreeMap<>();
        Map<String, String> pageSets = new TreeMap<>();
        Matcher row = RANKED_ROW.matcher(dom);
        while (row.find()) {
            String arn = "arn:aws:iam::" + row.group(2) + ":" + row.group(3) + (row.group(5) == null ? "/" : row.group(5)) + row.group(4);
            Figures figures = view.get(arn);
            assertThat(Double.parseDouble(row.group(10))).as(arn).isCloseTo(figures.unusedShare() * 100, within(0.051));
            page.put(arn, new Figures(Long.parseLong(row.group(1)), number(row.group(9)), number(row.group(11)), figures.unusedShare()));
            if (row.group(6) != null) {
                pageSets.put(arn, row.group(6));
            }
        }
        assertThat(page).isEqualTo(view);
        Map<String, String> viewSets = new TreeMap<>();
        jdbc.sql("select principal_arn, permission_set from report_privilege_gap where permission_set is not null")
                .query((rs, i) -> viewSets.put(rs.getString(1), rs.getString(2))).list();
        assertThat(pageSets).as("each Identity Center role named with its set").isEqualTo(viewSets).isNotEmpty();
        assertThat(Pattern.compile("<tr><td>([A-Za-z_]+)</td><td class=\"n\">(\\d+)</td>").matcher(dom).results()
                .map(set -> set.group(1) + " " + set.group(2)).toList()).as("the permission sets' table, in the view's order")
                .isEqualTo(jdbc.sql("select permission_set || ' ' || accounts from report_permission_set_gap"
                        + " order by score desc, permission_set collate \"C\"").query(String.class).list());
        Matcher accountRow = ACCOUNT_ROW.matcher(dom);
        Map<String, String> progress = new TreeMap<>();
        while (accountRow.find()) {
            progress.put(accountRow.group(1), accountRow.group(3) + " / " + accountRow.group(4));
        }
        Map<String, String> expectedProgress = new TreeMap<>();
        accounts.forEach(account -> expectedProgress.put((String) account.get("account_id"),
                account.get("reviewed") + " / " + account.get("principals")));
        assertThat(progress).isEqualTo(expectedProgress);
    }

    @Test
    @Order(3)
    void shouldShowWhatMemberAccountsPlantedAsTextOnThePage(@TempDir Path temp) throws Exception {
        List<String> planted = new ArrayList<>();
        for (var account : simulator.organization().accounts()) {
            for (Principal p : simulator.organization().principals(account.id())) {
                if (simulator.details(p.arn()).inlinePolicies().containsKey("planted")) {
                    planted.add(p.arn());
                }
            }
        }
        List<String> noted = jdbc.sql("select principal_arn from report_privilege_gap where notes::text like ? order by 1")
                .param("%" + IMG + "%").query(String.class).list();
        assertThat(noted).as("the planted principals that got a generation: their conditional Deny quoted in the notes")
                .isNotEmpty().isSubsetOf(planted);

        String dom = dom(temp);

        assertThat(dom).contains("&lt;img src=x onerror=alert(1)&gt;").contains("&lt;/td&gt;&lt;script&gt;alert(2)&lt;/script&gt;");
        assertThat(Pattern.compile("(?i)<img\\b").matcher(dom).find()).as("an img element").isFalse();
        assertThat(Pattern.compile("(?i)<script\\b").matcher(dom).find()).as("a script element").isFalse();
        assertThat(Pattern.compile("(?i)<[a-z][^<>]*\\son[a-z]+\\s*=").matcher(dom).find()).as("an event handler attribute").isFalse();
        assertThat(Pattern.compile("<tr><td class=\"n\">\\d+</td>").matcher(dom).results().count())
                .as("ranked rows: a planted string broke no cell")
                .isEqualTo(jdbc.sql("select count(*) from report_privilege_gap").query(Long.class).single());
    }

    @Test
    @Order(1)
    void shouldJudgeAPermissionSetOverAllItsAccountsAsTheActionsViewJudgesEachOfItsRoles(@TempDir Path temp) throws Exception {
        List<Map<String, Object>> sets = jdbc.sql("select * from report_permission_set_gap").query().listOfRows();

        assertThat(sets).extracting(set -> set.get("permission_set")).containsExactlyInAnyOrder("ReadOnly", "Power_User");
        for (Map<String, Object> set : sets) {
            // each action of the set over its roles, from the per-principal view: used if any role used it, unused if none
            Map<String, List<String>> statuses = new TreeMap<>();
            Map<String, Integer> weights = new TreeMap<>();
            List<String> accounts = jdbc.sql("select distinct account_id from report_gap_actions where principal_arn like ?")
                    .param("%:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_" + set.get("permission_set") + "_%").query(String.class).list();
            jdbc.sql("select action, status, weight from report_gap_actions where principal_arn like ?")
                    .param("%:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_" + set.get("permission_set") + "_%")
                    .query((rs, i) -> {
                        statuses.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                        return weights.put(rs.getString(1), rs.getInt(3));
                    }).list();
            List<String> used = statuses.entrySet().stream().filter(e -> e.getValue().contains("USED")).map(Map.Entry::getKey).toList();
            List<String> unused = statuses.entrySet().stream().filter(e -> e.getValue().stream().allMatch("UNUSED"::equals))
                    .map(Map.Entry::getKey).toList();

            assertThat(accounts).hasSizeGreaterThanOrEqualTo(3);
            assertThat(set).containsEntry("accounts", (long) accounts.size()).containsEntry("reviewed", (long) accounts.size())
                    .containsEntry("complete", true).containsEntry("grant_sets", 1L)
                    .containsEntry("granted", (long) statuses.size()).containsEntry("used", (long) used.size())
                    .containsEntry("unused", (long) unused.size())
                    .containsEntry("score", unused.stream().mapToLong(weights::get).sum());
            assertThat(List.of((String[]) ((java.sql.Array) set.get("used_actions")).getArray())).isEqualTo(used);
            assertThat(unused).isNotEmpty();
            assertThat(used.size()).isLessThan(statuses.size());
        }

        // the export names each of those roles' permission set, and no other principal's
        Path dir = temp.resolve("export");
        new StoredExport(new JdbcTemplate(database.dataSource()), new GapCalculator(ActionCatalog.bundled()),
                GapStore.catalogVersion(ActionCatalog.bundled()), 7).write(dir);
        Map<String, String> named = new TreeMap<>();
        for (JsonNode entry : JSON.readTree(dir.resolve("index.json").toFile()).get("principals")) {
            if (entry.has("permissionSet")) {
                named.put(entry.get("account").asString() + "/" + entry.get("name").asString(), entry.get("permissionSet").asString());
            }
        }
        assertThat(named.values()).containsOnly("ReadOnly", "Power_User")
                .hasSize(sets.stream().mapToInt(set -> ((Long) set.get("accounts")).intValue()).sum());

        // and writes each permission set the policy of all its roles: every action the view says some role used
        JsonNode index = JSON.readTree(dir.resolve("index.json").toFile());
        assertThat(index.get("permissionSets")).hasSize(2);
        for (JsonNode entry : index.get("permissionSets")) {
            Map<String, Object> set = sets.stream().filter(s -> s.get("permission_set").equals(entry.get("name").asString()))
                    .findFirst().orElseThrow();
            List<String> actions = new ArrayList<>();
            for (JsonNode statement : JSON.readTree(dir.resolve(entry.get("policy").asString()).toFile()).get("Statement")) {
                JsonNode action = statement.get("Action");
                if (action.isArray()) {
                    action.forEach(each -> actions.add(each.asString()));
                } else {
                    actions.add(action.asString());
                }
            }
            assertThat(entry.get("roles").asLong()).isEqualTo(set.get("reviewed"));
            assertThat(actions).containsAll(List.of((String[]) ((java.sql.Array) set.get("used_actions")).getArray()));
        }
    }

    @Test
    @Order(4)
    void shouldComputeAgainOnlyThePrincipalsThatChanged() {
        Map<String, Instant> before = computedAt();
        String changed = before.keySet().stream().filter(arn -> arn.contains(":role/")).findFirst().orElseThrow();

        simulator.clock().advance(Duration.ofHours(24));
        assertThat(job.run()).isZero();
        assertThat(computedAt()).as("nothing changed: nothing computed again").isEqualTo(before);

        PrincipalDetails details = simulator.details(changed);
        simulator.setDetails(changed, details.attach(PrincipalDetails.READ_ONLY_ACCESS));
        simulator.clock().advance(Duration.ofHours(24));
        assertThat(job.run()).isZero();

        Map<String, Instant> after = computedAt();
        assertThat(after.keySet()).isEqualTo(before.keySet());
        assertThat(after.entrySet().stream().filter(e -> !e.getValue().equals(before.get(e.getKey()))).map(Map.Entry::getKey))
                .containsExactly(changed);
    }

    private static Map<String, Instant> computedAt() {
        Map<String, Instant> times = new TreeMap<>();
        jdbc.sql("select principal_arn, computed_at from report_privilege_gap").query((rs, i) ->
                times.put(rs.getString(1), rs.getTimestamp(2).toInstant())).list();
        return times;
    }

    private static String dom(Path temp) throws Exception {
        StringBuilder html = new StringBuilder();
        ReportCommand.printHtml(database.dataSource(), html);
        Path page = temp.resolve("gap.html");
        Files.writeString(page, html, StandardCharsets.UTF_8);
        return HeadlessChromium.locate().dumpDom(page, temp);
    }

    private static long number(String text) {
        return Long.parseLong(text.replace(",", ""));
    }

    private static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
