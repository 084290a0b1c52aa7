package io.policygen.run;

import io.policygen.log.LogEvent;
import io.policygen.principal.IamPrincipalReader;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Starts the job for a run: the last execution again when it failed or stopped within {@code restartWithin} (Spring
 * Batch restarts it where it stopped), a new one otherwise. Not when the settings its discovery applied have changed
 * since: a restart skips the steps it completed and would go on with the accounts and principals the old settings
 * chose (an account excluded at 3 a.m. after a failed run would be worked again); nor when an account's listing failed
 * in it (a restart would not list it again). A new execution is safe at any time:
 * what a run did is in policygen's tables, not Spring Batch's. Called only while holding the run lock, so whatever the
 * last execution left running was abandoned by a run that is gone.
 */
public final class JobExecutions {

    private static final Logger log = LoggerFactory.getLogger(JobExecutions.class);
    private static final EnumSet<BatchStatus> RESTARTABLE = EnumSet.of(BatchStatus.FAILED, BatchStatus.STOPPED);

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job job;
    private final Duration restartWithin;
    private final DiscoverySettings settings;
    /** Spring Batch records its times by the machine's clock (not the AWS clock, which the simulator may move on). */
    private final Clock machineClock;

    public JobExecutions(JobOperator jobOperator, JobRepository jobRepository, Job job, Duration restartWithin,
                         DiscoverySettings settings, Clock machineClock) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.job = job;
        this.restartWithin = restartWithin;
        this.settings = settings;
        this.machineClock = machineClock;
    }

    public JobExecution launch(long runId) throws Exception {
        Optional<JobExecution> last = Optional.ofNullable(jobRepository.getLastJobInstance(job.getName()))
                .map(jobRepository::getLastJobExecution);
        if (last.isPresent()) {
            JobExecution previous = last.get();
            failAbandonedSteps(previous);
            if (previous.isRunning()) {
                previous = jobOperator.recover(previous);
            }
            if (RESTARTABLE.contains(previous.getStatus())) {
                if (recent(previous)) {
                    List<String> changed = settings.changedSince(previous.getJobParameters().getString(DiscoverySettings.PARAMETER));
                    List<StepExecution> unlisted = JobSteps.partitionsEnded(previous, IamPrincipalReader.LISTING_FAILED);
                    if (changed.isEmpty() && unlisted.isEmpty()) {
                        LogEvent.info(log, "run-restarting").with("run", runId).with("jobExecution", previous.getId())
                                .with("status", previous.getStatus()).log();
                        return jobOperator.restart(previous);
                    }
                    String why = changed.isEmpty() ? "the listing failed in " + JobSteps.where(unlisted.getFirst().getStepName())
                            + JobSteps.more(unlisted.size()) + " in that execution"
                            : "settings discovery applies changed since that execution (" + String.join(", ", changed) + ")";
                    LogEvent.warn(log, "run-not-restarted").with("run", runId).with("jobExecution", previous.getId())
                            .with("status", previous.getStatus()).quoted("detail", why
                                    + ": a new one lists the accounts and principals again; what the last one did stays done")
                            .log();
                }
                jobOperator.abandon(previous);
            }
        }
        return jobOperator.start(job, new JobParametersBuilder().addLong("run.id", runId)
                .addString(DiscoverySettings.PARAMETER, settings.encoded(), false).toJobParameters());
    }

    private void failAbandonedSteps(JobExecution execution) {
        for (StepExecution step : execution.getStepExecutions()) {
            if (step.getStatus().isRunning()) {
                step.setStatus(BatchStatus.FAILED);
                step.setExitStatus(ExitStatus.FAILED.addExitDescription("abandoned by a run that ended without recording it"));
                step.setEndTime(LocalDateTime.now(machineClock));
                jobRepository.update(step);
            }
        }
    }

    private boolean recent(JobExecution execution) {
        LocalDateTime created = execution.getCreateTime();
        return created == null || Duration.between(created, LocalDateTime.now(machineClock)).compareTo(restartWithin) < 0;
    }
}
