package io.policygen.run;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.policygen.aws.AwsCallMetrics;
import io.policygen.generation.SlotOutcome;

/** The run's figures as Micrometer meters, for whatever registry the deployment exports to. */
public final class RunMetrics implements MeterBinder {

    private final CurrentRun run;
    private final AwsCallMetrics aws;

    public RunMetrics(CurrentRun run, AwsCallMetrics aws) {
        this.run = run;
        this.aws = aws;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("policygen.generations.started", run, CurrentRun::generationsStarted).register(registry);
        FunctionCounter.builder("policygen.generations.succeeded", run, CurrentRun::generationsSucceeded).register(registry);
        FunctionCounter.builder("policygen.generations.failed", run, CurrentRun::generationsFailed).register(registry);
        FunctionCounter.builder("policygen.quota.stops", run, r -> r.count(SlotOutcome.QUOTA_STOPPED)).register(registry);
        FunctionCounter.builder("policygen.aws.calls", aws, AwsCallMetrics::attempts).register(registry);
        FunctionCounter.builder("policygen.aws.throttled", aws, AwsCallMetrics::throttledAttempts).register(registry);
        Gauge.builder("policygen.slot.utilization", run, CurrentRun::slotUtilization).register(registry);
    }
}
