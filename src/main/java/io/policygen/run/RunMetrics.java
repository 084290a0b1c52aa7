package io.policygen.run;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.policygen.aws.AwsCallMetrics;
import io.policygen.generation.SlotOutcome;

/**
 * The run's figures as Micrometer meters, for whatever registry the deployment exports to (Prometheus, pushed to a
 * Pushgateway: {@code config/prometheus/} has the alerts that read them). The counters are this run's, as its
 * summary line prints them: each run is a process of its own. The gauges say where the job stands across runs.
 */
public final class RunMetrics implements MeterBinder {

    private final CurrentRun run;
    private final AwsCallMetrics aws;
    private final RunStanding standing;

    public RunMetrics(CurrentRun run, AwsCallMetrics aws, RunStanding standing) {
        this.run = run;
        this.aws = aws;
        this.standing = standing;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("policygen.generations.started", run, CurrentRun::generationsStarted).register(registry);
        FunctionCounter.builder("policygen.generations.succeeded", run, CurrentRun::generationsSucceeded).register(registry);
        FunctionCounter.builder("policygen.generations.failed", run, CurrentRun::generationsFailed).register(registry);
        FunctionCounter.builder("policygen.generations.lost", run, CurrentRun::generationsLost).register(registry);
        FunctionCounter.builder("policygen.quota.stops", run, r -> r.count(SlotOutcome.QUOTA_STOPPED)).register(registry);
        FunctionCounter.builder("policygen.aws.calls", aws, AwsCallMetrics::attempts).register(registry);
        FunctionCounter.builder("policygen.aws.throttled", aws, AwsCallMetrics::throttledAttempts).register(registry);
        Gauge.builder("policygen.slot.utilization", run, CurrentRun::slotUtilization).register(registry);
        Gauge.builder("policygen.run.last.exit.code", standing, RunStanding::lastExitCode)
                .description("Exit code of the last finished run (0 done, 3 quota stop, 1 failed, 5 setup problems)").register(registry);
        Gauge.builder("policygen.run.last.success.timestamp", standing, RunStanding::lastSuccessTimestamp).baseUnit("seconds")
                .description("End of the last run that exited 0 or 3 (before any did: start of the first run)").register(registry);
        Gauge.builder("policygen.run.consecutive.failures", standing, RunStanding::failuresInARow)
                .description("Finished runs in a row that exited 1").register(registry);
        Gauge.builder("policygen.principals.due", standing, RunStanding::principalsDue)
                .description("Principals due for a generation (report_account_progress.due)").register(registry);
        Gauge.builder("policygen.principals.deferred", standing, RunStanding::principalsDeferred)
                .description("Due principals in accounts stopped at a quota (report_account_progress.deferred)").register(registry);
    }
}
