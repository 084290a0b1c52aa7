package io.policygen.cli;

import io.policygen.local.EmbeddedDatabase;
import io.policygen.run.ExitCode;
import io.policygen.simulator.JobSettings;
import io.policygen.simulator.Simulator;
import io.policygen.simulator.SimulatorOptions;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The demo's story: an embedded PostgreSQL and the simulator start in this JVM; the job runs night after night
 * (the simulated clock moving a day on whenever the daily quota stops it) until every principal has its policy;
 * then the account progress report is printed. What it prints is its own: the embedded server's and Spring's
 * logs stay quiet.
 */
final class Demo {

    private static final int MAX_NIGHTS = 30;

    private final DemoOptions options;
    private final PrintWriter out;

    Demo(DemoOptions options, PrintWriter out) {
        this.options = options;
        this.out = out;
    }

    int run() {
        long start = System.nanoTime();
        say("starting an embedded PostgreSQL and a simulated AWS Organization in this JVM (nothing is sent to AWS)...");
        try (EmbeddedDatabase database = EmbeddedDatabase.startTemporary();
             Simulator simulator = Simulator.start(simulatorOptions())) {
            say("%d accounts, %d principals; a generation takes about %s; each account allows %d a day, so the work"
                    + " takes several nights", options.accounts(), simulator.organization().principalCount(),
                    options.generationTime(), options.dailyQuota());
            int exitCode = nightAfterNight(simulator, settings(simulator, database));
            if (exitCode != ExitCode.COMPLETED.code()) {
                say("the last run ended with exit code %d", exitCode);
                return exitCode;
            }
            say("done in %d s: every due principal was settled (those that failed are retried by later runs).%n",
                    Duration.ofNanos(System.nanoTime() - start).toSeconds());
            printProgress(database);
            if (options.keep()) {
                keepServing(database);
            }
            return ExitCode.COMPLETED.code();
        }
    }

    private int nightAfterNight(Simulator simulator, List<String> settings) {
        int exitCode = ExitCode.QUOTA_STOPPED.code();
        for (int night = 1; night <= MAX_NIGHTS && exitCode == ExitCode.QUOTA_STOPPED.code(); night++) {
            if (night > 1) {
                simulator.clock().advance(Duration.ofDays(1));
                say("exit code 3: stopped at the daily quota; the simulated clock moves a day on, and the next run resumes");
            }
            out.printf("%nnight %d (%s):%n", night, simulator.clock().instant());
            out.flush();
            exitCode = RunCommand.execute(ApplicationStart.start(settings, false), new Console(out, false));
        }
        return exitCode;
    }

    private List<String> settings(Simulator simulator, EmbeddedDatabase database) {
        JobSettings.useManagementCredentials(simulator);
        Map<String, Object> settings = JobSettings.forSimulator(simulator, database.jdbcUrl(), database.user(), database.password());
        settings.put("policygen.generation.daily-quota", options.dailyQuota());
        settings.put("policygen.run.progress-interval", "PT1S");
        settings.put("policygen.run.progress-same-line", "true");
        settings.put("logging.level.io.policygen", "WARN");
        List<String> arguments = new ArrayList<>();
        settings.forEach((name, value) -> arguments.add("--" + name + "=" + value));
        return arguments;
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

    private void printProgress(EmbeddedDatabase database) {
        try {
            ReportCommand.print(database.dataSource(EmbeddedDatabase.DATABASE), "account_progress", "table", out);
        } catch (SQLException e) {
            throw new CommandFailure(ExitCode.FAILED, "demo: cannot print the report: " + e.getMessage(), e);
        }
        out.flush();
    }

    private void keepServing(EmbeddedDatabase database) {
        out.println();
        out.println("The database stays up until you press Ctrl-C:");
        out.printf("  psql -h localhost -p %d -U %s %s%n", database.port(), database.user(), EmbeddedDatabase.DATABASE);
        out.printf("  JDBC URL: %s (user %s)%n", database.jdbcUrl(), database.user());
        out.println("  e.g. select * from report_account_progress;");
        out.flush();
        CountDownLatch forever = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(forever::countDown));
        try {
            forever.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void say(String format, Object... arguments) {
        out.printf("policygen demo: " + format + "%n", arguments);
        out.flush();
    }
}
