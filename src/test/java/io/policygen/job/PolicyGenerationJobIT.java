package io.policygen.job;

import static io.policygen.testsupport.ViewRows.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.policygen.run.RunControl;
import io.policygen.simulator.ConcurrencyError;
import io.policygen.simulator.FaultSettings;
import io.policygen.simulator.GenerationRecord;
import io.policygen.simulator.QuotaScope;
import io.policygen.simulator.Simulator;
import io.policygen.simulator.SimulatorOptions;
import io.policygen.testsupport.InjectedFaults;
import io.policygen.testsupport.JobHarness;
import io.policygen.testsupport.TestDatabase;
import io.policygen.testsupport.TestPostgres;
import io.policygen.testsupport.TestSimulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The job end to end, one test per invariant of design.md: real SDK clients over HTTP against the simulator,
 * a real PostgreSQL, one Spring context per run as cron would start one process per run.
 */
@ExtendWith(TestPostgres.class)
class PolicyGenerationJobIT {

    private static final int ACCOUNTS = 6;
    private static final int PRINCIPALS = 5;

    @RegisterExtension
    final TestSimulator aws = TestSimulator.forJobTests(7, ACCOUNTS, PRINCIPALS);

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

    /** An account the job enters, with more than one principal in it. */
    private String accountWithSeveralPrincipals() {
        return accountsWithSeveralPrincipals().findFirst().orElseThrow();
    }

    /** One AWS may suspend or close: not the management account. */
    private String memberAccountWithSeveralPrincipals() {
        return accountsWithSeveralPrincipals().filter(id -> !id.equals(simulator.organization().managementAccountId()))
                .findFirst().orElseThrow();
    }

    private Stream<String> accountsWithSeveralPrincipals() {
        return simulator.organization().accounts().stream()
                .filter(account -> account.active() && account.assumable() && simulator.organization().principalCount(account.id()) > 1)
                .map(account -> account.id());
    }

    /** Principals the job should generate for: every non-service-linked role and user of every account it can enter. */
    private long eligiblePrincipals() {
        return simulator.organization().accounts().stream()
                .filter(account -> account.active() && account.assumable())
                .mapToLong(account -> simulator.organization().principalCount(account.id()))
                .sum();
    }

    private Map<String, Long> generationsPerPrincipal() {
        return simulator.generations().stream()
                .collect(Collectors.groupingBy(GenerationRecord::principalArn, Collectors.counting()));
    }

    private void assertDatabaseAndSimulatorAgreeJobForJob() {
        Map<String, String> simulatorJobs = simulator.generations().stream()
                .collect(Collectors.toMap(GenerationRecord::jobId, GenerationRecord::principalArn));
        Map<String, String> databaseJobs = job.jdbc().sql("""
                        select g.job_id, p.principal_arn from generation g join principal p using (principal_id)
                        where g.job_id is not null""")
                .query((rs, i) -> Map.entry(rs.getString(1), rs.getString(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(databaseJobs).isEqualTo(simulatorJobs);
    }

    /** A run a day while runs stop at the quota (exit 3): within three, one ends 0 with every principal generated once. */
    private void assertEveryPrincipalGeneratedOnceWithinThreeMoreDays() {
        int exitCode = 3;
        for (int day = 0; day < 3 && exitCode == 3; day++) {
            simulator.clock().advance(Duration.ofDays(1));
            exitCode = job.run();
        }
        assertThat(exitCode).isZero();
        assertThat(generationsPerPrincipal()).hasSize((int) eligiblePrincipals()).allSatisfy((arn, n) -> assertThat(n).isOne());
        assertDatabaseAndSimulatorAgreeJobForJob();
    }

    private long count(String sql, Object... params) {
        return job.jdbc().sql(sql).params(params).query(Long.class).single();
    }

    @Test
    void shouldGenerateEveryPrincipalOnceInAFullRun() {
        organization(o -> o.unassumableAccounts(0));

        int exitCode = job.run();

        assertThat(exitCode).isZero();
        assertThat(generationsPerPrincipal()).hasSize((int) eligiblePrincipals()).allSatisfy((arn, n) -> assertThat(n).isOne());
        assertThat(count("select count(*) from generation where state = 'SUCCEEDED' and policies is not null")).isEqualTo(eligiblePrincipals());
        assertThat(count("select count(*) from principal where path like '/aws-service-role/%'")).as("service-linked roles skipped").isZero();
        assertDatabaseAndSimulatorAgreeJobForJob();
        assertThat(count("select count(*) from run where status = 'COMPLETED' and exit_code = 0")).isOne();

        assertThat(job.run()).as("a second run finds nothing due").isZero();
        assertThat(simulator.generations()).hasSize((int) eligiblePrincipals());
    }

    @Test
    void shouldStopAtTheDailyQuotaAndResumeTheNextSimulatedDayWithoutDuplicates() {
        organization(o -> o.dailyQuota(2));
        job.set("policygen.generation.daily-quota", 50);

        assertThat(job.run()).as("quota stop").isEqualTo(3);
        long afterFirst = simulator.generations().size();
        assertThat(afterFirst).isEqualTo(2L * (ACCOUNTS));
        assertThat(count("select count(*) from account_region where deferred_reason like '%ServiceQuotaExceededException%'"))
                .isEqualTo(ACCOUNTS);

        assertThat(job.run()).as("the same day: still at quota").isEqualTo(3);
        assertThat(simulator.generations()).hasSize((int) afterFirst);

        assertEveryPrincipalGeneratedOnceWithinThreeMoreDays();
        assertThat(count("select count(*) from account_region where deferred_reason is not null")).isZero();
    }

    @Test
    void shouldGiveEachPrincipalOneGenerationWhileSeveralRegionsShareTheAccountsPrincipals() {
        organization(o -> o.dailyQuota(2));
        job.set("policygen.generation.daily-quota", 2)
                .set("policygen.generation.regions[0]", "us-east-1").set("policygen.generation.regions[1]", "eu-west-1");

        assertThat(job.run()).as("4 a day per account in two Regions, 5 principals each").isEqualTo(3);
        assertThat(simulator.generations().stream().collect(Collectors.groupingBy(g -> g.accountId() + " " + g.region(),
                Collectors.counting()))).hasSize(2 * ACCOUNTS).allSatisfy((slot, n) -> assertThat(n).isEqualTo(2));
        simulator.clock().advance(Duration.ofDays(1));
        assertThat(job.run()).isZero();

        assertThat(generationsPerPrincipal()).hasSize((int) eligiblePrincipals()).allSatisfy((arn, n) -> assertThat(n).isOne());
        assertDatabaseAndSimulatorAgreeJobForJob();
    }

    @ParameterizedTest
    @EnumSource(ConcurrencyError.class)
    void shouldLoseNothingWhereAwsCountsTheQuotasAcrossTheAccountsRegions(ConcurrencyError refusal) {
        organization(o -> o.dailyQuota(2).quotaScope(QuotaScope.ACCOUNT).concurrencyError(refusal).generationTime(Duration.ofSeconds(1)));
        job.set("policygen.generation.daily-quota", 2)
                .set("policygen.generation.regions[0]", "us-east-1").set("policygen.generation.regions[1]", "eu-west-1");

        assertThat(job.run()).as("each Region's listing shows budget left, AWS counts both").isEqualTo(3);
        assertThat(simulator.generations().stream().collect(Collectors.groupingBy(GenerationRecord::accountId,
                Collectors.counting()))).hasSize(ACCOUNTS).allSatisfy((account, n) -> assertThat(n).isEqualTo(2));
        assertThat(job.jdbc().sql("select deferred_reason from account_region where deferred_reason is not null")
                .query(String.class).list()).filteredOn(reason -> !reason.startsWith("daily quota of 2 generations reached")).isNotEmpty()
                .allSatisfy(reason -> assertThat(reason).contains("a generation in another of the account's Regions"));
        assertEveryPrincipalGeneratedOnceWithinThreeMoreDays();
        assertThat(count("select count(*) from report_failures")).isZero();
    }

    @Test
    void shouldStartExactlyOneGenerationPerPrincipalAfterACrashBetweenTheCallAndTheCommit() {
        organization(o -> o);
        int firstExit = job.run(InjectedFaults::loseFirstJobIdCommit);

        assertThat(firstExit).isEqualTo(1);
        assertThat(count("select count(*) from generation where state = 'PENDING' and job_id is null")).isOne();
        assertThat(count("select count(*) from batch_job_execution where status = 'FAILED'")).isOne();

        int secondExit = job.run();

        assertThat(secondExit).isZero();
        assertThat(count("select count(*) from batch_job_instance")).as("the failed execution was restarted").isOne();
        assertThat(count("select count(*) from batch_job_execution")).isEqualTo(2);
        assertThat(generationsPerPrincipal()).hasSize((int) eligiblePrincipals()).allSatisfy((arn, n) -> assertThat(n).isOne());
        assertThat(count("select count(*) from generation where state = 'PENDING'")).isZero();
        assertDatabaseAndSimulatorAgreeJobForJob();
    }

    @Test
    void shouldAbsorbThrottlingAndServerErrors() {
        organization(o -> o.faults(new FaultSettings(0.05, 0.1, Duration.ZERO, 0.05, Duration.ZERO)));

        int exitCode = job.run();

        assertThat(exitCode).isZero();
        assertThat(generationsPerPrincipal()).hasSize((int) eligiblePrincipals()).allSatisfy((arn, n) -> assertThat(n).isOne());
        long throttled = count("select throttled_calls from run");
        long calls = count("select aws_calls from run");
        assertThat(throttled).isPositive();
        assertThat((double) throttled / calls).isLessThan(0.2);
        assertDatabaseAndSimulatorAgreeJobForJob();
    }

    /**
     * Spring Batch 6 saves a step's end before its afterStep listeners, and the listing is recorded by one: a kill
     * between the two (chaos.sh's kill -9 met it) left the partition COMPLETED, passed over by the restart, and the
     * account never listed, so it got no generation. A trigger sees what the partition's row says at the moment each
     * account's listing is recorded.
     */
    @Test
    void shouldRecordAnAccountsListingWhileItsPartitionIsStillRunningToARestart() {
        organization(o -> o.accounts(4));
        job.jdbc().sql("""
                create table listing_seen (account_id varchar(12), partition_status text);
                create function listing_seen() returns trigger language plpgsql as $$
                begin
                    insert into listing_seen select new.account_id, (select status from batch_step_execution
                        where step_name = 'discoverPrincipalsWorker:account-' || new.account_id
                        order by step_execution_id desc limit 1);
                    return new;
                end $$;
                create trigger listing_seen after update of principals_listed_at on account for each row
                    when (new.principals_listed_at is not null) execute function listing_seen();
                """).update();
        try {
            assertThat(job.run()).isZero();

            long listed = count("select count(*) from account where principals_listed_at is not null");
            assertThat(listed).isPositive();
            assertThat(job.jdbc().sql("select partition_status from listing_seen").query(String.class).list())
                    .as("what each account's partition said to a restart when its listing was recorded")
                    .hasSize((int) listed).doesNotContain("COMPLETED").containsAnyOf("STARTING", "STARTED");
            assertThat(count("select count(*) from batch_step_execution where step_name like 'discoverPrincipalsWorker:%' and status = 'COMPLETED'"))
                    .as("and each was stored COMPLETED after it").isEqualTo(listed);
        } finally {
            job.jdbc().sql("drop table listing_seen; drop function listing_seen() cascade").update();
        }
    }

    @Test
    void shouldStayUnderTheServiceRatesThroughTheClientSideLimiter() {
        // every operation limited to 2 requests a second per calling account by the simulator (AssumeRole, which the
        // management account calls for every member account, to 20); the job paces itself at 1.5 per account, 15 overall
        organization(o -> o.accounts(4).defaultRate(2).rate("AssumeRole", 20));
        job.set("policygen.throttle.per-account-rate", 1.5).set("policygen.throttle.overall-rate", 15);

        assertThat(job.run()).isZero();

        assertThat(count("select throttled_calls from run")).isZero();
        assertThat(simulator.requestCounts().snapshot().values().stream()
                .flatMap(operations -> operations.values().stream())
                .mapToLong(outcomes -> outcomes.entrySet().stream().filter(o -> !o.getKey().equals("ok"))
                        .mapToLong(java.util.Map.Entry::getValue).sum())
                .sum()).as("requests the simulator refused").isZero();
        assertThat(generationsPerPrincipal()).hasSize((int) eligiblePrincipals());
    }

    @Test
    void shouldBeThrottledWithoutTheClientSideLimiterAndStillFinish() {
        organization(o -> o.accounts(4).defaultRate(2).rate("AssumeRole", 20));
        job.set("policygen.throttle.per-account-rate", 1000);

        assertThat(job.run()).isZero();

        assertThat(count("select throttled_calls from run")).as("the limiter is what kept the other test at zero").isPositive();
        assertThat(generationsPerPrincipal()).hasSize((int) eligiblePrincipals()).allSatisfy((arn, n) -> assertThat(n).isOne());
    }

    @Test
    void shouldRecordAnAccountThatCannotBeEnteredAndGoOnWithTheOthers() {
        organization(o -> o.unassumableAccounts(1));
        // and one whose member role is assumed but may not read IAM (an SCP): its fix once said "could not assume"
        String unreadable = simulator.organization().accounts().stream()
                .filter(account -> account.active() && account.assumable()).map(account -> account.id()).findFirst().orElseThrow();
        simulator.setup().denyAction(unreadable, "iam:GetAccountAuthorizationDetails", true);

        int exitCode = job.run();

        assertThat(exitCode).as("finished, but an account needs its setup fixed").isEqualTo(5);
        assertThat(job.jdbc().sql("select fix from report_failures where kind = 'ACCOUNT' and error_code = 'AccessDenied'"
                        + " and account_id <> ?").params(unreadable).query(String.class).single())
                .startsWith("policygen could not assume").contains("member role").contains("config/iam/README.md");
        assertThat(job.jdbc().sql("select fix from report_failures where account_id = ?").params(unreadable).query(String.class)
                .single()).startsWith("policygen assumed ").contains("but may not read the account's IAM")
                .contains("iam:GetAccountAuthorizationDetails");
        assertThat(count("select count(*) from account where access_error_code = 'AccessDenied' and access_error_message like '%cannot assume the member role%'"))
                .isEqualTo(1);
        long unreadablePrincipals = simulator.organization().principalCount(unreadable);
        assertThat(generationsPerPrincipal()).hasSize((int) (eligiblePrincipals() - unreadablePrincipals));
    }

    @Test
    void shouldEndWithExitFiveAndTheFixWhenOrganizationsRefusesTheListing() {
        // the whole organization's setup, which a rerun cannot mend: it ended 1 ("run again") with the SDK's words
        organization(o -> o);
        job.set("policygen.organization.ou-ids[0]", "ou-abcd-12345678");

        assertThat(job.run()).isEqualTo(5);
        assertThat(count("select count(*) from run where status = 'SETUP_PROBLEMS' and message like ?", "%failure in step"
                + " discoverAccounts: the organization's accounts cannot be listed (Organizations ParentNotFoundException: %)."
                + " Fix: correct policygen.organization.ou-ids: %")).isOne();

        job.unset("policygen.organization.ou-ids[0]");
        String management = simulator.organization().managementAccountId();
        simulator.setup().denyAction(management, "organizations:ListAccounts", true);

        assertThat(job.run()).isEqualTo(5);
        assertThat(count("select count(*) from run where status = 'SETUP_PROBLEMS' and message like ?",
                "%(Organizations AccessDeniedException: %). Fix: run policygen in the organization's management account%")).isOne();
        assertThat(simulator.generations()).isEmpty();

        simulator.setup().denyAction(management, "organizations:ListAccounts", false);

        assertThat(job.run()).isZero();
        assertThat(generationsPerPrincipal()).hasSize((int) eligiblePrincipals()).allSatisfy((arn, n) -> assertThat(n).isOne());
    }

    @Test
    void shouldAskOrganizationsAgainForTheAccountsItDidNotAnswer() {
        // Organizations answering 500 past the SDK's retries failed discovery: the night lost in every account, exit 1
        organization(o -> o);
        int attempts = 8; // policygen.aws.max-attempts
        simulator.faults().failNext("ListAccounts", 2 * attempts);

        assertThat(job.run()).isZero();

        assertThat(count("select count(*) from account where in_scope")).isEqualTo(ACCOUNTS);
        assertThat(generationsPerPrincipal()).hasSize((int) eligiblePrincipals()).allSatisfy((arn, n) -> assertThat(n).isOne());
        assertThat(simulator.requestCounts().count("organizations", "ListAccounts", "ServiceException"))
                .as("two listings unanswered, each after the SDK's attempts").isEqualTo(2L * attempts);
    }

    @Test
    void shouldRefuseASecondConcurrentRunWithExitCodeFour() {
        organization(o -> o.generationTime(Duration.ofSeconds(30)));
        var first = new java.util.concurrent.atomic.AtomicReference<org.springframework.context.ConfigurableApplicationContext>();
        CompletableFuture<Integer> firstRun = CompletableFuture.supplyAsync(() -> job.run(first::set));
        JobHarness.await("the first run's generations to start", Duration.ofSeconds(60),
                () -> simulator.generations().size() >= ACCOUNTS - 1);

        int secondExit = job.run();

        assertThat(secondExit).isEqualTo(4);
        first.get().getBean(RunControl.class).requestStop("test");
        assertThat(firstRun.join()).isEqualTo(1);
    }

    @Test
    void shouldRefuseInvalidConfigurationWithExitCodeTwoBeforeAnyRequest() {
        organization(o -> o);
        job.set("policygen.generation.lookback", "P120D");

        int exitCode = job.run();

        assertThat(exitCode).isEqualTo(2);
        assertThat(simulator.requestCounts().snapshot()).isEmpty();
        assertThat(count("select count(*) from run")).isZero();
    }

    @Test
    void shouldRefuseAValueThatDoesNotBindWithExitCodeTwo() {
        organization(o -> o);
        job.set("policygen.generation.daily-quota", "many");

        assertThat(job.run()).isEqualTo(2);
        assertThat(simulator.requestCounts().snapshot()).isEmpty();
    }

    /** A run asked to stop, as by SIGTERM, once the condition holds; its exit code. */
    private int runStoppedBySigtermOnce(String condition, java.util.function.BooleanSupplier holds) {
        var context = new java.util.concurrent.atomic.AtomicReference<org.springframework.context.ConfigurableApplicationContext>();
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> job.run(context::set));
        JobHarness.await(condition, Duration.ofSeconds(60), holds);
        context.get().getBean(RunControl.class).requestStop("SIGTERM");
        return run.join();
    }

    @Test
    void shouldStopDiscoveryOnSigtermTakingNothingUnlistedForDeleted() {
        // discovery went on to its last account whatever the signal (a scheduler's stop timeout then kills it), and
        // an account's listing ended early must not count as complete: what it did not list would be marked deleted
        organization(o -> o);
        assertThat(job.run()).isZero();
        long principals = count("select count(*) from principal where deleted_at is null");
        job.set("policygen.principals.discovery-concurrency", "1");
        simulator.faults().set("GetAccountAuthorizationDetails", FaultSettings.NONE.withLatency(Duration.ofMillis(300)));
        long entered = simulator.requestCounts().count("sts", "AssumeRole", "ok");

        int exitCode = runStoppedBySigtermOnce("an account entered on the second night",
                () -> simulator.requestCounts().count("sts", "AssumeRole", "ok") > entered);

        assertThat(exitCode).isEqualTo(1);
        assertThat(simulator.requestCounts().count("sts", "AssumeRole", "ok") - entered).as("accounts entered after the stop")
                .isLessThan(ACCOUNTS);
        assertThat(count("select count(*) from run where status = 'STOPPED' and message like '%stopped on request (SIGTERM)%'"))
                .isOne();
        assertThat(count("select count(*) from principal where deleted_at is null")).as("none taken for deleted").isEqualTo(principals);
        assertThat(count("select count(*) from account where access_error_code is not null")).isZero();

        simulator.faults().clear();
        assertThat(job.run()).isZero();
        assertThat(count("select count(*) from principal where deleted_at is null")).isEqualTo(principals);
        assertDatabaseAndSimulatorAgreeJobForJob();
    }

    @Test
    void shouldStopTheAccountListingOnSigterm() {
        organization(o -> o);
        simulator.faults().set("ListAccounts", FaultSettings.NONE.withLatency(Duration.ofMillis(500)));

        int exitCode = runStoppedBySigtermOnce("the accounts being listed",
                () -> simulator.requestCounts().count("organizations", "ListAccounts", "ok") == 0 && count("select count(*) from run") > 0);

        assertThat(exitCode).isEqualTo(1);
        assertThat(job.jdbc().sql("select status from batch_step_execution where step_name = 'discoverAccounts'")
                .query(String.class).single()).isEqualTo("STOPPED");
        assertThat(count("select count(*) from account where in_scope")).as("none taken out of scope").isEqualTo(
                count("select count(*) from account"));

        simulator.faults().clear();
        assertThat(job.run()).isZero();
        assertThat(generationsPerPrincipal()).hasSize((int) eligiblePrincipals()).allSatisfy((arn, n) -> assertThat(n).isOne());
    }

    @Test
    void shouldStopOnSigtermAndResumeCleanly() {
        organization(o -> o.generationTime(Duration.ofMillis(300)));
        int exitCode = runStoppedBySigtermOnce("a few generations to finish",
                () -> simulator.generations().stream().filter(g -> g.status().equals("SUCCEEDED")).count() >= ACCOUNTS);

        assertThat(exitCode).isEqualTo(1);
        assertThat(count("select count(*) from run where status = 'STOPPED'")).isOne();
        long startedBeforeStop = simulator.generations().size();
        assertThat(startedBeforeStop).isLessThan(eligiblePrincipals());

        assertThat(job.run()).isZero();
        assertThat(generationsPerPrincipal()).hasSize((int) eligiblePrincipals()).allSatisfy((arn, n) -> assertThat(n).isOne());
        assertDatabaseAndSimulatorAgreeJobForJob();
    }

    @Test
    void shouldAskAgainForAPrincipalWhoseGenerationAccessAnalyzerNoLongerHas() {
        // a run stopped with generations in progress, and no run for eight days: Access Analyzer lists a job for seven
        organization(o -> o.generationTime(Duration.ofSeconds(2)));
        assertThat(runStoppedBySigtermOnce("a generation in progress in every account",
                () -> count("select count(distinct account_id) from generation where state = 'IN_PROGRESS'") == ACCOUNTS)).isEqualTo(1);
        List<String> lost = job.jdbc().sql("select p.principal_arn from generation g join principal p using (principal_id)"
                + " where g.state = 'IN_PROGRESS'").query(String.class).list();
        assertThat(lost).isNotEmpty();

        simulator.clock().advance(Duration.ofDays(8));

        assertThat(job.run()).as("nobody's failure: the run ends as any other").isZero();
        assertThat(count("select count(*) from generation where error_code = 'RESULT_LOST' and charged_to = 'ACCOUNT'"
                + " and error_message like 'Access Analyzer no longer has this generation (ResourceNotFoundException: %): %; requested %,"
                + " 8 days before; the principal is asked again'")).isEqualTo(lost.size());
        assertThat(generationsPerPrincipal()).as("the lost ones asked again, once").hasSize((int) eligiblePrincipals())
                .allSatisfy((arn, n) -> assertThat(n).isEqualTo(lost.contains(arn) ? 2 : 1));
        assertThat(count("select count(distinct principal_id) from generation where state = 'SUCCEEDED'")).isEqualTo(eligiblePrincipals());
        assertThat(count("select count(*) from report_failures")).isZero();
        assertThat(count("select sum(lost) from report_runs")).as("counted where they were started").isEqualTo(lost.size());
        assertThat(count("select sum(failed) from report_runs")).isZero();
        assertDatabaseAndSimulatorAgreeJobForJob();
    }

    @Test
    void shouldStopChargingNobodyWhenItsCredentialsExpireMidRunAndResumeOnceRenewed() {
        // temporary credentials shorter than the run: each open generation was recorded FAILED, each refused start
        // REJECTED and charged to its principal, and the accounts stopped FAILING (exit 5, "fix the setup")
        organization(o -> o.generationTime(Duration.ofSeconds(2)));
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> job.run());
        JobHarness.await("a generation in progress in every account", Duration.ofSeconds(60),
                () -> count("select count(distinct account_id) from generation where state = 'IN_PROGRESS'") == ACCOUNTS);
        simulator.expireManagementCredentials(true);
        simulator.expireMemberSessions();

        assertThat(run.join()).isEqualTo(1);
        assertThat(simulator.requestCounts().count("access-analyzer", "GetGeneratedPolicy", "ExpiredTokenException")
                + simulator.requestCounts().count("access-analyzer", "StartPolicyGeneration", "ExpiredTokenException"))
                .as("refused as expired").isPositive();
        assertThat(simulator.requestCounts().count("sts", "AssumeRole", "ExpiredToken"))
                .as("each refused session renewed, and the renewal refused").isPositive();
        assertThat(count("select count(*) from run where status = 'STOPPED' and message like ?",
                "%the management account's credentials policygen was started with have expired (Sts ExpiredToken: %); renew them"
                        + "%: the next run resumes%")).isOne();
        assertThat(job.jdbc().sql("select state || ' ' || coalesce(error_code, '') || ' ' || coalesce(error_message, '')"
                + " from generation where state not in ('PENDING', 'IN_PROGRESS', 'SUCCEEDED')").query(String.class).list())
                .as("nothing failed, refused or charged").isEmpty();
        assertThat(count("select count(*) from report_failures")).isZero();
        // an account whose generation ended just before the expiry has its next request refused, PENDING
        assertThat(count("select count(*) from generation where state = 'IN_PROGRESS'")).as("held open").isPositive();

        simulator.expireManagementCredentials(false);

        assertThat(job.run()).isZero();
        assertThat(generationsPerPrincipal()).hasSize((int) eligiblePrincipals()).allSatisfy((arn, n) -> assertThat(n).isOne());
        assertThat(count("select count(*) from generation where state <> 'SUCCEEDED'")).isZero();
        assertDatabaseAndSimulatorAgreeJobForJob();
    }

    @Test
    void shouldRenewMemberSessionsAwsRefusesAsExpiredAndGoOn() {
        // a host clock behind AWS's: AWS refuses a session the SDK still holds valid. Every call of the account was
        // refused until the SDK's own reckoning renewed it; the run stopped at the first (exit 1) and the next the same
        organization(o -> o.generationTime(Duration.ofSeconds(2)));
        job.set("policygen.principals.discovery-concurrency", "1");
        simulator.faults().set("GetAccountAuthorizationDetails", FaultSettings.NONE.withLatency(Duration.ofMillis(300)));
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> job.run());
        JobHarness.await("the first account entered", Duration.ofSeconds(60),
                () -> simulator.requestCounts().count("sts", "AssumeRole", "ok") > 0);
        assertThat(simulator.expireMemberSessions()).as("in discovery").isPositive();
        JobHarness.await("a generation in progress in every account", Duration.ofSeconds(120),
                () -> count("select count(distinct account_id) from generation where state = 'IN_PROGRESS'") == ACCOUNTS);
        assertThat(simulator.expireMemberSessions()).as("mid-run").isEqualTo(ACCOUNTS);

        assertThat(run.join()).isZero();
        assertThat(simulator.requestCounts().count("iam", "GetAccountAuthorizationDetails", "ExpiredToken")
                + simulator.requestCounts().count("iam", "GenerateCredentialReport", "ExpiredToken")
                + simulator.requestCounts().count("iam", "GetCredentialReport", "ExpiredToken")).as("refused in discovery").isPositive();
        assertThat(simulator.requestCounts().count("access-analyzer", "GetGeneratedPolicy", "ExpiredTokenException")
                + simulator.requestCounts().count("access-analyzer", "StartPolicyGeneration", "ExpiredTokenException")
                + simulator.requestCounts().count("access-analyzer", "ListPolicyGenerations", "ExpiredTokenException"))
                .as("refused mid-run").isPositive();
        assertThat(simulator.requestCounts().count("sts", "AssumeRole", "ok")).as("renewed").isGreaterThan(ACCOUNTS);
        assertThat(count("select count(*) from account where access_error_code is not null")).isZero();
        assertThat(count("select count(*) from report_failures")).isZero();
        assertThat(generationsPerPrincipal()).hasSize((int) eligiblePrincipals()).allSatisfy((arn, n) -> assertThat(n).isOne());
        assertThat(count("select count(*) from generation where state <> 'SUCCEEDED'")).isZero();
        assertDatabaseAndSimulatorAgreeJobForJob();
    }

    @Test
    void shouldEndTheRunNotBlameTheAccountsWhenTheManagementCredentialsExpireInDiscovery() {
        // each account not yet entered was recorded as one the member role cannot enter: exit 5, "fix the setup"
        organization(o -> o);
        job.set("policygen.principals.discovery-concurrency", "1");
        simulator.faults().set("GetAccountAuthorizationDetails", FaultSettings.NONE.withLatency(Duration.ofMillis(300)));
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> job.run());
        JobHarness.await("the first account entered", Duration.ofSeconds(60),
                () -> simulator.requestCounts().count("sts", "AssumeRole", "ok") > 0);
        simulator.expireManagementCredentials(true);

        assertThat(run.join()).isEqualTo(1);
        assertThat(simulator.requestCounts().count("sts", "AssumeRole", "ExpiredToken")).as("accounts not entered").isPositive();
        assertThat(count("select count(*) from run where status = 'STOPPED' and message like ?", "%stopped on request (the"
                + " management account's credentials policygen was started with have expired (Sts ExpiredToken: %); renew them%"))
                .isOne();
        assertThat(simulator.requestCounts().count("sts", "AssumeRole", "ExpiredToken")).as("one refusal stops discovery").isOne();
        assertThat(count("select count(*) from account where access_error_code is not null")).isZero();
        assertThat(count("select count(*) from report_failures")).isZero();
        assertThat(simulator.generations()).isEmpty();

        simulator.faults().clear();
        simulator.expireManagementCredentials(false);

        assertThat(job.run()).isZero();
        assertThat(generationsPerPrincipal()).hasSize((int) eligiblePrincipals()).allSatisfy((arn, n) -> assertThat(n).isOne());
        assertDatabaseAndSimulatorAgreeJobForJob();
    }

    @Test
    void shouldHoldOpenNotFailAGenerationWhoseResultTheAccountMayNotRead() {
        // GetGeneratedPolicy denied (an SCP, a member role without it): each of the account's generations was recorded
        // FAILED against its principal, its quota spent and its result never read, and the run ended 0
        organization(o -> o.generationTime(Duration.ofMillis(300)));
        String denied = accountWithSeveralPrincipals();
        simulator.setup().denyAction(denied, "access-analyzer:GetGeneratedPolicy", true);

        assertThat(job.run()).isEqualTo(5);
        assertThat(simulator.generations()).filteredOn(g -> g.accountId().equals(denied)).as("one spent there, then stopped").hasSize(1);
        assertThat(count("select count(*) from generation where account_id = ? and state = 'IN_PROGRESS'", denied)).isOne();
        assertThat(count("select count(*) from generation where state not in ('IN_PROGRESS', 'SUCCEEDED')")).isZero();
        assertThat(count("select count(*) from report_failures where account_id = ? and error_code = 'AccessDeniedException'", denied))
                .isOne();

        simulator.setup().denyAction(denied, "access-analyzer:GetGeneratedPolicy", false);

        assertThat(job.run()).isZero();
        assertThat(generationsPerPrincipal()).hasSize((int) eligiblePrincipals()).allSatisfy((arn, n) -> assertThat(n).isOne());
        assertThat(count("select count(*) from generation where state <> 'SUCCEEDED'")).isZero();
        assertThat(count("select count(*) from report_failures")).isZero();
        assertDatabaseAndSimulatorAgreeJobForJob();
    }

    @Test
    void shouldStopOnlyTheRegionAnScpDeniesGenerationsIn() {
        // an SCP denying by aws:RequestedRegion: the account's other Region works on, its principals done there
        organization(o -> o.generationTime(Duration.ofMillis(300)));
        job.set("policygen.generation.regions[0]", "us-east-1").set("policygen.generation.regions[1]", "eu-west-1");
        String denied = accountWithSeveralPrincipals();
        simulator.setup().denyAction(denied, "access-analyzer:StartPolicyGeneration", "eu-west-1", true);

        assertThat(job.run()).isEqualTo(5);
        assertThat(job.jdbc().sql("select region || ' ' || outcome from account_region where account_id = ? order by region")
                .param(denied).query(String.class).list()).containsExactly("eu-west-1 SETUP_FAILED", "us-east-1 DONE");
        assertThat(simulator.generations()).filteredOn(g -> g.accountId().equals(denied)).extracting(GenerationRecord::region)
                .containsOnly("us-east-1");
        assertThat(job.jdbc().sql("select state || ' ' || charged_to || ' ' || error_code from generation where account_id = ?"
                + " and state <> 'SUCCEEDED'").param(denied).query(String.class).list())
                .as("the refused request charged to the account's setup, not its principal").containsExactly("REJECTED ACCOUNT AccessDeniedException");
        assertThat(generationsPerPrincipal()).as("that principal asked again in the other Region, or by the next run")
                .hasSizeBetween((int) eligiblePrincipals() - 1, (int) eligiblePrincipals()).allSatisfy((arn, n) -> assertThat(n).isOne());
        assertThat(job.jdbc().sql("select error_code || ' ' || fix from report_failures where account_id = ?").param(denied)
                .query(String.class).list()).singleElement().asString().startsWith("AccessDeniedException ");

        simulator.setup().denyAction(denied, "access-analyzer:StartPolicyGeneration", "eu-west-1", false);

        assertThat(job.run()).isZero();
        assertThat(generationsPerPrincipal()).hasSize((int) eligiblePrincipals()).allSatisfy((arn, n) -> assertThat(n).isOne());
        assertDatabaseAndSimulatorAgreeJobForJob();
    }

    @Test
    void shouldWaitForAGenerationAccessAnalyzerDoesNotFindRightAfterItsStart() {
        // a read served by a store the start has not reached yet: taken for lost, each principal would be asked again
        organization(o -> o.generationTime(Duration.ofMillis(500)));
        simulator.faults().set("GetGeneratedPolicy", FaultSettings.NONE.withUnreadableFor(Duration.ofSeconds(2)));

        assertThat(job.run()).isZero();

        assertThat(simulator.requestCounts().count("access-analyzer", "GetGeneratedPolicy", "ResourceNotFoundException"))
                .as("looked at while not found").isPositive();
        assertThat(generationsPerPrincipal()).hasSize((int) eligiblePrincipals()).allSatisfy((arn, n) -> assertThat(n).isOne());
        assertThat(count("select count(*) from generation where state <> 'SUCCEEDED'")).isZero();
        assertDatabaseAndSimulatorAgreeJobForJob();
    }

    @Test
    void shouldSettleWhatARegionLeftOutSinceHoldsOpenAndStartNothingThere() {
        // a principal may have one open request, in any Region: one left in a Region dropped from the list held it for ever
        organization(o -> o.generationTime(Duration.ofSeconds(2)));
        job.set("policygen.generation.regions[0]", "us-east-1").set("policygen.generation.regions[1]", "eu-west-1");
        assertThat(runStoppedBySigtermOnce("a generation in progress in every slot",
                () -> count("select count(distinct (account_id, region)) from generation where state = 'IN_PROGRESS'") == 2 * ACCOUNTS))
                .isEqualTo(1);
        long startedInEuWest = simulator.generations().stream().filter(g -> g.region().equals("eu-west-1")).count();
        assertThat(count("select count(*) from generation where region = 'eu-west-1' and state = 'IN_PROGRESS'")).isPositive();
        job.unset("policygen.generation.regions[1]");

        assertThat(job.run()).isZero();

        assertThat(count("select count(*) from generation where state in ('PENDING', 'IN_PROGRESS')")).isZero();
        assertThat(simulator.generations().stream().filter(g -> g.region().equals("eu-west-1")).count()).as("nothing started there")
                .isEqualTo(startedInEuWest);
        assertThat(count("select count(*) from account_region where region = 'eu-west-1' and (outcome is not null"
                + " or deferred_reason is not null or daily_quota is not null)")).as("nothing of it for the reports").isZero();
        assertThat(generationsPerPrincipal()).hasSize((int) eligiblePrincipals()).allSatisfy((arn, n) -> assertThat(n).isOne());
        assertThat(count("select count(distinct principal_id) from generation where state = 'SUCCEEDED'")).isEqualTo(eligiblePrincipals());
        assertDatabaseAndSimulatorAgreeJobForJob();
    }

    @Test
    void shouldReadWhatAnAccountLeftOutSinceHoldsOpenAndSendNothingThere() {
        // an account excluded while its generation ran: the quota was spent, AWS kept the result 7 days, and no run
        // read it (the request IN_PROGRESS for ever, its principal's policy never stored)
        organization(o -> o.generationTime(Duration.ofSeconds(2)));
        String leftOut = accountWithSeveralPrincipals();
        assertThat(runStoppedBySigtermOnce("a generation in progress in " + leftOut,
                () -> count("select count(*) from generation where account_id = ? and state = 'IN_PROGRESS'", leftOut) > 0))
                .isEqualTo(1);
        long startedThere = simulator.generations().stream().filter(g -> g.principalArn().contains(":" + leftOut + ":")).count();
        long openThere = count("select count(*) from generation where account_id = ? and state = 'IN_PROGRESS'", leftOut);
        // and a request recorded there but never sent (the run killed between the two)
        long unsent = job.jdbc().sql("""
                        insert into generation (principal_id, account_id, region, client_token, state, run_id, requested_at, request)
                        select p.principal_id, g.account_id, g.region, gen_random_uuid(), 'PENDING', g.run_id, g.requested_at,
                               jsonb_set(g.request, '{principalArn}', to_jsonb(p.principal_arn))
                        from generation g join principal p on p.account_id = g.account_id
                        where g.account_id = ? and g.state = 'IN_PROGRESS'
                          and not exists (select 1 from generation o where o.principal_id = p.principal_id)
                        limit 1
                        returning generation_id""").params(leftOut).query(Long.class).single();
        job.set("policygen.organization.exclude-accounts[0]", leftOut);

        assertThat(job.run()).isZero();

        assertThat(simulator.generations().stream().filter(g -> g.principalArn().contains(":" + leftOut + ":")).count())
                .as("nothing started there").isEqualTo(startedThere);
        assertThat(count("select count(*) from generation where account_id = ? and state = 'IN_PROGRESS'", leftOut)).isZero();
        assertThat(count("select count(*) from generation where account_id = ? and state = 'SUCCEEDED' and policies is not null",
                leftOut)).as("read, with its policy")
                .isEqualTo(startedThere).isGreaterThanOrEqualTo(openThere);
        assertThat(job.jdbc().sql("select state from generation where generation_id = ?").params(unsent).query(String.class).single())
                .as("left unsent").isEqualTo("PENDING");
        assertThat(count("select count(*) from account_region where account_id = ? and (outcome is not null"
                + " or deferred_reason is not null or daily_quota is not null)", leftOut)).as("nothing of it for the reports").isZero();
        long elsewhere = eligiblePrincipals() - simulator.organization().principalCount(leftOut);
        assertThat(generationsPerPrincipal()).as("every principal once").allSatisfy((arn, n) -> assertThat(n).isOne());
        assertThat(count("select count(distinct principal_id) from generation where state = 'SUCCEEDED' and account_id <> ?", leftOut))
                .isEqualTo(elsewhere);
        assertDatabaseAndSimulatorAgreeJobForJob();

        job.unset("policygen.organization.exclude-accounts[0]");
        assertThat(job.run()).as("taken back in").isZero();
        assertThat(generationsPerPrincipal()).hasSize((int) eligiblePrincipals()).allSatisfy((arn, n) -> assertThat(n).isOne());
        assertThat(count("select count(*) from generation where state in ('PENDING', 'IN_PROGRESS')")).isZero();
        assertDatabaseAndSimulatorAgreeJobForJob();
    }

    @Test
    void shouldRecordLostOnceAWeekOldWhatASuspendedAccountHeldOpen() {
        // an account suspended while its generations ran: no run can enter it, Access Analyzer drops them after 7
        // days, and the database (and report_account_progress) counted them in progress for ever
        organization(o -> o.generationTime(Duration.ofSeconds(2)));
        String suspended = memberAccountWithSeveralPrincipals();
        String open = "select count(*) from generation where account_id = ? and state in ('PENDING', 'IN_PROGRESS')";
        assertThat(runStoppedBySigtermOnce("a generation in progress in " + suspended,
                () -> count("select count(*) from generation where account_id = ? and state = 'IN_PROGRESS'", suspended) > 0))
                .isEqualTo(1);
        List<String> lost = job.jdbc().sql("select p.principal_arn from generation g join principal p using (principal_id)"
                + " where g.account_id = ? and g.state = 'IN_PROGRESS'").params(suspended).query(String.class).list();
        long openThere = count(open, suspended);
        assertThat(openThere).as("each one started").isEqualTo(lost.size());
        simulator.organization().changeState(suspended, "SUSPENDED");
        job.set("policygen.run.restart-within", "PT1S"); // not restarted: a new run lists the accounts again

        assertThat(job.run()).isZero();
        assertThat(count(open, suspended)).as("within the week: left open, the account may come back").isEqualTo(openThere);
        assertThat(count("select in_progress from report_account_progress where account_id = ?", suspended)).isEqualTo(openThere);

        simulator.clock().advance(Duration.ofDays(8));
        assertThat(job.run()).isZero();
        assertThat(count("select count(*) from generation where state in ('PENDING', 'IN_PROGRESS')")).isZero();
        assertThat(count("select count(*) from generation where account_id = ? and error_code = 'RESULT_LOST' and charged_to = 'ACCOUNT'"
                + " and error_message like 'no run could read this generation: policygen cannot enter account " + suspended
                + " (the organization lists it SUSPENDED) and Access Analyzer keeps a generation for about 7 days; requested %,"
                + " 8 days before; the principal is asked again'", suspended)).isEqualTo(openThere);
        assertThat(count("select in_progress from report_account_progress where account_id = ?", suspended)).isZero();
        long notGenerated = count("""
                select count(*) from principal p where p.account_id = ? and p.deleted_at is null and p.eligibility = 'ELIGIBLE'
                and not exists (select from generation g where g.principal_id = p.principal_id and g.state = 'SUCCEEDED')""",
                suspended);
        assertThat(notGenerated).as("the lost ones at least").isGreaterThanOrEqualTo(openThere);
        assertThat(job.jdbc().sql("select due, deferred, account_inactive, days_needed from report_account_progress"
                + " where account_id = ?").params(suspended).query((rs, i) -> row(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                        rs.getObject(4))).single())
                .as("waiting on the account, not due, no night needed").isEqualTo(row(0L, 0L, notGenerated, null));
        assertThat(count("select count(*) from report_failures")).as("nobody's failure").isZero();
        assertThat(count("select sum(lost) from report_runs")).as("counted where they were started").isEqualTo(lost.size());

        simulator.organization().changeState(suspended, "ACTIVE");
        assertThat(job.run()).as("reinstated").isZero();
        assertThat(count("select count(distinct principal_id) from generation where state = 'SUCCEEDED'")).isEqualTo(eligiblePrincipals());
        assertThat(count("select count(*) from generation where state in ('PENDING', 'IN_PROGRESS')")).isZero();
        assertThat(generationsPerPrincipal()).as("the lost ones asked again, once").hasSize((int) eligiblePrincipals())
                .allSatisfy((arn, n) -> assertThat(n).isEqualTo(lost.contains(arn) ? 2 : 1));
        assertDatabaseAndSimulatorAgreeJobForJob();
    }

    @Test
    void shouldLeaveAnAccountSuspendedBeforeTheRestartNotTakeItForAMemberRoleToFix() {
        // a restart worked from the stopped run's listing (up to restart-within, 12 hours, before), so an account
        // suspended in between was refused AssumeRole, its slot ended SETUP_FAILED (exit 5), and report_failures asked
        // for its member role to be fixed for as long as the account stayed suspended
        organization(o -> o.generationTime(Duration.ofSeconds(2)));
        String suspended = memberAccountWithSeveralPrincipals();
        assertThat(runStoppedBySigtermOnce("a generation in progress in " + suspended,
                () -> count("select count(*) from generation where account_id = ? and state = 'IN_PROGRESS'", suspended) > 0))
                .isEqualTo(1);
        long open = count("select count(*) from generation where account_id = ? and state = 'IN_PROGRESS'", suspended);
        simulator.organization().changeState(suspended, "SUSPENDED");
        long refused = simulator.requestCounts().count("sts", "AssumeRole", "AccessDenied");

        assertThat(job.run()).as("the restart lists the accounts again").isZero();
        assertThat(count("select count(*) from batch_job_instance")).as("restarted, not a new run").isOne();
        assertThat(count("select count(*) from batch_step_execution where step_name = 'discoverAccounts'")).isEqualTo(2);
        assertThat(count("select count(*) from account where account_id = ? and state = 'SUSPENDED'", suspended)).isOne();
        assertThat(simulator.requestCounts().count("sts", "AssumeRole", "AccessDenied")).as("not entered").isEqualTo(refused);
        assertThat(count("select count(*) from report_failures where kind = 'ACCOUNT'")).as("nothing to fix").isZero();
        assertThat(count("select count(*) from generation where account_id = ? and state = 'IN_PROGRESS'", suspended))
                .as("left open for the week the account may come back in").isEqualTo(open);

        simulator.organization().changeState(suspended, "ACTIVE");
        assertThat(job.run()).as("reinstated").isZero();
        assertThat(count("select count(distinct principal_id) from generation where state = 'SUCCEEDED'")).isEqualTo(eligiblePrincipals());
        assertDatabaseAndSimulatorAgreeJobForJob();
    }

    @Test
    void shouldAskAgainForAPageIamDidNotAnswerAndListTheAccountAfterAll() {
        // IAM answering 500 for a while in one account: its listing failed at the first page the SDK's retries did not
        // get, the run exited 1 and the account waited for the rerun
        organization(o -> o);
        String failing = accountWithSeveralPrincipals();
        int attempts = 8; // policygen.aws.max-attempts
        simulator.faults().failNext("GetAccountAuthorizationDetails", failing, 2 * attempts);

        assertThat(job.run()).isZero();

        assertThat(simulator.requestCounts().count("iam", "GetAccountAuthorizationDetails", "ServiceFailure"))
                .as("two pages unanswered, each after the SDK's attempts").isEqualTo(2L * attempts);
        assertThat(job.jdbc().sql("select listing_failure is null and principals_listed_at is not null from account where account_id = ?")
                .params(failing).query(Boolean.class).single()).as("listed after all").isTrue();
        assertThat(generationsPerPrincipal()).hasSize((int) eligiblePrincipals()).allSatisfy((arn, n) -> assertThat(n).isOne());
    }

    @Test
    void shouldAskAgainForTheMemberRoleStsDidNotAnswerAndListTheAccountAfterAll() {
        // STS answering 500 for a while: the account whose AssumeRole met it failed its listing, and the run exited 1
        organization(o -> o);
        job.set("policygen.principals.discovery-concurrency", "1"); // one AssumeRole at a time: one account meets them all
        int attempts = 8; // policygen.aws.max-attempts
        simulator.faults().failNext("AssumeRole", 2 * attempts);

        assertThat(job.run()).isZero();

        assertThat(simulator.requestCounts().count("sts", "AssumeRole", "InternalFailure"))
                .as("two asks unanswered, each after the SDK's attempts").isEqualTo(2L * attempts);
        assertThat(count("select count(*) from account where listing_failure is not null or principals_listed_at is null"))
                .as("every account listed").isZero();
        assertThat(generationsPerPrincipal()).hasSize((int) eligiblePrincipals()).allSatisfy((arn, n) -> assertThat(n).isOne());
    }

    @Test
    void shouldAskAgainForTheCredentialReportIamDidNotAnswer() {
        // IAM answering 500 to GenerateCredentialReport: the account's users' last use unknown for the night, none taken
        // for unused, and generations spent on users nobody uses
        organization(o -> o);
        String failing = accountWithSeveralPrincipals();
        int attempts = 8; // policygen.aws.max-attempts
        simulator.faults().failNext("GenerateCredentialReport", failing, 2 * attempts);

        assertThat(job.run()).isZero();

        assertThat(count("select count(*) from principal where account_id = ? and principal_type = 'USER'", failing))
                .as("users to read it for").isPositive();
        assertThat(count("select count(*) from principal where account_id = ? and principal_type = 'USER'"
                + " and eligibility_reason = 'last use unknown (no credential report)'", failing)).as("the report read").isZero();
        assertThat(simulator.requestCounts().count("iam", "GenerateCredentialReport", "ServiceFailure"))
                .as("two calls unanswered, each after the SDK's attempts").isEqualTo(2L * attempts);
    }

    @Test
    void shouldGoOnWithTheOtherAccountsWhenOneAccountsIamFailsToAnswer() {
        // one account's IAM answering 500 after the SDK's retries failed the discovery step: no account generated, and
        // the summary said "Partition handler returned an unsuccessful step"
        organization(o -> o);
        String failing = accountWithSeveralPrincipals();
        simulator.faults().set("GetAccountAuthorizationDetails", failing, FaultSettings.NONE.withErrorRate(1.0));

        assertThat(job.run()).isEqualTo(1);
        assertThat(job.jdbc().sql("select message from run").query(String.class).single())
                .contains(", listing failed in step discoverPrincipalsWorker, account " + failing
                        + ": GetAccountAuthorizationDetails failed: ")
                .contains("Status Code: 500").contains("never listed whole: nothing is generated there until a run lists it")
                .doesNotContain("Partition handler");
        long there = simulator.organization().principalCount(failing);
        assertThat(generationsPerPrincipal()).as("every other account's principals")
                .hasSize((int) (eligiblePrincipals() - there)).allSatisfy((arn, n) -> assertThat(n).isOne());
        assertThat(generationsPerPrincipal()).allSatisfy((arn, n) -> assertThat(arn).doesNotContain(":" + failing + ":"));
        assertThat(count("select count(*) from account where access_error_code is not null")).as("not its setup").isZero();
        assertThat(job.jdbc().sql("select listing_failure from report_account_progress where account_id = ?"
                + " and principals_listed_at is null").params(failing).query(String.class).single())
                .startsWith("GetAccountAuthorizationDetails failed: ").contains("Status Code: 500");

        simulator.faults().clear();
        assertThat(job.run()).isZero();
        assertThat(generationsPerPrincipal()).hasSize((int) eligiblePrincipals()).allSatisfy((arn, n) -> assertThat(n).isOne());
        assertThat(count("select count(*) from report_account_progress where listing_failure is not null"
                + " or principals_listed_at is null")).as("listed since").isZero();

        // listed since: a failure keeps that listing, and says so
        simulator.faults().set("GetAccountAuthorizationDetails", failing, FaultSettings.NONE.withErrorRate(1.0));
        assertThat(job.run()).isEqualTo(1);
        assertThat(job.jdbc().sql("select message from run order by run_id desc limit 1").query(String.class).single())
                .contains("account " + failing + ": GetAccountAuthorizationDetails failed: ")
                .contains("its generations this run work from its listing of ");
        assertThat(count("select count(*) from principal where account_id = ? and deleted_at is not null", failing)).as("nothing unlisted taken for deleted").isZero();
    }

    @Test
    void shouldNotTakeStsFailingToAnswerForTheAccountsSetup() {
        // AssumeRole answering 500 after the SDK's retries recorded every account as one the member role cannot enter:
        // exit 5, "fix the setup", and each account's fix told the operator to deploy a role that was there
        organization(o -> o);
        job.set("policygen.aws.max-attempts", "2");
        simulator.faults().set("AssumeRole", FaultSettings.NONE.withErrorRate(1.0));

        assertThat(job.run()).isEqualTo(1);
        assertThat(job.jdbc().sql("select message from run").query(String.class).single())
                .containsPattern(", listing failed in step discoverPrincipalsWorker, account \\d{12} \\(and \\d+ more partitions\\):"
                        + " AssumeRole failed: ")
                .contains("Status Code: 500");
        assertThat(count("select count(*) from account where access_error_code is not null")).as("not their setup").isZero();
        assertThat(count("select count(*) from report_failures")).isZero();

        simulator.faults().clear();
        assertThat(job.run()).isZero();
        assertThat(generationsPerPrincipal()).hasSize((int) eligiblePrincipals()).allSatisfy((arn, n) -> assertThat(n).isOne());
    }

    @Test
    void shouldSayWhySlotsWereLeftUnsettled() {
        // the summary said "job execution COMPLETED, slots {UNSETTLED=5}" and exit 1, and not why
        organization(o -> o);
        simulator.faults().set("StartPolicyGeneration", FaultSettings.NONE.withErrorRate(1.0));

        assertThat(job.run()).isEqualTo(1);
        assertThat(job.jdbc().sql("select message from run").query(String.class).single())
                .containsPattern(", unsettled in step \\w+, account \\d{12} in us-east-1 \\(and \\d+ more partitions\\):"
                        + " StartPolicyGeneration got no answer 3 times; the request stays PENDING and the next run settles it: ");

        simulator.faults().clear();
        assertThat(job.run()).isZero();
        assertThat(generationsPerPrincipal()).hasSize((int) eligiblePrincipals()).allSatisfy((arn, n) -> assertThat(n).isOne());
    }

    @Test
    void shouldEndWithExitFiveNamingAnIncludedAccountTheOrganizationDoesNotGive() {
        // an include list naming an account the organization does not have (a typo, an account gone) ended 0 night
        // after night, that account never worked; a scope holding no account at all did too, having done nothing
        organization(o -> o.suspendedAccounts(1));
        String member = accountWithSeveralPrincipals();
        String suspended = simulator.organization().accounts().stream().filter(a -> "SUSPENDED".equals(a.state()))
                .map(a -> a.id()).findFirst().orElseThrow();
        job.set("policygen.organization.include-accounts[0]", member);
        job.set("policygen.organization.include-accounts[1]", "999999999999");
        job.set("policygen.organization.include-accounts[2]", suspended);

        assertThat(job.run()).isEqualTo(5);
        assertThat(count("select count(*) from run where status = 'SETUP_PROBLEMS' and message like ? and message like ?",
                "%policygen.organization.include-accounts names 999999999999, which the organization's listing did not return%",
                "%include-accounts names " + suspended + ", which is SUSPENDED, not ACTIVE%")).isOne();
        assertThat(generationsPerPrincipal()).as("the account that is there is worked all the same")
                .hasSize((int) simulator.organization().principalCount(member));

        job.unset("policygen.organization.include-accounts[1]");
        job.unset("policygen.organization.include-accounts[2]");
        job.set("policygen.organization.exclude-accounts[0]", member);
        assertThat(job.run()).isEqualTo(5);
        assertThat(count("select count(*) from run where status = 'SETUP_PROBLEMS' and message like ?",
                "%no ACTIVE account of the organization is in scope: check policygen.organization.ou-ids, include-accounts and"
                        + " exclude-accounts%")).isOne();

        job.unset("policygen.organization.exclude-accounts[0]");
        assertThat(job.run()).as("the list as it should be").isZero();
    }

    @Test
    void shouldStartAnewNotRestartWhenTheAccountsToWorkChangedSinceTheStoppedRun() {
        // a restart skips the discovery it completed: an account excluded after a failed night would be worked again
        organization(o -> o.generationTime(Duration.ofSeconds(2)));
        assertThat(runStoppedBySigtermOnce("a generation in progress in every account",
                () -> count("select count(distinct account_id) from generation where state = 'IN_PROGRESS'") == ACCOUNTS)).isEqualTo(1);
        String excluded = simulator.generations().getFirst().accountId();
        long startedThere = simulator.generations().stream().filter(g -> g.accountId().equals(excluded)).count();
        job.set("policygen.organization.exclude-accounts[0]", excluded);

        assertThat(job.run()).isZero();

        assertThat(simulator.generations().stream().filter(g -> g.accountId().equals(excluded)).count()).as("nothing new there")
                .isEqualTo(startedThere);
        assertThat(count("select count(*) from batch_job_instance")).as("a new execution, the stopped one not restarted").isEqualTo(2);
        long elsewhere = eligiblePrincipals() - simulator.organization().principalCount(excluded);
        assertThat(generationsPerPrincipal()).allSatisfy((arn, n) -> assertThat(n).isOne());
        assertThat(count("select count(distinct principal_id) from generation g join account a using (account_id)"
                + " where g.state = 'SUCCEEDED' and a.account_id <> ?", excluded)).isEqualTo(elsewhere);

        job.unset("policygen.organization.exclude-accounts[0]");
        simulator.clock().advance(Duration.ofHours(1));
        assertThat(job.run()).as("taken back in: its open generation settled, the rest generated").isZero();
        assertThat(generationsPerPrincipal()).hasSize((int) eligiblePrincipals()).allSatisfy((arn, n) -> assertThat(n).isOne());
        assertDatabaseAndSimulatorAgreeJobForJob();
    }

    @Test
    void shouldListAgainNotRestartPastAnAccountWhoseListingFailed() {
        // a restart skips the discovery it completed: the account whose listing had failed was never listed, and the
        // restarted run ended 0 without its principals
        organization(o -> o.generationTime(Duration.ofSeconds(2)));
        String failing = accountWithSeveralPrincipals();
        simulator.faults().set("GetAccountAuthorizationDetails", failing, FaultSettings.NONE.withErrorRate(1.0));
        assertThat(runStoppedBySigtermOnce("a generation in progress in every other account",
                () -> count("select count(distinct account_id) from generation where state = 'IN_PROGRESS'") == ACCOUNTS - 1))
                .isEqualTo(1);
        simulator.faults().clear();

        assertThat(job.run()).isZero();

        assertThat(count("select count(*) from batch_job_instance")).as("a new execution, the stopped one not restarted").isEqualTo(2);
        assertThat(generationsPerPrincipal()).hasSize((int) eligiblePrincipals()).allSatisfy((arn, n) -> assertThat(n).isOne());
        assertDatabaseAndSimulatorAgreeJobForJob();
    }

    @Test
    void shouldNotHoldADatabaseConnectionWhileWaitingOnAws() {
        // more accounts wait on AWS at once than the pool has connections, and a connection is given up quickly
        organization(o -> o.accounts(16).generationTime(Duration.ofMillis(400)));
        job.set("spring.datasource.hikari.maximum-pool-size", 3)
                .set("spring.datasource.hikari.connection-timeout", 3000);

        int exitCode = job.run();

        assertThat(exitCode).isZero();
        assertThat(generationsPerPrincipal()).hasSize((int) eligiblePrincipals()).allSatisfy((arn, n) -> assertThat(n).isOne());
    }

    @Test
    void shouldKeepAccountsInScopeWhenTheirListingFails() {
        organization(o -> o);
        assertThat(job.run()).isZero();
        long inScope = count("select count(*) from account where in_scope");
        simulator.faults().failNext("ListAccounts", 50);

        int exitCode = job.run();

        assertThat(exitCode).isEqualTo(1);
        assertThat(count("select count(*) from account where in_scope")).isEqualTo(inScope);
    }

    @Test
    void shouldMarkPrincipalsThatDisappearedAsDeleted() {
        organization(o -> o);
        assertThat(job.run()).isZero();
        String account = simulator.organization().accounts().get(1).id();
        String gone = simulator.organization().principals(account).stream()
                .filter(p -> !p.path().startsWith("/aws-service-role/")).findFirst().orElseThrow().arn();
        simulator.organization().deletePrincipal(gone);

        assertThat(job.run()).isZero();

        assertThat(count("select count(*) from principal where principal_arn = ? and deleted_at is not null", gone)).isOne();
        assertThat(count("select count(*) from principal where deleted_at is not null")).isOne();
        assertThat(count("select count(*) from generation g join principal p using (principal_id) where p.principal_arn = ?", gone))
                .as("its history is kept").isOne();
    }

}
