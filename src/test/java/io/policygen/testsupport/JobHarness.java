package io.policygen.testsupport;

import io.policygen.PolicygenApplication;
import io.policygen.cli.RunCommand;
import io.policygen.local.SimulatorJobSettings;
import io.policygen.simulator.Simulator;
import io.policygen.testsupport.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Runs the job as cron would, one Spring context per run (like one process per run), against an in-process
 * simulator over HTTP and a real PostgreSQL. Per-run properties and bean customizations model configuration
 * changes and injected faults.
 */
public final class JobHarness {

    private final Simulator simulator;
    private final TestDatabase database;
    private final Map<String, Object> properties = new TreeMap<>();

    public JobHarness(Simulator simulator, TestDatabase database) {
        this.simulator = simulator;
        this.database = database;
        SimulatorJobSettings.useManagementCredentials(simulator);
        properties.putAll(SimulatorJobSettings.forSimulator(simulator, database.url(), database.user(), database.password()));
    }

    public JobHarness set(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    /** Leaves a setting out, so the job's own default applies. */
    public JobHarness unset(String name) {
        properties.remove(name);
        return this;
    }

    /** Empties policygen's and Spring Batch's tables, for a test that starts from nothing. */
    public void resetDatabase() {
        jdbc().sql("""
                truncate generation, account_region, account_region_deferral, report_setting, principal, account, run, batch_step_execution_context,
                    batch_step_execution, batch_job_execution_context, batch_job_execution_params, batch_job_execution,
                    batch_job_instance cascade""").update();
    }

    public JdbcClient jdbc() {
        return JdbcClient.create(database.dataSource());
    }

    /** One run: starts a context, runs the job, closes the context; returns the exit code. */
    public int run(String... extraArgs) {
        return run(context -> { }, extraArgs);
    }

    /** One run, with something done to the started context first (a bean to break, a listener to add). */
    public int run(Consumer<ConfigurableApplicationContext> beforeRun, String... extraArgs) {
        ConfigurableApplicationContext context;
        try {
            context = start(extraArgs);
        } catch (RuntimeException e) {
            return RunCommand.startupFailure(e);
        }
        beforeRun.accept(context);
        return RunCommand.execute(context);
    }

    public ConfigurableApplicationContext start(String... extraArgs) {
        List<String> args = new ArrayList<>();
        properties.forEach((name, value) -> args.add("--" + name + "=" + value));
        args.addAll(List.of(extraArgs));
        return new SpringApplicationBuilder(PolicygenApplication.class)
                .web(WebApplicationType.NONE)
                .run(args.toArray(String[]::new));
    }

    /** Waits for a condition, failing after the deadline: tests never sleep and hope. */
    public static void await(String what, Duration deadline, BooleanSupplier condition) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + deadline + " waiting for " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
