package io.policygen.cli;

import io.policygen.run.ExitCode;
import io.policygen.PolicygenApplication;
import io.policygen.local.EmbeddedDatabase;
import io.policygen.cli.ReportCommand;
import io.policygen.simulator.JobSettings;
import io.policygen.simulator.Simulator;
import io.policygen.simulator.SimulatorOptions;
import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code demo}: policygen on its embedded defaults, offline from AWS. An embedded PostgreSQL and the simulator
 * start in this JVM; the job runs night after night (the simulated clock moving a day on whenever the daily
 * quota stops it) until every principal has its policy; then the account progress report is printed.
 */
public final class DemoCommand {

    private static final int MAX_NIGHTS = 30;

    private final PrintStream out;
    private final DemoOptions options;

    DemoCommand(DemoOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static int run(String[] args) {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("policygen demo: " + e.getMessage());
            System.err.println(DemoOptions.USAGE);
            return ExitCode.BAD_CONFIGURATION.code();
        }
        if (options.help()) {
            System.out.println(DemoOptions.USAGE);
            return 0;
        }
        return new DemoCommand(options, System.out).demo();
    }

    int demo() {
        try {
            return demoOnce();
        } catch (SQLException e) {
            out.println("policygen demo: cannot print the report: " + e.getMessage());
            return ExitCode.FAILED.code();
        }
    }

    private int demoOnce() throws SQLException {
        long start = System.nanoTime();
        out.println("policygen demo: starting an embedded PostgreSQL and the AWS organization simulator...");
        try (EmbeddedDatabase database = EmbeddedDatabase.startTemporary();
             Simulator simulator = Simulator.start(simulatorOptions())) {
            out.printf("policygen demo: %d accounts, %d principals, generations of %s, daily quota %d per account%n",
                    options.accounts(), simulator.organization().principalCount(), options.generationTime(), options.dailyQuota());
            JobSettings.useManagementCredentials(simulator);
            Map<String, Object> settings = JobSettings.forSimulator(simulator, database.jdbcUrl(), database.user(), database.password());
            settings.put("policygen.generation.daily-quota", options.dailyQuota());
            settings.put("policygen.run.progress-interval", "PT1S");
            settings.put("policygen.run.progress-same-line", "true");
            settings.put("logging.level.io.policygen", "WARN");
            int exitCode = ExitCode.QUOTA_STOPPED.code();
            for (int night = 1; night <= MAX_NIGHTS && exitCode == ExitCode.QUOTA_STOPPED.code(); night++) {
                if (night > 1) {
                    simulator.clock().advance(Duration.ofDays(1));
                }
                out.printf("night %d (%s):%n", night, simulator.clock().instant());
                exitCode = runOnce(settings);
            }
            if (exitCode != ExitCode.COMPLETED.code()) {
                out.println("policygen demo: the last run ended with exit code " + exitCode);
                return exitCode;
            }
            out.printf("policygen demo: done in %d s: every due principal was settled (those that failed are retried"
                    + " by later runs).%n%n", Duration.ofNanos(System.nanoTime() - start).toSeconds());
            ReportCommand.print(database.dataSource(EmbeddedDatabase.DATABASE), "account_progress", "table", out);
            if (options.keep()) {
                keepServing(database);
            }
            return 0;
        }
    }

    private int runOnce(Map<String, Object> settings) {
        List<String> args = new ArrayList<>();
        settings.forEach((name, value) -> args.add("--" + name + "=" + value));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(PolicygenApplication.class)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .run(args.toArray(String[]::new));
        return RunCommand.execute(context);
    }

    private SimulatorOptions simulatorOptions() {
        return SimulatorOptions.builder()
                .seed(options.seed())
                .accounts(options.accounts())
                .principalsPerAccount(options.principalsPerAccount())
                .generationTime(options.generationTime())
                .generationJitter(options.generationTime().dividedBy(4))
                .failureRate(0.03)
                .dailyQuota(options.dailyQuota())
                .build();
    }

    private void keepServing(EmbeddedDatabase database) {
        out.println();
        out.println("The database stays up until you press Ctrl-C:");
        out.printf("  psql -h localhost -p %d -U %s %s%n", database.port(), database.user(), EmbeddedDatabase.DATABASE);
        out.printf("  JDBC URL: %s (user %s)%n", database.jdbcUrl(), database.user());
        out.println("  e.g. select * from report_account_progress;");
        CountDownLatch forever = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(forever::countDown));
        try {
            forever.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
