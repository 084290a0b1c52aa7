package io.policygen.cli;

import io.policygen.local.EmbeddedDatabase;
import io.policygen.run.ExitCode;
import io.policygen.local.SimulatorJobSettings;
import io.policygen.simulator.Simulator;
import io.policygen.simulator.SimulatorOptions;
import io.policygen.report.ReportTable;
import io.policygen.report.TableFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;

/**
 * The demo's story: an embedded PostgreSQL and the simulator start in this JVM; the job runs night after night
 * (the simulated clock moving a day on whenever the daily quota stops it) until every principal has its policy;
 * then the account progress report is printed, the five principals with the largest least-privilege gap, the IAM
 * Identity Center permission sets judged over their accounts (two of them, in the simulated organization), and where
 * the gap page and the export were written. What it prints is its own: the embedded server's and Spring's
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
            say("%d accounts, %d principals; a generation takes about %s (longer in the few large accounts,"
                    + " whose CloudTrail writes more log files); each account allows %d a day, so the work"
                    + " takes several nights", options.accounts(), simulator.organization().principalCount(),
                    options.generationTime(), options.dailyQuota());
            int exitCode = nightAfterNight(simulator, settings(simulator, database));
            if (exitCode != ExitCode.COMPLETED.code() && exitCode != ExitCode.SETUP_PROBLEMS.code()) {
                say("the last run ended with exit code %d", exitCode);
                return exitCode;
            }
            say("done in %d s: every due principal was settled (those that failed are retried by later runs).%n",
                    Duration.ofNanos(System.nanoTime() - start).toSeconds());
            printReport(database, "account_progress");
            printGap(database);
            if (exitCode == ExitCode.SETUP_PROBLEMS.code()) {
                out.println();
                say("the last night ended with exit code 5: finished, but accounts need their setup fixed (the demo's"
                        + " organization has one whose member role cannot be assumed, on purpose); report_failures says what to do:");
                printReport(database, "failures");
            }
            if (options.keep()) {
                keepServing(database);
            }
            return ExitCode.COMPLETED.code();
        }
    }

    /**
     * A run a night, the simulated clock a day on between them, while the last one stopped at the quota (exit 3) or
     * finished with accounts to fix (exit 5) but still started generations elsewhere.
     */
    private int nightAfterNight(Simulator simulator, List<String> settings) {
        int exitCode = ExitCode.QUOTA_STOPPED.code();
        int generations = 0;
        boolean workLeft = true;
        for (int night = 1; night <= MAX_NIGHTS && workLeft; night++) {
            if (night > 1) {
                simulator.clock().advance(Duration.ofDays(1));
                say("exit code %d: %s; the simulated clock moves a day on, and the next run resumes", exitCode,
                        exitCode == ExitCode.QUOTA_STOPPED.code() ? "stopped at the daily quota"
                                : "accounts need their setup fixed, and others stopped at the daily quota");
            }
            out.printf("%nnight %d (%s):%n", night, simulator.clock().instant());
            out.flush();
            exitCode = RunCommand.execute(ApplicationStart.start(settings, false), new Console(out, false));
            int startedSoFar = simulator.generations().size();
            workLeft = exitCode == ExitCode.QUOTA_STOPPED.code()
                    || exitCode == ExitCode.SETUP_PROBLEMS.code() && startedSoFar > generations;
            generations = startedSoFar;
        }
        return exitCode;
    }

    private List<String> settings(Simulator simulator, EmbeddedDatabase database) {
        SimulatorJobSettings.useManagementCredentials(simulator);
        Map<String, Object> settings = SimulatorJobSettings.forSimulator(simulator, database.jdbcUrl(), database.user(), database.password());
        settings.put("policygen.generation.daily-quota", options.dailyQuota());
        settings.put("policygen.run.progress-interval", "PT1S");
        // one terminal line rewritten; piped to a file, a line each (a rewritten line there is one line of \r-joined updates)
        settings.put("policygen.run.progress-same-line", String.valueOf(System.console() != null && System.console().isTerminal()));
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
                .permissionSets(2)
                .build();
    }

    private void printReport(EmbeddedDatabase database, String report) {
        try {
            ReportCommand.print(database.dataSource(EmbeddedDatabase.DATABASE), report, "table", out);
        } catch (SQLException e) {
            throw new CommandFailure(ExitCode.FAILED, "demo: cannot print the report: " + e.getMessage(), e);
        }
        out.flush();
    }

    /**
     * The least-privilege gap the last night computed: the five principals that may do the most they never did, and
     * where the gap page and the export went (a directory of their own under the system's temporary directory).
     */
    private void printGap(EmbeddedDatabase database) {
        DataSource dataSource = database.dataSource(EmbeddedDatabase.DATABASE);
        out.println();
        say("the least-privilege gap: the five principals that may do the most they did not (report_privilege_gap):");
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("""
                     select rank, account_id, principal_arn, granted, used, unused, unused_share, score, top_unused_services
                     from report_privilege_gap order by rank limit 5""")) {
            out.print(new TableFormat(80).format(ReportTable.read(rows)));
            printPermissionSets(connection);
            Path directory = Files.createTempDirectory("policygen-demo-");
            Path page = directory.resolve("gap.html");
            StringBuilder html = new StringBuilder();
            ReportCommand.printHtml(dataSource, html);
            Files.writeString(page, html, StandardCharsets.UTF_8);
            say("the gap page (every principal ranked, per-account progress and unused share): %s", page);
            say("%s", ExportCommand.export(dataSource, directory.resolve("export")).replaceFirst("^policygen: ", "the export: "));
        } catch (SQLException | IOException e) {
            throw new CommandFailure(ExitCode.FAILED, "demo: cannot show the least-privilege gap: " + e.getMessage(), e);
        }
        out.flush();
    }

    /** IAM Identity Center's permission sets, each judged over all its accounts' roles. */
    private void printPermissionSets(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("""
                select permission_set, accounts, reviewed, complete, granted, used, unused, unused_share, top_unused_services
                from report_permission_set_gap""")) {
            say("the IAM Identity Center permission sets, each judged over all its accounts (report_permission_set_gap):");
            out.print(new TableFormat(80).format(ReportTable.read(rows)));
        }
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
