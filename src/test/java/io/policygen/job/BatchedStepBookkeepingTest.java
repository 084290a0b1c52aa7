package io.policygen.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.policygen.testsupport.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.ResourcelessJobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

class BatchedStepBookkeepingTest {

    private final ManualClock ticker = new ManualClock(Instant.parse("2026-03-02T01:00:00Z"));
    private final List<String> written = new ArrayList<>();
    private String lastWrittenExitCode;
    private final ResourcelessJobRepository stored = new ResourcelessJobRepository() {
        @Override
        public void update(StepExecution stepExecution) {
            written.add("step " + stepExecution.getStatus());
            lastWrittenExitCode = stepExecution.getExitStatus().getExitCode();
            super.update(stepExecution);
        }

        @Override
        public void updateExecutionContext(StepExecution stepExecution) {
            written.add("context " + stepExecution.getStatus());
            super.updateExecutionContext(stepExecution);
        }
    };
    private final JobRepository repository = BatchedStepBookkeeping.wrap(stored, Duration.ofSeconds(60), ticker::nanos);

    @Test
    void shouldWriteARunningStepsProgressOncePerIntervalAndItsEndAtOnce() {
        // given
        StepExecution step = newStep();

        // when: started, then a chunk every 10 s for 70 s, each counting a read and changing the context
        step.setStatus(BatchStatus.STARTED);
        repository.update(step);
        for (int chunk = 0; chunk < 7; chunk++) {
            ticker.advance(Duration.ofSeconds(10));
            step.setReadCount(chunk + 1);
            step.getExecutionContext().putInt("reader.read", chunk + 1);
            repository.update(step);
            repository.updateExecutionContext(step);
        }
        endAsSpringBatchDoes(step, BatchStatus.COMPLETED, ExitStatus.COMPLETED);

        // then: the start left with the progress; the step written at 60 s, the context at 70 s (a minute after its first
        // change), the end's step once; its context is as written at 70 s
        assertThat(written).containsExactly("step STARTED", "context STARTED", "step COMPLETED");
    }

    @Test
    void shouldWriteTheEndOfAStepStartedHereOnlyAfterItsListenersRan() {
        // given
        StepExecution step = newStep();
        step.setStatus(BatchStatus.STARTED);
        repository.update(step);

        // when: Spring Batch 6 saves the end, then runs the afterStep listeners (which record what the step did)
        step.setStatus(BatchStatus.COMPLETED);
        step.setExitStatus(ExitStatus.COMPLETED);
        repository.update(step);
        repository.updateExecutionContext(step);

        // then: a kill now would leave the step running to a restart (failed and run again), not COMPLETED and skipped
        assertThat(written).doesNotContain("step COMPLETED");

        // when: the listeners ran and changed the exit status; Spring Batch saves the end again
        step.setExitStatus(new ExitStatus("QUOTA_REACHED"));
        repository.update(step);
        repository.updateExecutionContext(step);

        // then: the end is written once, with what the listeners made of it
        assertThat(written).containsOnlyOnce("step COMPLETED");
        assertThat(lastWrittenExitCode).isEqualTo("QUOTA_REACHED");
    }

    @Test
    void shouldWriteAtOnceTheEndOfAStepThisRunDidNotStart() {
        // given: a step a killed run left running, as the next run reads it
        StepExecution step = newStep();

        // when: the next run fails it before restarting the job, with one write
        step.setStatus(BatchStatus.FAILED);
        step.setExitStatus(ExitStatus.FAILED);
        repository.update(step);

        // then
        assertThat(written).containsExactly("step FAILED");
    }

    @Test
    void shouldNotWriteAStepOrContextThatDidNotChange() {
        // given
        StepExecution step = newStep();
        step.setStatus(BatchStatus.COMPLETED);

        // when: Spring Batch saves a step's end, and its context, twice
        repository.updateExecutionContext(step);
        repository.update(step);
        repository.updateExecutionContext(step);
        repository.update(step);

        // then: the context as created is not written again, the end once
        assertThat(written).containsExactly("step COMPLETED");
    }

    /** The two saves of a step's end in {@code AbstractStep.execute} (Spring Batch 6.0.4), its listeners between them. */
    private void endAsSpringBatchDoes(StepExecution step, BatchStatus status, ExitStatus exitStatus) {
        step.setStatus(status);
        step.setExitStatus(exitStatus);
        repository.update(step);
        repository.updateExecutionContext(step);
        repository.update(step);
        repository.updateExecutionContext(step);
    }

    private StepExecution newStep() {
        JobInstance instance = repository.createJobInstance("job", new JobParameters());
        JobExecution job = repository.createJobExecution(instance, new JobParameters(), new ExecutionContext());
        return repository.createStepExecution("generateWorker", job);
    }
}
