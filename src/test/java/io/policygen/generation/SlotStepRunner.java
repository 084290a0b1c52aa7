package io.policygen.generation;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.ResourcelessJobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;

/** Runs one slot as the generate step's worker does (a chunk step of one, its listener), outside a job. */
final class SlotStepRunner {

    private SlotStepRunner() {
    }

    static StepExecution run(GenerationSlot slot) {
        JobRepository repository = new ResourcelessJobRepository();
        Step step = new StepBuilder("generateWorker", repository)
                .<DuePrincipal, DuePrincipal>chunk(1)
                .transactionManager(new ResourcelessTransactionManager())
                .reader(slot.reader())
                .writer(slot.writer())
                .listener(slot.listener())
                .build();
        JobParameters parameters = new JobParameters();
        JobInstance instance = repository.createJobInstance("slotTest", parameters);
        JobExecution job = repository.createJobExecution(instance, parameters, new ExecutionContext());
        StepExecution execution = repository.createStepExecution("generateWorker", job);
        try {
            step.execute(execution);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return execution;
    }
}
