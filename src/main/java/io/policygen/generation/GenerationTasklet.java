package io.policygen.generation;

import io.policygen.aws.AwsClients;
import io.policygen.aws.MemberAccount;
import io.policygen.run.CurrentRun;
import io.policygen.run.RunControl;
import io.policygen.time.Ticker;
import java.time.Clock;
import org.springframework.batch.core.ExitStatus;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/** The generate step's work for one partition: one account in one Region, through its {@link GenerationSlot}. */
public class GenerationTasklet implements Tasklet {

    private final String accountId;
    private final String region;
    private final AwsClients clients;
    private final GenerationStore store;
    private final GenerationProperties properties;
    private final DurationEstimator estimator;
    private final Clock clock;
    private final RunControl control;
    private final CurrentRun run;

    public GenerationTasklet(String accountId, String region, AwsClients clients, GenerationStore store,
                             GenerationProperties properties, DurationEstimator estimator, Clock clock,
                             RunControl control, CurrentRun run) {
        this.accountId = accountId;
        this.region = region;
        this.clients = clients;
        this.store = store;
        this.properties = properties;
        this.estimator = estimator;
        this.clock = clock;
        this.control = control;
        this.run = run;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws InterruptedException {
        try (MemberAccount account = clients.memberAccount(accountId)) {
            PolicyGenerations generations = new AccessAnalyzerPolicyGenerations(account.accessAnalyzer(region),
                    properties.includeResourcePlaceholders(), properties.includeServiceLevelTemplate());
            GenerationSlot slot = new GenerationSlot(accountId, region, generations, store, properties, estimator, clock,
                    Ticker.SYSTEM, control, control, run.id(), run);
            SlotOutcome outcome;
            try {
                outcome = slot.run();
            } catch (DataAccessResourceFailureException e) {
                // Without its database the run cannot record anything: every account stops starting generations now.
                control.requestStop("the database is unreachable: " + e.getMostSpecificCause().getMessage());
                throw e;
            }
            contribution.incrementWriteCount(slot.started());
            contribution.setExitStatus(new ExitStatus(outcome.name()));
            if (outcome == SlotOutcome.STOPPED) {
                chunkContext.getStepContext().getStepExecution().setTerminateOnly();
            }
            return RepeatStatus.FINISHED;
        } finally {
            clients.release(accountId);
        }
    }
}
