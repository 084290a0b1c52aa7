package io.policygen.run;

import io.policygen.aws.AwsCallMetrics;
import io.policygen.aws.CredentialsExpiredException;
import io.policygen.generation.SlotOutcome;
import io.policygen.log.Causes;
import io.policygen.log.LogEvent;
import io.policygen.organization.AccountScopeProblems;
import io.policygen.organization.OrganizationRefusal;
import io.policygen.principal.IamPrincipalReader;
import io.policygen.store.DatabaseAccess;
import io.policygen.store.DatabaseOutage.DatabaseGoneException;
import io.policygen.time.TimeSource;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/**
 * One run of the job, as cron sees it: take the run lock, record the run, start (or restart) the job, and turn the
 * outcome into an exit code and a summary line whose figures are those {@code report_runs} shows.
 */
public final class PolicygenRun {

    private static final Logger log = LoggerFactory.getLogger(PolicygenRun.class);

    /** How often the run lock's connection is looked at: an outage is noticed within it, even while no slot writes. */
    private static final Duration LOCK_CHECK = Duration.ofSeconds(5);

    private final DatabaseAccess database;
    private final RunStore runs;
    private final JobExecutions executions;
    private final CurrentRun currentRun;
    private final RunControl control;
    private final RunProperties properties;
    private final AwsCallMetrics metrics;
    private final TimeSource time;
    private final ReportSettings reportSettings;
    private final RunTelemetry telemetry;
    private final AccountScopeProblems scope;

    public PolicygenRun(DatabaseAccess database, RunStore runs, JobExecutions executions, CurrentRun currentRun, RunControl control,
                        RunProperties properties, AwsCallMetrics metrics, TimeSource time, ReportSettings reportSettings,
                        RunTelemetry telemetry, AccountScopeProblems scope) {
        this.database = database;
        // Without its database the run cannot record anything: every slot stops starting generations.
        database.outage().onGone(control::requestStop);
        this.runs = runs;
        this.executions = executions;
        this.currentRun = currentRun;
        this.control = control;
        this.properties = properties;
        this.metrics = metrics;
        this.time = time;
        this.reportSettings = reportSettings;
        this.telemetry = telemetry;
        this.scope = scope;
    }

    public ExitCode execute() throws Exception {
        try (RunLock lock = RunLock.tryAcquire(database.dataSource())) {
            if (lock == null) {
                String holder = runs.describeRunning().orElse("a run whose row is not visible yet");
                System.err.println("policygen: another run is in progress (" + holder + "); nothing was done");
                return ExitCode.ALREADY_RUNNING;
            }
            lock.keepEvery(LOCK_CHECK, () -> control.requestStop("another run took the run lock while the database was away"));
            runs.failAbandoned(time.clock().instant());
            long runId = runs.start(time.clock().instant(), hostName(), ProcessHandle.current().pid());
            runs.recordReportSettings(reportSettings);
            currentRun.start(runId);
            telemetry.runStarted();
            control.startClock(properties.maxDuration());
            LogEvent.info(log, "run-started").with("run", runId).log();
            ExitCode exitCode;
            String status;
            String message;
            try (ProgressLine progress = ProgressLine.start(currentRun, time.ticker(), System.out, properties.progressInterval(),
                    properties.progressSameLine())) {
                JobExecution execution = executions.launch(runId);
                runs.recordJobExecution(runId, execution.getId());
                List<String> scopeProblems = execution.getStatus() == BatchStatus.COMPLETED ? scope.find() : List.of();
                scopeProblems.forEach(problem -> LogEvent.warn(log, "account-scope-problem").quoted("detail", problem).log());
                exitCode = exitCode(execution, scopeProblems.size());
                status = switch (exitCode) {
                    case COMPLETED -> "COMPLETED";
                    case QUOTA_STOPPED -> "QUOTA_STOPPED";
                    case SETUP_PROBLEMS -> "SETUP_PROBLEMS";
                    default -> control.stopRequested() ? "STOPPED" : "FAILED";
                };
                message = describe(execution, scopeProblems);
            } catch (Exception e) {
                exitCode = ExitCode.FAILED;
                status = "FAILED";
                message = describe(e);
                LogEvent.error(log, "run-failed").with("run", runId).cause(e).log();
            }
            database.use().log(LogEvent.info(log, "database-use").with("run", runId)).log();
            if (database.outage().isGone()) {
                throw new DatabaseGoneException(database.outage().message(), null);
            }
            runs.finish(runId, time.clock().instant(), exitCode, status, message, metrics.attempts(), metrics.throttledAttempts());
            telemetry.runEnded();
            LogEvent.info(log, "run-finished").with("run", runId).with("status", status).with("exitCode", exitCode.code())
                    .with("generationsStarted", currentRun.generationsStarted())
                    .with("generationsSucceeded", currentRun.generationsSucceeded())
                    .with("generationsFailed", currentRun.generationsFailed())
                    .with("generationsLost", currentRun.generationsLost())
                    .with("awsCalls", metrics.attempts()).with("throttledCalls", metrics.throttledAttempts()).log();
            System.out.println(summary(runId, status, exitCode, message));
            return exitCode;
        }
    }

    private String summary(long runId, String status, ExitCode exitCode, String message) {
        StringBuilder line = new StringBuilder(String.format("policygen: run %d ended %s (exit %d): %s; generations started %d,"
                        + " succeeded %d, failed %d", runId, status, exitCode.code(), message, currentRun.generationsStarted(),
                currentRun.generationsSucceeded(), currentRun.generationsFailed()));
        if (currentRun.generationsLost() > 0) {
            line.append(String.format(", lost %d", currentRun.generationsLost()));
        }
        if (currentRun.generationsSettledFromEarlierRuns() > 0) {
            line.append(String.format(" (and %d started by earlier runs settled)", currentRun.generationsSettledFromEarlierRuns()));
        }
        return line.append(String.format("; slot utilization %.3f; AWS calls %d, throttled %d",
                currentRun.slotUtilization(), metrics.attempts(), metrics.throttledAttempts())).toString();
    }

    private ExitCode exitCode(JobExecution execution, int scopeProblems) {
        if (execution.getStatus() != BatchStatus.COMPLETED && !control.stopRequested()
                && JobSteps.failures(execution).stream().anyMatch(f -> OrganizationRefusal.in(f.getValue()).isPresent())) {
            // the whole organization's setup: a rerun cannot mend it, so the examples do not retry it
            return ExitCode.SETUP_PROBLEMS;
        }
        if (execution.getStatus() != BatchStatus.COMPLETED || control.stopRequested()
                || currentRun.count(SlotOutcome.UNSETTLED) > 0 || !JobSteps.partitionsEnded(execution, IamPrincipalReader.LISTING_FAILED).isEmpty()) {
            return ExitCode.FAILED;
        }
        if (setupProblems() + scopeProblems > 0) {
            return ExitCode.SETUP_PROBLEMS;
        }
        if (currentRun.count(SlotOutcome.QUOTA_STOPPED) > 0 || currentRun.count(SlotOutcome.DEADLINE) > 0) {
            return ExitCode.QUOTA_STOPPED;
        }
        return ExitCode.COMPLETED;
    }

    /** Slots stopped for their setup in this run, and accounts the member role cannot enter. */
    private int setupProblems() {
        return currentRun.count(SlotOutcome.SETUP_FAILED) + currentRun.count(SlotOutcome.FAILING) + runs.unenterableAccounts();
    }

    private String describe(JobExecution execution, List<String> scopeProblems) {
        StringBuilder text = new StringBuilder("job execution ").append(execution.getId()).append(' ').append(execution.getStatus());
        if (control.stopRequested()) {
            text.append(", stopped on request (").append(control.stopReason()).append(')');
        }
        text.append(", slots ").append(currentRun.outcomes());
        int unenterable = runs.unenterableAccounts();
        int stopped = currentRun.count(SlotOutcome.SETUP_FAILED) + currentRun.count(SlotOutcome.FAILING);
        if (unenterable + stopped > 0) {
            text.append(", ").append(unenterable + stopped)
                    .append(unenterable + stopped == 1 ? " account needs its setup fixed (" : " accounts need their setup fixed (")
                    .append(unenterable).append(" cannot be entered, ").append(stopped)
                    .append(" stopped generating; see report_failures)");
        }
        scopeProblems.forEach(problem -> text.append(", ").append(problem));
        // listings cut short and slots left unsettled make the run exit 1 though the job completed: say why, as the
        // first of them said it
        for (var ended : List.of(Map.entry(IamPrincipalReader.LISTING_FAILED, "listing failed"), Map.entry(SlotOutcome.UNSETTLED.name(), "unsettled"))) {
            List<StepExecution> steps = JobSteps.partitionsEnded(execution, ended.getKey());
            steps.stream().findFirst().ifPresent(step -> text.append(", ").append(ended.getValue()).append(" in ")
                    .append(JobSteps.where(step.getStepName())).append(JobSteps.more(steps.size())).append(": ")
                    .append(step.getExitStatus().getExitDescription()));
        }
        List<Map.Entry<String, Throwable>> failures = JobSteps.failures(execution);
        // a partitioned step's own failure only says that a partition failed: the partition's says where and why
        List<Map.Entry<String, Throwable>> partitions = failures.stream().filter(f -> JobSteps.isPartition(f.getKey())).toList();
        (partitions.isEmpty() ? failures : partitions).stream().findFirst()
                .map(failure -> " in " + JobSteps.where(failure.getKey()) + JobSteps.more(partitions.size()) + ": " + describe(failure.getValue()))
                .or(() -> execution.getFailureExceptions().stream().filter(JobSteps::isFailure)
                        .map(failure -> ": " + describe(failure)).findFirst())
                .ifPresent(failure -> text.append(", failure").append(failure));
        return text.toString();
    }

    /**
     * The exception and, when there is one, its root cause: "Failed to obtain JDBC Connection" says not where. Spring
     * Batch's wrappers ("Unable to process chunk") are passed over for what they wrap, such as the AWS SDK's failure
     * naming the endpoint.
     */
    public static String describe(Throwable e) {
        var explained = CredentialsExpiredException.in(e).map(Throwable::getMessage).or(() -> OrganizationRefusal.in(e));
        if (explained.isPresent()) {
            return explained.get();
        }
        Throwable top = e;
        while (top.getCause() != null && top.getCause() != top && top.getClass().getName().startsWith("org.springframework.batch.")) {
            top = top.getCause();
        }
        Throwable root = Causes.root(top);
        return root == top ? top.toString() : top + " (cause: " + root + ")";
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
