package io.policygen.run;

import io.policygen.aws.AwsCallMetrics;
import io.policygen.run.ExitCode;
import io.policygen.generation.GenerationProperties;
import io.policygen.generation.SlotOutcome;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

/**
 * One run of the job, as cron sees it: take the run lock, record the run, restart the last execution if it failed
 * recently or start a new one, and turn the outcome into an exit code.
 */
public final class PolicygenRun {

    private static final Logger log = LoggerFactory.getLogger(PolicygenRun.class);
    private static final EnumSet<BatchStatus> RESTARTABLE = EnumSet.of(BatchStatus.FAILED, BatchStatus.STOPPED);

    private final DataSource dataSource;
    private final RunStore runs;
    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job job;
    private final CurrentRun currentRun;
    private final RunControl control;
    private final RunProperties properties;
    private final AwsCallMetrics metrics;
    private final Clock clock;
    private final GenerationProperties generation;

    public PolicygenRun(DataSource dataSource, RunStore runs, JobOperator jobOperator, JobRepository jobRepository, Job job,
                        CurrentRun currentRun, RunControl control, RunProperties properties, AwsCallMetrics metrics, Clock clock,
                        GenerationProperties generation) {
        this.dataSource = dataSource;
        this.runs = runs;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.job = job;
        this.currentRun = currentRun;
        this.control = control;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
        this.generation = generation;
    }

    public ExitCode execute() throws Exception {
        try (RunLock lock = RunLock.tryAcquire(dataSource)) {
            if (lock == null) {
                String holder = runs.describeRunning().orElse("a run whose row is not visible yet");
                System.err.println("policygen: another run is in progress (" + holder + "); nothing was done");
                return ExitCode.ALREADY_RUNNING;
            }
            runs.failAbandoned(clock.instant());
            long runId = runs.start(clock.instant(), hostName(), ProcessHandle.current().pid());
            runs.recordReportSettings(generation.dailyQuota(), generation.refreshAfter(), generation.maxFailures());
            currentRun.start(runId);
            control.startClock(properties.maxDuration());
            log.info("event=run-started run={}", runId);
            ExitCode exitCode;
            String status;
            String message;
            try (ProgressLine progress = ProgressLine.start(currentRun, System.out, properties.progressInterval(), properties.progressSameLine())) {
                JobExecution execution = launch(runId);
                exitCode = exitCode(execution);
                status = switch (exitCode) {
                    case COMPLETED -> "COMPLETED";
                    case QUOTA_STOPPED -> "QUOTA_STOPPED";
                    default -> control.stopRequested() ? "STOPPED" : "FAILED";
                };
                message = describe(execution);
            } catch (Exception e) {
                exitCode = ExitCode.FAILED;
                status = "FAILED";
                message = describe(e);
                log.error("event=run-failed run={}", runId, e);
            }
            runs.finish(runId, clock.instant(), exitCode, status, message, metrics.attempts(), metrics.throttledAttempts());
            System.out.printf("policygen: run %d ended %s (exit %d): %s; generations started %d, succeeded %d, failed %d;"
                            + " slot utilization %.3f; AWS calls %d, throttled %d%n",
                    runId, status, exitCode.code(), message, currentRun.generationsStarted(), currentRun.generationsSucceeded(),
                    currentRun.generationsFailed(), currentRun.slotUtilization(), metrics.attempts(), metrics.throttledAttempts());
            return exitCode;
        }
    }

    private JobExecution launch(long runId) throws Exception {
        Optional<JobExecution> last = Optional.ofNullable(jobRepository.getLastJobInstance(job.getName()))
                .map(jobRepository::getLastJobExecution);
        if (last.isPresent()) {
            JobExecution previous = last.get();
            // We hold the run lock, so whoever ran it is gone (killed, or cut off from the database):
            // whatever it left running is failed, so that it can be restarted.
            failAbandonedSteps(previous);
            if (previous.isRunning()) {
                previous = jobOperator.recover(previous);
            }
            if (RESTARTABLE.contains(previous.getStatus())) {
                if (recent(previous)) {
                    log.info("event=run-restarting run={} jobExecution={} status={}", runId, previous.getId(), previous.getStatus());
                    JobExecution restarted = jobOperator.restart(previous);
                    runs.recordJobExecution(runId, restarted.getId());
                    return restarted;
                }
                jobOperator.abandon(previous);
            }
        }
        JobExecution execution = jobOperator.start(job, new JobParametersBuilder().addLong("run.id", runId).toJobParameters());
        runs.recordJobExecution(runId, execution.getId());
        return execution;
    }

    private void failAbandonedSteps(JobExecution execution) {
        for (StepExecution step : execution.getStepExecutions()) {
            if (step.getStatus().isRunning()) {
                step.setStatus(BatchStatus.FAILED);
                step.setExitStatus(ExitStatus.FAILED.addExitDescription("abandoned by a run that ended without recording it"));
                step.setEndTime(LocalDateTime.now());
                jobRepository.update(step);
            }
        }
    }

    private boolean recent(JobExecution execution) {
        LocalDateTime created = execution.getCreateTime();
        return created == null || Duration.between(created, LocalDateTime.now()).compareTo(properties.restartWithin()) < 0;
    }

    private ExitCode exitCode(JobExecution execution) {
        if (execution.getStatus() != BatchStatus.COMPLETED || control.stopRequested()
                || currentRun.count(SlotOutcome.UNSETTLED) > 0) {
            return ExitCode.FAILED;
        }
        if (currentRun.count(SlotOutcome.QUOTA_STOPPED) > 0 || currentRun.count(SlotOutcome.DEADLINE) > 0) {
            return ExitCode.QUOTA_STOPPED;
        }
        return ExitCode.COMPLETED;
    }

    private String describe(JobExecution execution) {
        StringBuilder text = new StringBuilder("job execution ").append(execution.getId()).append(' ').append(execution.getStatus());
        if (control.stopRequested()) {
            text.append(", stopped on request (").append(control.stopReason()).append(')');
        }
        text.append(", account slots ").append(currentRun.outcomes());
        List<Throwable> failures = execution.getAllFailureExceptions().stream().filter(f -> !(f instanceof JobInterruptedException)).toList();
        if (!failures.isEmpty()) {
            text.append(", failure: ").append(describe(failures.getFirst()));
        }
        return text.toString();
    }

    /** The exception and, when there is one, its root cause: "Failed to obtain JDBC Connection" says not where. */
    public static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.toString() : e + " (cause: " + root + ")";
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
