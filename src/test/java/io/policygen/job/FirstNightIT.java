package io.policygen.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.policygen.run.RunControl;
import io.policygen.simulator.ConcurrencyError;
import io.policygen.simulator.GenerationRecord;
import io.policygen.simulator.GenerationRefusedException;
import io.policygen.simulator.JobErrorCode;
import io.policygen.simulator.Principal;
import io.policygen.simulator.SimulatedOrganization;
import io.policygen.simulator.Simulator;
import io.policygen.simulator.SimulatorOptions;
import io.policygen.testsupport.JobHarness;
import io.policygen.testsupport.TestDatabase;
import io.policygen.testsupport.TestPostgres;
import io.policygen.testsupport.TestSimulator;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The first night on a real organization: Access Analyzer failing the ways AWS does (after acceptance, someone else
 * holding the slot, the log-file limit, 5-a-day Regions, starts refused for the account's setup), and the job spending
 * the quota only where it can succeed.
 */
@ExtendWith(TestPostgres.class)
class FirstNightIT {

    private static final int ACCOUNTS = 6;
    private static final int PRINCIPALS = 5;
    private static final long SEED = 7;
    /** The third account (the first is the management account): the one each test makes different. */
    private static final String ACCOUNT = SimulatedOrganization.accountId(SEED, 2);

    @RegisterExtension
    final TestSimulator aws = TestSimulator.forJobTests(SEED, ACCOUNTS, PRINCIPALS);

    private TestDatabase database;
    private Simulator simulator;
    private JobHarness job;

    @BeforeEach
    void setUp(TestDatabase database) {
        this.database = database;
    }

    private void organization(UnaryOperator<SimulatorOptions.Builder> options) {
        simulator = aws.start(options);
        job = new JobHarness(simulator, database);
        job.resetDatabase();
    }

    private List<GenerationRecord> jobGenerations(String accountId) {
        return simulator.generations().stream().filter(g -> g.accountId().equals(accountId) && !g.console()).toList();
    }

    private Map<String, Long> succeededPerPrincipal(String accountId) {
        return jobGenerations(accountId).stream().filter(g -> g.status().equals("SUCCEEDED"))
                .collect(Collectors.groupingBy(GenerationRecord::principalArn, Collectors.counting()));
    }

    private long count(String sql, Object... params) {
        return job.jdbc().sql(sql).params(params).query(Long.class).single();
    }

    private long refusedStarts(String code) {
        return simulator.requestCounts().count("access-analyzer", "StartPolicyGeneration", code);
    }

    @ParameterizedTest
    @EnumSource(ConcurrencyError.class)
    void shouldWaitForAConsoleUsersGenerationInsteadOfDeferringTheAccount(ConcurrencyError refusal) {
        // The console user's generation (90 days: three of the job's 30-day ones) must outlast the job's reaction to
        // the end of its own generation (its next poll, then the next start), or the job never meets it: at 100 ms
        // a generation, a busy machine sometimes let it end unseen.
        organization(o -> o.concurrencyError(refusal).generationTime(Duration.ofMillis(400)));
        CompletableFuture<GenerationRecord> console = CompletableFuture.supplyAsync(this::startConsoleGenerationBetweenTheJobs);

        int exitCode = job.run();

        assertThat(console.join().accountId()).isEqualTo(ACCOUNT);
        assertThat(exitCode).isZero();
        String refusalCode = refusal == ConcurrencyError.QUOTA ? "ServiceQuotaExceededException" : "ConflictException";
        assertThat(simulator.requestCounts().count("access-analyzer", "StartPolicyGeneration", refusalCode))
                .as("the job's start was refused while the console user's generation ran").isPositive();
        assertThat(succeededPerPrincipal(ACCOUNT)).as("every principal of the account, once").hasSize(PRINCIPALS)
                .allSatisfy((arn, n) -> assertThat(n).isOne());
        assertThat(count("select count(*) from account_region where account_id = ? and deferred_reason is null and outcome = 'DONE'",
                ACCOUNT)).isOne();
        assertThat(count("select count(*) from generation where account_id = ? and state = 'SUCCEEDED'", ACCOUNT))
                .isEqualTo(PRINCIPALS);
    }

    /** As a person at the console would: right after one of the job's generations in the account ends. */
    private GenerationRecord startConsoleGenerationBetweenTheJobs() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int seen = 0;
        while (System.nanoTime() < deadline) {
            long ended = jobGenerations(ACCOUNT).stream().filter(g -> g.completedOn() != null).count();
            if (ended > seen) {
                seen = (int) ended;
                try {
                    return simulator.startConsoleGeneration(ACCOUNT, null, simulator.organization().region(), Duration.ofDays(90));
                } catch (GenerationRefusedException e) {
                    // the job's next generation came first: wait for the next gap
                }
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no gap between the job's generations in " + ACCOUNT + " within 60 s");
    }

    @Test
    void shouldCountAConsoleUsersGenerationsInTheDailyBudget() {
        organization(o -> o.dailyQuota(4));
        for (int i = 0; i < 2; i++) {
            GenerationRecord console = simulator.startConsoleGeneration(ACCOUNT, null, simulator.organization().region(), Duration.ofDays(1));
            JobHarness.await("the console user's generation to end", Duration.ofSeconds(10), () -> simulator.generations().stream()
                    .anyMatch(g -> g.jobId().equals(console.jobId()) && g.completedOn() != null));
        }
        job.set("policygen.generation.daily-quota", 4);

        int exitCode = job.run();

        assertThat(exitCode).as("stopped at the daily quota in one account").isEqualTo(3);
        assertThat(jobGenerations(ACCOUNT)).as("4 a day, 2 spent at the console").hasSize(2);
        assertThat(simulator.requestCounts().count("access-analyzer", "StartPolicyGeneration", "ServiceQuotaExceededException"))
                .as("the budget was known before AWS had to refuse").isZero();
    }

    @Test
    void shouldStopSpendingInAnAccountWhoseGenerationsFailForItsAccessRoleAndExitFive() {
        organization(o -> o.failingAccount(ACCOUNT, JobErrorCode.AUTHORIZATION_ERROR));

        int exitCode = job.run();

        assertThat(exitCode).isEqualTo(5);
        assertThat(jobGenerations(ACCOUNT)).as("one generation told the setup is wrong").hasSize(1);
        assertThat(count("select count(*) from generation where state = 'SUCCEEDED'")).isEqualTo((ACCOUNTS - 1) * PRINCIPALS);
        var failure = job.jdbc().sql("select error_code, sample_principals, fix from report_failures where account_id = ?")
                .param(ACCOUNT).query().singleRow();
        assertThat(failure.get("error_code")).isEqualTo("AUTHORIZATION_ERROR");
        assertThat((String) failure.get("fix")).contains("access role").contains("config/iam/README.md");
        assertThat(count("select count(*) from report_principal_status where account_id = ? and status = 'FAILED'", ACCOUNT))
                .as("the principals are not charged for their account's setup").isZero();
    }

    @Test
    void shouldStopAnAccountAfterThreeFailuresInARow() {
        organization(o -> o.failingAccount(ACCOUNT, JobErrorCode.SERVICE_ERROR));

        int exitCode = job.run();

        assertThat(exitCode).isEqualTo(5);
        assertThat(jobGenerations(ACCOUNT)).hasSize(3);
        assertThat(count("select count(*) from account_region where account_id = ? and outcome = 'FAILING'", ACCOUNT)).isOne();
    }

    @Test
    void shouldStopTheRunWhenTheFirstAccountsAllFailForTheOrganizationsTrailBucket() {
        organization(o -> o.brokenTrailBucket(true));

        int exitCode = job.run();

        assertThat(exitCode).isEqualTo(5);
        assertThat(simulator.generations()).as("the three canaries' generations, no more").hasSize(3);
        assertThat(simulator.generations().stream().map(GenerationRecord::accountId).distinct()).hasSize(3);
        assertThat(count("select count(*) from account_region where outcome = 'SETUP_FAILED'")).isEqualTo(ACCOUNTS);
        assertThat(count("select count(*) from report_failures where error_code = 'AUTHORIZATION_ERROR'")).isEqualTo(ACCOUNTS);
    }

    @Test
    void shouldLearnASmallerWindowOnceWhenAGenerationReadsTooManyLogFiles() {
        // 4 active Regions x 288 files a day x 90 days = 103,680 files: over the 100,000 of one generation
        shouldLearnAWindowOf45DaysWithOneFailureAnAccount(o -> o.activeRegions(4), "CloudTrail log files%");
    }

    @Test
    void shouldLearnASmallerWindowOnceWhenAGenerationReadsMoreThanTwentyFiveGigabytes() {
        // 3 active Regions x 288 files a day x 90 days = 77,760 files, fewer than 100,000, but of 500 KB: 37 GB
        shouldLearnAWindowOf45DaysWithOneFailureAnAccount(o -> o.activeRegions(3).logFileKilobytes(500), "CloudTrail data size%");
    }

    private void shouldLearnAWindowOf45DaysWithOneFailureAnAccount(UnaryOperator<SimulatorOptions.Builder> cloudTrail,
                                                                  String messageLike) {
        organization(cloudTrail);
        job.unset("policygen.generation.trails[0].regions[0]").set("policygen.generation.trails[0].all-regions", "true")
                .set("policygen.generation.lookback", "P90D");

        int exitCode = job.run();

        assertThat(exitCode).isZero();
        assertThat(count("select count(*) from generation where state = 'SUCCEEDED'")).isEqualTo((long) ACCOUNTS * PRINCIPALS);
        assertThat(job.jdbc().sql("""
                        select account_id, count(*) from generation
                        where error_code = 'SERVICE_QUOTA_EXCEEDED_ERROR' and error_message like ? and charged_to = 'ACCOUNT'
                        group by account_id""").param(messageLike)
                .query((rs, i) -> rs.getLong(2)).list()).as("one failure per account learnt it").hasSize(ACCOUNTS).containsOnly(1L);
        assertThat(job.jdbc().sql("select distinct window_days from report_policies").query(Integer.class).list()).containsExactly(45);
        assertThat(count("select count(*) from account_region where window_days = 45")).isEqualTo(ACCOUNTS);
    }

    @Test
    void shouldWidenALearntWindowOnceItIsARefreshPeriodOldKeepingOnlyWhatFitsAndNeverPassTheLookback() {
        organization(o -> o.activeRegions(4));
        job.unset("policygen.generation.trails[0].regions[0]").set("policygen.generation.trails[0].all-regions", "true")
                .set("policygen.generation.lookback", "P90D");
        assertThat(job.run()).isZero();
        assertThat(windows().values()).as("every account learnt 45 days").hasSize(ACCOUNTS).containsOnly(45);

        // a month on: ACCOUNT's 45 days are a refresh period old; another account's 22 were (a burst since passed);
        // the others' were learnt just now. Principals in use moved their last use, so they are due again.
        simulator.clock().advance(Duration.ofDays(31));
        String burstPassed = SimulatedOrganization.accountId(SEED, 3);
        Timestamp justNow = Timestamp.from(simulator.clock().instant());
        job.jdbc().sql("update account_region set window_set_at = ? where account_id not in (?, ?)")
                .params(justNow, ACCOUNT, burstPassed).update();
        job.jdbc().sql("update account_region set window_days = 22 where account_id = ?").param(burstPassed).update();

        assertThat(job.run()).isZero();

        assertThat(windows()).as("ACCOUNT: 90 days over the limit, back to 45; 44 days fit (50,688 files); the others untried")
                .containsEntry(ACCOUNT, 45).containsEntry(burstPassed, 44).hasSize(ACCOUNTS).containsOnlyKeys(windows().keySet());
        assertThat(windows().values()).containsOnly(45, 44);
        assertThat(lastRun("select account_id from generation where error_code = 'SERVICE_QUOTA_EXCEEDED_ERROR'"))
                .as("one generation tried the wider window and failed").containsExactly(ACCOUNT);
        assertThat(lastRun("select distinct account_id from generation where state = 'SUCCEEDED' and " + DAYS + " = 44"))
                .containsExactly(burstPassed);
        assertThat(count("select count(*) from account_region where window_set_at = ?", justNow)).as("the others' untouched")
                .isEqualTo(ACCOUNTS - 2);
        assertThat(count("select count(*) from account_region where window_set_at > ?", justNow))
                .as("ACCOUNT's and burstPassed's learnt again").isEqualTo(2);

        // the lookback lowered below every learnt window: it is what a generation asks for
        simulator.clock().advance(Duration.ofDays(31));
        job.set("policygen.generation.lookback", "P30D");
        assertThat(job.run()).isZero();
        assertThat(lastRun("select distinct " + DAYS + "::text from generation")).containsExactly("30");
    }

    @Test
    void shouldEndTheWindowOnTheDayOfTheLastUseOfAPrincipalALearntWindowWouldNotReach() {
        organization(o -> o.activeRegions(4));
        job.unset("policygen.generation.trails[0].regions[0]").set("policygen.generation.trails[0].all-regions", "true")
                .set("policygen.generation.lookback", "P90D");
        Instant now = simulator.clock().instant();
        Principal monthly = simulator.organization().principals(ACCOUNT).stream()
                .filter(p -> !p.serviceLinked() && p.createDate().isBefore(now.minus(Duration.ofDays(100)))).findFirst().orElseThrow();
        Instant lastUse = now.minus(Duration.ofDays(60));
        simulator.setDetails(monthly.arn(), simulator.details(monthly.arn()).usedAt(lastUse));

        assertThat(job.run()).isZero();

        // 45 days learnt in the account; a window ending now would start 15 days after its last use
        var request = job.jdbc().sql("""
                        select (request ->> 'startTime')::timestamptz as start_time, (request ->> 'endTime')::timestamptz as end_time,
                               jsonb_array_length(g.policies) as documents
                        from generation g join principal p using (principal_id)
                        where p.principal_arn = ? and g.state = 'SUCCEEDED'""").param(monthly.arn()).query().singleRow();
        Instant end = ((Timestamp) request.get("end_time")).toInstant();
        Instant start = ((Timestamp) request.get("start_time")).toInstant();
        assertThat((int) request.get("documents")).as("its calls read: a policy, not an empty one").isPositive();
        assertThat(end).isEqualTo(lastUse.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1)));
        assertThat(Duration.between(start, end)).isEqualTo(Duration.ofDays(45));
        assertThat(job.jdbc().sql("select window_end from report_policies where principal_arn = ?").param(monthly.arn())
                .query(Timestamp.class).single().toInstant()).as("the report says where its policy's window ends").isEqualTo(end);
        assertThat(lastRun("select distinct " + DAYS + "::text from generation where state = 'SUCCEEDED'"))
                .as("every other principal's window ends now, as long").containsExactly("45");
    }

    /** A generation's window in days, from the request it sent. */
    private static final String DAYS = "extract(day from (request ->> 'endTime')::timestamptz - (request ->> 'startTime')::timestamptz)::int";

    private Map<String, Integer> windows() {
        return job.jdbc().sql("select account_id, window_days from account_region where window_days is not null")
                .query((rs, i) -> Map.entry(rs.getString(1), rs.getInt(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** The first column of the query's rows among the generations of the last run. */
    private List<String> lastRun(String query) {
        return job.jdbc().sql(query + (query.contains(" where ") ? " and " : " where ") + "run_id = (select max(run_id) from run)")
                .query(String.class).list();
    }

    @Test
    void shouldStopAnAccountWhoseGenerationsExceedTheCloudTrailLimitsEvenForOneDayAndExitFive() {
        organization(o -> o.failingAccount(ACCOUNT, JobErrorCode.SERVICE_QUOTA_EXCEEDED_ERROR));

        int exitCode = job.run();

        assertThat(exitCode).isEqualTo(5);
        assertThat(jobGenerations(ACCOUNT)).as("30 days (the tests' lookback), 15, 7, 3 and 1, each over the limit").hasSize(5);
        assertThat(count("select count(*) from account_region where account_id = ? and outcome = 'SETUP_FAILED' and window_days = 1",
                ACCOUNT)).isOne();
        assertThat(job.jdbc().sql("select fix from report_failures where account_id = ?").param(ACCOUNT).query(String.class).single())
                .contains("even one day of CloudTrail").contains("policygen.generation.trails[].regions");
        assertThat(count("select count(*) from generation where state = 'SUCCEEDED'")).isEqualTo((ACCOUNTS - 1) * PRINCIPALS);
    }

    @Test
    void shouldSpendFiveADayInAFiveADayRegion() {
        organization(o -> o.principalsPerAccount(8));
        job.set("policygen.generation.regions[0]", "af-south-1");

        int exitCode = job.run();

        assertThat(exitCode).isEqualTo(3);
        assertThat(simulator.generations().stream().collect(Collectors.groupingBy(GenerationRecord::accountId, Collectors.counting())))
                .hasSize(ACCOUNTS).allSatisfy((account, n) -> assertThat(n).isEqualTo(5));
        assertThat(simulator.requestCounts().count("access-analyzer", "StartPolicyGeneration", "ServiceQuotaExceededException")).isZero();
        assertThat(count("select count(*) from account_region where region = 'af-south-1' and deferred_reason like 'daily quota of 5 %'"))
                .isEqualTo(ACCOUNTS);
    }

    /** Refused before anything starts, for the account's setup: such a run used to go through every principal and end 0. */
    @Test
    void shouldStopAnAccountWhoseMemberRoleMayNotPassTheAccessRoleAtItsFirstRefusalAndResumeItOnceMended() {
        organization(o -> o.noPassRole(ACCOUNT));

        int exitCode = job.run();

        assertThat(exitCode).as("an account to fix").isEqualTo(5);
        assertThat(refusedStarts("AccessDeniedException")).as("one refusal told the setup is wrong").isOne();
        assertThat(count("select count(*) from generation where state = 'SUCCEEDED'")).isEqualTo((ACCOUNTS - 1) * PRINCIPALS);
        assertThat(count("select count(*) from account_region where account_id = ? and outcome = 'SETUP_FAILED'", ACCOUNT)).isOne();
        var failure = job.jdbc().sql("select error_code, fix from report_failures where account_id = ? and kind = 'ACCOUNT'")
                .param(ACCOUNT).query().singleRow();
        assertThat(failure.get("error_code")).isEqualTo("AccessDeniedException");
        assertThat((String) failure.get("fix")).contains("iam:PassRole").contains("config/iam/README.md");
        assertThat(count("select count(*) from report_principal_status where account_id = ? and status = 'FAILED'", ACCOUNT))
                .as("the principals are not charged for their account's setup").isZero();

        simulator.setup().denyPassRole(ACCOUNT, false);
        int rerun = job.run();

        assertThat(rerun).isZero();
        assertThat(count("select count(*) from generation where account_id = ? and state = 'SUCCEEDED'", ACCOUNT)).isEqualTo(PRINCIPALS);
    }

    @Test
    void shouldStopEachAccountAtItsFirstRefusalForATrailThatDoesNotExist() {
        organization(o -> o);
        String managementAccount = SimulatedOrganization.accountId(SEED, 0);
        job.set("policygen.generation.trails[0].arn", "arn:aws:cloudtrail:us-east-1:" + managementAccount + ":trail/no-such-trail");

        int exitCode = job.run();

        assertThat(exitCode).isEqualTo(5);
        assertThat(simulator.generations()).as("nothing started, no quota spent").isEmpty();
        assertThat(refusedStarts("ValidationException")).as("one refusal an account: it named the trail").isEqualTo(ACCOUNTS);
        assertThat(count("select count(*) from account_region where outcome = 'SETUP_FAILED'")).isEqualTo(ACCOUNTS);
        assertThat(job.jdbc().sql("select fix from report_failures where kind = 'ACCOUNT' and last_message like '%no-such-trail%'")
                .query(String.class).list()).hasSize(ACCOUNTS).allSatisfy(fix -> assertThat(fix).contains("policygen.generation.trails"));
        assertThat(count("select count(*) from report_principal_status where status = 'FAILED'"))
                .as("the principals are not charged for the trail").isZero();
    }

    /**
     * A principal deleted after the listing is refused by name (the simulator's ValidationException names
     * policyGenerationDetails.principalArn): that is the principal's, not the account's, however many come in a row.
     * The restart of a stopped run lists nothing again, so its principals are those of the stopped run's listing.
     */
    @Test
    void shouldGoOnInAnAccountWhosePrincipalsWereDeletedSinceTheListing() {
        organization(o -> o.generationTime(Duration.ofMillis(500)));
        var context = new AtomicReference<ConfigurableApplicationContext>();
        CompletableFuture<Integer> stopped = CompletableFuture.supplyAsync(() -> job.run(context::set));
        JobHarness.await("a generation in the account", Duration.ofSeconds(60), () -> !jobGenerations(ACCOUNT).isEmpty());
        context.get().getBean(RunControl.class).requestStop("SIGTERM");
        assertThat(stopped.join()).isEqualTo(1);
        Set<String> started = jobGenerations(ACCOUNT).stream().map(GenerationRecord::principalArn).collect(Collectors.toSet());
        List<String> deleted = simulator.organization().principals(ACCOUNT).stream().filter(p -> !p.serviceLinked())
                .map(Principal::arn).filter(arn -> !started.contains(arn)).toList();
        deleted.forEach(simulator.organization()::deletePrincipal);

        int exitCode = job.run();

        assertThat(deleted).as("more than the refusals in a row that stop an account").hasSizeGreaterThan(3);
        assertThat(refusedStarts("ValidationException")).as("each deleted one refused, no other").isEqualTo(deleted.size());
        assertThat(exitCode).isZero();
        assertThat(count("select count(*) from account_region where account_id = ? and outcome = 'DONE'", ACCOUNT)).isOne();
        assertThat(count("select count(*) from report_failures where kind = 'ACCOUNT'")).isZero();
        assertThat(count("select count(*) from generation where state = 'SUCCEEDED'")).isEqualTo(ACCOUNTS * PRINCIPALS - deleted.size());

        simulator.clock().advance(Duration.ofDays(1));
        assertThat(job.run()).as("the next listing finds them gone").isZero();
        assertThat(job.jdbc().sql("select principal_arn from report_principal_status where status = 'DELETED'")
                .query(String.class).list()).containsExactlyInAnyOrderElementsOf(deleted);
    }
}
