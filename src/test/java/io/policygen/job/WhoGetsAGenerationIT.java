package io.policygen.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.policygen.simulator.GenerationRecord;
import io.policygen.simulator.Principal;
import io.policygen.simulator.Principal.Kind;
import io.policygen.simulator.PrincipalDetails;
import io.policygen.simulator.SimulatedOrganization;
import io.policygen.simulator.Simulator;
import io.policygen.testsupport.JobHarness;
import io.policygen.testsupport.TestDatabase;
import io.policygen.testsupport.TestPostgres;
import io.policygen.testsupport.TestSimulator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Who gets a generation and in what order, end to end: an account of unused, new, opted-out, administrator-like,
 * service-wide and narrow principals, each set up in the simulator as IAM would show it; the job must start a
 * generation for exactly the ones worth it, in the configured order, and the reports show the others with their
 * reasons. Then a refresh that spends the quota only on what changed, and a role created again under its old name.
 */
@ExtendWith(TestPostgres.class)
class WhoGetsAGenerationIT {

    private static final long SEED = 7;
    private static final String ACCOUNT = SimulatedOrganization.accountId(SEED, 1);
    private static final String S3_EVERYTHING = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}";
    private static final String EVERYTHING = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";
    private static final String NARROW = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"sqs:SendMessage\"],"
            + "\"Resource\":\"arn:aws:sqs:us-east-1:107000000002:orders\"}]}";
    private static final String WORKLOAD_BOUNDARY = "arn:aws:iam::" + ACCOUNT + ":policy/boundaries/workload-boundary";

    @RegisterExtension
    final TestSimulator aws = TestSimulator.forJobTests(SEED, 2, 0);

    private TestDatabase database;
    private Simulator simulator;
    private JobHarness job;
    private Instant now;

    @BeforeEach
    void setUp(TestDatabase database) {
        this.database = database;
        // real time, as the reports reckon with the database's now(); moved on by days where a test says so
        simulator = aws.start(o -> o);
        job = new JobHarness(simulator, database);
        job.resetDatabase();
        job.set("policygen.generation.lookback", "P90D");
        now = simulator.clock().instant();
    }

    private String principal(Kind kind, String name, Duration age, PrincipalDetails details) {
        Principal p = simulator.organization().addPrincipal(ACCOUNT, kind, "/", name, now.minus(age));
        simulator.setDetails(p.arn(), details);
        return p.arn();
    }

    private String role(String name, PrincipalDetails details) {
        return principal(Kind.ROLE, name, Duration.ofDays(400), details);
    }

    private PrincipalDetails usedAgo(Duration ago) {
        return PrincipalDetails.none().usedAt(now.minus(ago));
    }

    /** The account of the example: three administrator-like, two service-wide, three narrow, five left out. */
    private void theAccount() {
        role("admin-1d", usedAgo(Duration.ofHours(24)).attach(PrincipalDetails.ADMINISTRATOR_ACCESS));
        role("poweruser-5d", usedAgo(Duration.ofDays(5)).attach(PrincipalDetails.POWER_USER_ACCESS));
        principal(Kind.USER, "star-user-2d", Duration.ofDays(400), usedAgo(Duration.ofDays(2)).inline("everything", EVERYTHING));
        role("bounded-admin-3h", usedAgo(Duration.ofHours(3)).attach(PrincipalDetails.ADMINISTRATOR_ACCESS).boundary(WORKLOAD_BOUNDARY));
        role("s3-wide-26h", usedAgo(Duration.ofHours(26)).inline("s3", S3_EVERYTHING));
        role("narrow-1h", usedAgo(Duration.ofHours(1)).inline("queue", NARROW));
        role("narrow-10d", usedAgo(Duration.ofDays(10)).inline("queue", NARROW).tag("team", "orders"));
        role("skip-expired-3d", usedAgo(Duration.ofDays(3)).inline("queue", NARROW).tag("policygen:skip", day(now.minus(Duration.ofDays(30)))));
        role("unused-admin", usedAgo(Duration.ofDays(200)).attach(PrincipalDetails.ADMINISTRATOR_ACCESS));
        principal(Kind.USER, "never-used", Duration.ofDays(400), PrincipalDetails.none().inline("s3", S3_EVERYTHING));
        principal(Kind.ROLE, "new-2d", Duration.ofDays(2), usedAgo(Duration.ofHours(5)).attach(PrincipalDetails.ADMINISTRATOR_ACCESS));
        role("opted-out", usedAgo(Duration.ofHours(2)).attach(PrincipalDetails.ADMINISTRATOR_ACCESS).tag("policygen:skip", ""));
        role("opted-out-until", usedAgo(Duration.ofHours(2)).inline("s3", S3_EVERYTHING).tag("policygen:skip", day(now.plus(Duration.ofDays(100)))));
    }

    private static String day(Instant instant) {
        return instant.toString().substring(0, 10);
    }

    private List<String> startedInTheAccount() {
        return simulator.generations().stream().filter(g -> g.accountId().equals(ACCOUNT))
                .map(GenerationRecord::principalArn).map(arn -> arn.substring(arn.lastIndexOf('/') + 1)).toList();
    }

    private List<Map<String, Object>> rows(String sql, Object... params) {
        return job.jdbc().sql(sql).params(params).query().listOfRows();
    }

    @Test
    void shouldGenerateForExactlyThePrincipalsWorthItBroadestFirstThenMostRecentlyUsed() {
        theAccount();

        assertThat(job.run()).isZero();

        assertThat(startedInTheAccount()).containsExactly(
                "admin-1d", "star-user-2d", "poweruser-5d",          // administrator-like, most recently used first
                "bounded-admin-3h", "s3-wide-26h",                    // service-wide (AdministratorAccess within a data boundary)
                "narrow-1h", "skip-expired-3d", "narrow-10d");       // narrow
        assertThat(rows("""
                        select regexp_replace(principal_arn, '.*/', '') as name, status, eligibility_reason
                        from report_principal_status
                        where account_id = ? and status in ('UNUSED', 'TOO_NEW', 'OPTED_OUT') order by 1""", ACCOUNT))
                .containsExactly(
                        Map.of("name", "never-used", "status", "UNUSED", "eligibility_reason", "never used, as far as IAM tracks"),
                        Map.of("name", "new-2d", "status", "TOO_NEW", "eligibility_reason",
                                "created " + day(now.minus(Duration.ofDays(2))) + "; min-age is 7 days"),
                        Map.of("name", "opted-out", "status", "OPTED_OUT", "eligibility_reason", "tag policygen:skip (no end date)"),
                        Map.of("name", "opted-out-until", "status", "OPTED_OUT", "eligibility_reason",
                                "tag policygen:skip until " + day(now.plus(Duration.ofDays(100)))),
                        Map.of("name", "unused-admin", "status", "UNUSED", "eligibility_reason", "last used "
                                + day(now.minus(Duration.ofDays(200))) + " (RoleLastUsed); lookback is 90 days"));
        assertThat(rows("""
                        select principals, done, in_progress, due, deferred, unused, too_new, opted_out, days_needed
                        from report_account_progress where account_id = ?""", ACCOUNT))
                .containsExactly(Map.of("principals", 13L, "done", 8L, "in_progress", 0L, "due", 0L, "deferred", 0L,
                        "unused", 2L, "too_new", 1L, "opted_out", 2L, "days_needed", 0));
        assertThat(rows("""
                        select regexp_replace(principal_arn, '.*/', '') as name, principal_type,
                               coalesce(days_unused, -1) as days_unused, age_days, breadth,
                               array_to_string(broadest_grants, '|') as grants, array_to_string(attached_policies, '|') as attached
                        from report_unused_principals where account_id = ?""", ACCOUNT))
                .containsExactly(
                        Map.of("name", "unused-admin", "principal_type", "ROLE", "days_unused", 200, "age_days", 400,
                                "breadth", "ADMIN", "grants", "AdministratorAccess: *", "attached", PrincipalDetails.ADMINISTRATOR_ACCESS),
                        Map.of("name", "never-used", "principal_type", "USER", "days_unused", -1, "age_days", 400,
                                "breadth", "SERVICE_WIDE", "grants", "inline s3: s3:*", "attached", ""));
    }

    @Test
    void shouldPutTheMostRecentlyUsedFirstWhenTheOrderSaysSo() {
        theAccount();
        job.set("policygen.generation.order", "recent-use-first");

        assertThat(job.run()).isZero();

        assertThat(startedInTheAccount()).containsExactly("narrow-1h", "bounded-admin-3h", "admin-1d", "s3-wide-26h",
                "star-user-2d", "skip-expired-3d", "poweruser-5d", "narrow-10d");
    }

    @Test
    void shouldLookAgainAtEveryRunAndRefreshOnlyWhatChanged() {
        String unchanged = role("unchanged", usedAgo(Duration.ofDays(3)).inline("queue", NARROW));
        String usedAgain = role("used-again", usedAgo(Duration.ofDays(3)).inline("queue", NARROW));
        String newPolicy = role("new-policy", usedAgo(Duration.ofDays(3)).inline("queue", NARROW));
        String growsUp = principal(Kind.ROLE, "grows-up", Duration.ofDays(5), usedAgo(Duration.ofDays(1)).inline("queue", NARROW));
        assertThat(job.run()).isZero();
        assertThat(startedInTheAccount()).containsExactly("unchanged", "used-again", "new-policy");

        simulator.clock().advance(Duration.ofDays(31));
        simulator.setDetails(usedAgain, PrincipalDetails.none().usedAt(simulator.clock().instant().minus(Duration.ofDays(1)))
                .inline("queue", NARROW));
        simulator.setDetails(newPolicy, usedAgo(Duration.ofDays(3)).inline("queue", NARROW).inline("s3", S3_EVERYTHING));

        assertThat(job.run()).isZero();

        assertThat(startedInTheAccount()).as("past refresh-after: the new role, old enough now, then only what changed")
                .containsExactly("unchanged", "used-again", "new-policy", "grows-up", "used-again", "new-policy");
        assertThat(rows("select status from report_principal_status where principal_arn = ?", unchanged))
                .containsExactly(Map.of("status", "SUCCEEDED"));
        assertThat(rows("select status from report_principal_status where principal_arn = ?", growsUp))
                .containsExactly(Map.of("status", "SUCCEEDED"));
        assertThat(rows("select done, due, too_new from report_account_progress where account_id = ?", ACCOUNT))
                .containsExactly(Map.of("done", 4L, "due", 0L, "too_new", 0L));
    }

    @Test
    void shouldGiveARoleCreatedAgainUnderItsOldNameAGenerationOfItsOwn() {
        String first = role("reborn", usedAgo(Duration.ofHours(1)).inline("queue", NARROW));
        String firstId = simulator.organization().principal(first).orElseThrow().id();
        assertThat(job.run()).isZero();
        simulator.organization().deletePrincipal(first);
        Principal second = simulator.organization().addPrincipal(ACCOUNT, Kind.ROLE, "/", "reborn", now.minus(Duration.ofDays(30)));
        simulator.setDetails(second.arn(), usedAgo(Duration.ofHours(1)).inline("queue", NARROW));
        simulator.clock().advance(Duration.ofDays(1));

        assertThat(job.run()).isZero();

        assertThat(startedInTheAccount()).containsExactly("reborn", "reborn");
        assertThat(rows("""
                        select p.iam_id, p.deleted_at is not null as deleted, count(g.generation_id) as generations
                        from principal p left join generation g using (principal_id)
                        where p.principal_arn = ? group by p.principal_id order by p.principal_id""", first))
                .containsExactly(Map.of("iam_id", firstId, "deleted", true, "generations", 1L),
                        Map.of("iam_id", second.id(), "deleted", false, "generations", 1L));
    }

    @Test
    void shouldGiveARowFromBeforeIdsWereKeptTheIdFoundUnderItsArnAndKeepItsHistory() {
        String arn = role("old-timer", usedAgo(Duration.ofHours(1)).inline("queue", NARROW));
        // as a run before ids were kept left it: no iam_id, a success two days ago
        job.jdbc().sql("insert into account (account_id, name, state, first_seen_at, last_seen_at) values (?, 'member', 'ACTIVE', now(), now())")
                .param(ACCOUNT).update();
        job.jdbc().sql("""
                        insert into principal (account_id, principal_arn, principal_type, name, path, first_seen_at, changed_at)
                        values (?, ?, 'ROLE', 'old-timer', '/', now() - interval '60 days', now() - interval '1 day')""")
                .params(ACCOUNT, arn).update();
        job.jdbc().sql("""
                        insert into generation (principal_id, account_id, region, client_token, job_id, state, requested_at,
                                                completed_at, request)
                        select principal_id, account_id, 'us-east-1', gen_random_uuid(), 'j-before', 'SUCCEEDED',
                               now() - interval '2 days', now() - interval '2 days', '{}'::jsonb
                        from principal""").update();

        assertThat(job.run()).isZero();

        assertThat(startedInTheAccount()).as("its success within the refresh period still counts").isEmpty();
        assertThat(rows("select iam_id, deleted_at is null as live, (select count(*) from generation) as generations from principal"))
                .containsExactly(Map.of("iam_id", simulator.organization().principal(arn).orElseThrow().id(), "live", true,
                        "generations", 1L));
    }
}
