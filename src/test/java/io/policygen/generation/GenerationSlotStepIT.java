package io.policygen.generation;

import io.policygen.time.TimeSource;
import static org.assertj.core.api.Assertions.assertThat;

import io.policygen.store.OwnTransaction;
import io.policygen.generation.PolicyGenerations.GenerationRejectedException;
import io.policygen.generation.PolicyGenerations.GenerationUnavailableException;
import io.policygen.generation.PolicyGenerations.QuotaExceededException;
import io.policygen.run.RunStore;
import io.policygen.testsupport.ManualClock;
import io.policygen.testsupport.TestDatabase;
import io.policygen.testsupport.TestPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * One partition of the generate step, run as Spring Batch runs it (the chunk step of reader, writer and listener),
 * on a real PostgreSQL, with Access Analyzer played by an in-memory port and a manual clock.
 */
@ExtendWith(TestPostgres.class)
class GenerationSlotStepIT {

    private static final String REGION = "us-east-1";
    private static final Duration GENERATION_TIME = Duration.ofMinutes(2);

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-20T01:00:00Z"));
    private final ManualSlotControl control = new ManualSlotControl(clock);
    private final DurationEstimator estimator = new DurationEstimator(clock);
    private JdbcClient jdbc;
    private GenerationStore store;
    private SlotStore slotStore;
    private ScriptedPolicyGenerations aws;
    private String accountId;
    private long runId;
    private int dailyQuota = 50;

    @BeforeEach
    void setUp(TestDatabase database) {
        jdbc = JdbcClient.create(database.dataSource());
        OwnTransaction tx = new OwnTransaction(new JdbcTransactionManager(database.dataSource()));
        store = new GenerationStore(jdbc, tx, JsonMapper.builder().build());
        slotStore = new SlotStore(jdbc, tx);
        aws = new ScriptedPolicyGenerations(clock, GENERATION_TIME);
        accountId = String.valueOf(100000000000L + (long) (Math.random() * 899999999999L));
        runId = new RunStore(jdbc, tx).start(clock.instant(), "test", 1);
        jdbc.sql("insert into account (account_id, state, first_seen_at, last_seen_at) values (?, 'ACTIVE', now(), now())")
                .param(accountId).update();
    }

    private void principals(int count) {
        for (int i = 0; i < count; i++) {
            jdbc.sql("""
                            insert into principal (account_id, principal_arn, principal_type, name, path, first_seen_at, changed_at)
                            values (?, ?, 'ROLE', ?, '/', now(), now())""")
                    .params(accountId, "arn:aws:iam::" + accountId + ":role/app-" + i, "app-" + i).update();
        }
    }

    /** One run of the slot's step; the step's exit status is the slot's outcome. */
    private SlotOutcome runSlot() {
        try (GenerationSlot slot = openSlot()) {
            StepExecution execution = SlotStepRunner.run(slot);
            assertThat(execution.getExitStatus().getExitCode()).isEqualTo(slot.state().outcome().name());
            return slot.state().outcome();
        }
    }

    private GenerationSlot openSlot() {
        GenerationProperties properties = new GenerationProperties(
                List.of(new GenerationProperties.Trail("arn:aws:cloudtrail:us-east-1:111122223333:trail/org", List.of(), true)),
                "arn:aws:iam::{accountId}:role/service-role/AccessAnalyzerMonitorServiceRole", Duration.ofDays(90),
                Duration.ofDays(30), dailyQuota, List.of(), 3, false, false, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofHours(6),
                java.util.Map.of(), 3, 3, Duration.ofDays(7), GenerationOrder.BREADTH_FIRST);
        GenerationSlots slots = new GenerationSlots(slot -> new PolicyGenerationsFactory.Opened(aws, () -> { }), store, slotStore,
                properties, estimator, control, new TimeSource(clock, clock), GenerationEvents.NONE);
        return slots.open(new SlotId(accountId, REGION), runId);
    }

    /** A request whose generation AWS started, the answer lost before the jobId was committed. */
    private OpenGeneration startedWithoutAnswer() {
        DuePrincipal first = store.due(new SlotId(accountId, REGION), clock.instant(), Duration.ofDays(30), 3,
                GenerationOrder.BREADTH_FIRST, 1).getFirst();
        OpenGeneration crashed = store.insertPending(first, new SlotId(accountId, REGION),
                new GenerationRequest(first.principalArn(), List.of(), "role", clock.instant().minus(Duration.ofDays(1)), clock.instant()),
                runId, clock.instant()).orElseThrow();
        aws.startWithoutAnswer(crashed.request(), crashed.clientToken());
        return crashed;
    }

    private List<String> states() {
        return jdbc.sql("select state from generation where account_id = ? order by generation_id").param(accountId)
                .query(String.class).list();
    }

    @Test
    void shouldGenerateEveryPrincipalOnceAndStorePolicies() {
        principals(3);

        SlotOutcome outcome = runSlot();

        assertThat(outcome).isEqualTo(SlotOutcome.DONE);
        assertThat(states()).containsExactly("SUCCEEDED", "SUCCEEDED", "SUCCEEDED");
        assertThat(aws.generationsStarted()).isEqualTo(3);
        assertThat(jdbc.sql("select count(*) from generation where account_id = ? and policies->0->>'Version' = '2012-10-17'")
                .param(accountId).query(Integer.class).single()).isEqualTo(3);
        assertThat(runSlot()).isEqualTo(SlotOutcome.DONE);
        assertThat(aws.generationsStarted()).as("nothing is due the second time").isEqualTo(3);
    }

    @Test
    void shouldReturnItsOwnRequestToAClaimDoneAgain() {
        // a claim is done again, with its token, when its commit's answer was lost to a failover (OwnTransaction)
        principals(1);
        DuePrincipal principal = store.due(new SlotId(accountId, REGION), clock.instant(), Duration.ofDays(30), 3,
                GenerationOrder.BREADTH_FIRST, 1).getFirst();
        UUID token = UUID.randomUUID();
        UUID otherToken = UUID.randomUUID();

        Long first = claim(principal, token);
        Long again = claim(principal, token);
        Long other = claim(principal, otherToken);

        assertThat(first).isNotNull();
        assertThat(again).as("the same request, not a refusal").isEqualTo(first);
        assertThat(other).as("another claim with the request open is refused").isNull();
        assertThat(states()).containsExactly("PENDING");
    }

    private Long claim(DuePrincipal principal, UUID token) {
        return jdbc.sql("select claim_generation(1, 1, ?::bigint, ?::varchar, ?::varchar, ?::uuid, ?::bigint, now(), '{}'::jsonb, ?::bigint)")
                .params(principal.principalId(), accountId, REGION, token, runId, principal.lastGenerationId())
                .query((rs, i) -> Optional.ofNullable(rs.getObject(1, Long.class))).single().orElse(null);
    }

    @Test
    void shouldResendTheSameClientTokenForARequestWhoseAnswerWasLost() {
        principals(2);
        OpenGeneration crashed = startedWithoutAnswer();

        SlotOutcome outcome = runSlot();

        assertThat(outcome).isEqualTo(SlotOutcome.DONE);
        assertThat(aws.generationsStarted()).as("one generation per principal").isEqualTo(2);
        assertThat(aws.tokensSent.stream().filter(crashed.clientToken()::equals)).hasSize(2);
        assertThat(states()).containsExactly("SUCCEEDED", "SUCCEEDED");
        assertThat(jdbc.sql("select job_id from generation where generation_id = ?").param(crashed.generationId())
                .query(String.class).single()).isEqualTo(aws.jobOf(crashed.clientToken()));
    }

    @Test
    void shouldRecoverTheJobOfARequestFromAnEarlierRunByListingThePrincipalsGenerations() {
        principals(2);
        OpenGeneration crashed = startedWithoutAnswer();
        clock.advance(Duration.ofDays(2));

        SlotOutcome outcome = runSlot();

        assertThat(outcome).isEqualTo(SlotOutcome.DONE);
        assertThat(aws.lists).isOne();
        assertThat(aws.tokensSent.stream().filter(crashed.clientToken()::equals)).as("found by listing, not re-sent").hasSize(1);
        assertThat(aws.generationsStarted()).isEqualTo(2);
        assertThat(jdbc.sql("select job_id from generation where generation_id = ?").param(crashed.generationId())
                .query(String.class).single()).isEqualTo(aws.jobOf(crashed.clientToken()));
    }

    @Test
    void shouldAskAgainForAPrincipalWhoseRequestsAnswerWasLostLongerAgoThanAccessAnalyzerListsInsteadOfResendingIt() {
        principals(1);
        OpenGeneration crashed = startedWithoutAnswer();
        clock.advance(Duration.ofDays(8));

        assertThat(runSlot()).isEqualTo(SlotOutcome.DONE);

        assertThat(aws.tokensSent.stream().filter(crashed.clientToken()::equals)).as("not re-sent: its window ended 8 days ago")
                .hasSize(1);
        assertThat(aws.lists).as("not looked for: no listing shows it").isZero();
        assertThat(states()).containsExactly("FAILED", "SUCCEEDED");
        assertThat(jdbc.sql("select error_code || ' ' || charged_to || ' ' || error_message from generation where generation_id = ?")
                .param(crashed.generationId()).query(String.class).single())
                .startsWith("RESULT_LOST ACCOUNT the answer to this request was lost").endsWith("8 days before; the principal is asked again");
    }

    @Test
    void shouldKeepLookingAtAGenerationNotFoundRightAfterItsStart() {
        // a read served by a store the start has not reached yet: taken for lost, the principal would be asked again
        principals(2);
        aws.unreadableFor = GENERATION_TIME.plusSeconds(30);

        assertThat(runSlot()).isEqualTo(SlotOutcome.DONE);

        assertThat(aws.notFound).as("looked at while not found").isPositive();
        assertThat(states()).containsExactly("SUCCEEDED", "SUCCEEDED");
        assertThat(aws.generationsStarted()).isEqualTo(2);
    }

    @Test
    void shouldTakeAGenerationStillNotFoundMinutesAfterItsStartForLostAndAskAgainNextRun() {
        principals(1);
        aws.unreadableFor = Duration.ofDays(365);

        assertThat(runSlot()).isEqualTo(SlotOutcome.DONE);

        assertThat(states()).containsExactly("FAILED");
        assertThat(jdbc.sql("select error_code || ' ' || charged_to || ' ' || error_message from generation where account_id = ?")
                .param(accountId).query(String.class).single())
                .startsWith("RESULT_LOST ACCOUNT Access Analyzer does not find this generation (ResourceNotFoundException: ")
                .contains("still not found 5 minutes after its start; requested ")
                .endsWith("5 minutes before; the principal is asked again");
        assertThat(jdbc.sql("select extract(epoch from completed_at - requested_at) from generation where account_id = ?")
                .param(accountId).query(Double.class).single()).isGreaterThanOrEqualTo(GenerationTracker.NOT_FOUND_GRACE.toSeconds());

        aws.unreadableFor = Duration.ZERO;
        assertThat(runSlot()).isEqualTo(SlotOutcome.DONE);
        assertThat(states()).as("not the principal's failure: asked again").containsExactly("FAILED", "SUCCEEDED");
    }

    @Test
    void shouldCancelAGenerationStuckPastMaxWaitAndGoOn() {
        principals(2);
        aws = new ScriptedPolicyGenerations(clock, Duration.ofDays(365));

        SlotOutcome outcome = runSlot();

        assertThat(outcome).isEqualTo(SlotOutcome.DONE);
        assertThat(aws.cancelled).hasSize(2);
        assertThat(states()).containsExactly("CANCELED", "CANCELED");
        assertThat(jdbc.sql("select distinct error_code from generation where account_id = ?").param(accountId)
                .query(String.class).single()).isEqualTo("MAX_WAIT_EXCEEDED");
    }

    @Test
    void shouldKeepARequestPendingWhenAwsNeverAnswersAndResendItNextRun() {
        principals(2);
        for (int i = 0; i < 3; i++) {
            aws.thenStartFails(() -> new GenerationUnavailableException("503", null));
        }

        assertThat(runSlot()).isEqualTo(SlotOutcome.UNSETTLED);
        assertThat(states()).containsExactly("PENDING");
        UUID token = jdbc.sql("select client_token from generation where account_id = ?").param(accountId).query(UUID.class).single();

        assertThat(runSlot()).isEqualTo(SlotOutcome.DONE);
        assertThat(states()).containsExactly("SUCCEEDED", "SUCCEEDED");
        assertThat(aws.tokensSent.stream().filter(token::equals)).hasSize(4);
        assertThat(aws.generationsStarted()).isEqualTo(2);
    }

    @Test
    void shouldLeaveARequestAsItWasWhenItsCredentialsAreRefusedAsExpired() {
        // recorded as a send failure, the request showed in report_failures as its principal's (NO_ANSWER) though AWS
        // never looked at it and nothing was anybody's doing
        principals(2);
        aws.thenStartFails(() -> {
            control.requestStop("the management account's credentials have expired");
            return new GenerationUnavailableException("StartPolicyGeneration was refused: expired", null, false);
        });

        assertThat(runSlot()).isEqualTo(SlotOutcome.STOPPED);
        assertThat(jdbc.sql("select state || ' ' || coalesce(error_code, '-') from generation where account_id = ?")
                .param(accountId).query(String.class).list()).containsExactly("PENDING -");
        assertThat(jdbc.sql("select count(*) from report_failures where account_id = ?").param(accountId).query(Long.class)
                .single()).isZero();
    }

    @Test
    void shouldRecordARejectedPrincipalAndGoOnWithTheOthers() {
        principals(3);
        aws.thenStartFails(() -> new GenerationRejectedException("ValidationException", "principal not found",
                List.of("policyGenerationDetails.principalArn"), null));

        assertThat(runSlot()).isEqualTo(SlotOutcome.DONE);

        assertThat(states()).containsExactly("REJECTED", "SUCCEEDED", "SUCCEEDED");
        assertThat(jdbc.sql("select error_code || ': ' || error_message from generation where state = 'REJECTED' and account_id = ?")
                .param(accountId).query(String.class).single()).isEqualTo("ValidationException: principal not found");
    }

    @Test
    void shouldStopAtAQuotaRefusalAndResumeInALaterRun() {
        principals(4);
        ScriptedPolicyGenerations firstNight = aws;
        aws = new ScriptedPolicyGenerations(clock, GENERATION_TIME) {
            @Override
            public String start(GenerationRequest request, UUID clientToken) {
                if (generationsStarted() >= 1) {
                    throw new QuotaExceededException("daily generation quota of 50 reached", null);
                }
                return super.start(request, clientToken);
            }
        };

        assertThat(runSlot()).isEqualTo(SlotOutcome.QUOTA_STOPPED);
        assertThat(states()).containsExactly("SUCCEEDED", "DEFERRED");
        assertThat(jdbc.sql("select deferred_reason from account_region where account_id = ?").param(accountId)
                .query(String.class).single()).startsWith("ServiceQuotaExceededException: daily generation quota of 50 reached;")
                .contains("refused 3 times though Access Analyzer lists 1 generation started here in the last 24 hours, of a"
                        + " daily quota of 50, and none of another's in progress")
                .contains("a generation in another of the account's Regions").contains("a daily quota lower than");

        clock.advance(Duration.ofDays(1));
        aws = firstNight;
        assertThat(runSlot()).isEqualTo(SlotOutcome.DONE);

        assertThat(states()).containsExactly("SUCCEEDED", "DEFERRED", "SUCCEEDED", "SUCCEEDED", "SUCCEEDED");
        assertThat(jdbc.sql("select count(distinct principal_id) from generation where account_id = ? and state = 'SUCCEEDED'")
                .param(accountId).query(Integer.class).single()).isEqualTo(4);
        assertThat(jdbc.sql("select deferred_reason is null from account_region where account_id = ?").param(accountId)
                .query(Boolean.class).single()).isTrue();
    }

    @Test
    void shouldSpendOnlyTheDailyBudgetLeftByEarlierRuns() {
        principals(5);
        dailyQuota = 2;

        assertThat(runSlot()).isEqualTo(SlotOutcome.QUOTA_STOPPED);
        assertThat(states()).containsExactly("SUCCEEDED", "SUCCEEDED");
        clock.advance(Duration.ofHours(1));
        assertThat(runSlot()).as("the same day: the budget is spent").isEqualTo(SlotOutcome.QUOTA_STOPPED);
        assertThat(states()).hasSize(2);

        clock.advance(Duration.ofDays(1));
        assertThat(runSlot()).isEqualTo(SlotOutcome.QUOTA_STOPPED);
        clock.advance(Duration.ofDays(1));
        assertThat(runSlot()).isEqualTo(SlotOutcome.DONE);
        assertThat(states()).hasSize(5).containsOnly("SUCCEEDED");
    }

    @Test
    void shouldListTheDayBeforeAStartOnlyWhereTheQuotaCouldBeReached() {
        // learnt: every generation is found by one look, at its end, so no look finds one running and lists the day there
        for (int i = 0; i < 10; i++) {
            estimator.observe(new DurationEstimator.Observation("999999999999", Duration.ofDays(90), GENERATION_TIME));
        }
        principals(3);

        assertThat(runSlot()).isEqualTo(SlotOutcome.DONE);
        assertThat(states()).containsExactly("SUCCEEDED", "SUCCEEDED", "SUCCEEDED");
        assertThat(aws.startsWhenAccountListed).as("a quota of 50 cannot be reached: others' use is told by a refusal").isEmpty();

        // a month later all three are due again, against a quota of two
        dailyQuota = 2;
        clock.advance(Duration.ofDays(31));

        assertThat(runSlot()).isEqualTo(SlotOutcome.QUOTA_STOPPED);
        assertThat(aws.startsWhenAccountListed).as("listed before the start that could reach it, once").containsExactly(4);
        assertThat(aws.generationsStarted()).isEqualTo(5);
    }

    @Test
    void shouldPollOnceAtTheLearntDurationAfterTheFirstGeneration() {
        principals(5);

        runSlot();

        // the first generation is found by backing off; each later one by a single poll at the learnt duration
        int firstPolls = jdbc.sql("select polls from generation where account_id = ? order by generation_id limit 1")
                .param(accountId).query(Integer.class).single();
        List<Integer> laterPolls = jdbc.sql("select polls from generation where account_id = ? order by generation_id offset 1")
                .param(accountId).query(Integer.class).list();
        assertThat(firstPolls).isGreaterThan(1);
        assertThat(laterPolls).containsOnly(1);
    }

    @Test
    void shouldTellTheTrackerWhenThePrincipalReadIsTheLastTheSlotStarts() {
        principals(4);
        try (GenerationSlot slot = openSlot()) {
            slot.reader().open(new ExecutionContext());

            assertThat(readAndStart(slot, 4)).as("nothing else due after the fourth").containsExactly(false, false, false, true);
        }
    }

    @Test
    void shouldTellTheTrackerWhenThePrincipalReadIsTheLastTheDaysBudgetAllows() {
        principals(4);
        dailyQuota = 2;
        try (GenerationSlot slot = openSlot()) {
            slot.reader().open(new ExecutionContext());

            assertThat(readAndStart(slot, 2)).as("the second spends the day's budget").containsExactly(false, true);
        }
    }

    /** Reads principals as the step does, each one counted as started, and says after each whether nothing follows. */
    private List<Boolean> readAndStart(GenerationSlot slot, int count) {
        List<Boolean> last = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            assertThat(slot.reader().read()).isNotNull();
            slot.state().countStarted();
            last.add(slot.state().nothingFollows());
        }
        return last;
    }
}
