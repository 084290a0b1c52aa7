package io.policygen.cli;

import io.policygen.report.ReportFormat;
import io.policygen.report.Reports;
import io.policygen.report.Report;
import io.policygen.run.ExitCode;
import java.io.IOException;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@code report NAME [--format table|csv] [--spring.datasource.url=...]}: prints one report. The database is the
 * job's, found the way the {@code run} command finds it ({@code spring.datasource.url/username/password} from the
 * command line, the environment, application.properties or .yml), but through a bare Spring context: no job, no
 * pool, no migrations. Reading is all it does, in a read-only transaction, so a {@code policygen_reader} login can
 * run it. Without a name it lists the reports. Exit codes: 0 printed (or listed), 2 bad usage or unknown report
 * (the reports are listed), 1 the database failed.
 */
public final class ReportCommand {

    private static final String USAGE = "usage: java -jar policygen.jar report NAME [--format table|csv]"
            + " [--spring.datasource.url=jdbc:postgresql://HOST:PORT/DB]";
    /** PostgreSQL's undefined_table. */
    private static final String UNDEFINED_TABLE = "42P01";
    /** Rows fetched at a time: a CSV export of every principal streams. */
    private static final int FETCH_SIZE = 1000;

    private ReportCommand() {
    }

    public static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Reports reports = Reports.load();
        String name = null;
        String formatName = "table";
        List<String> springArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--format") && i + 1 < args.length) {
                formatName = args[++i];
            } else if (arg.startsWith("--format=")) {
                formatName = arg.substring("--format=".length());
            } else if (arg.equals("-h") || arg.equals("--help")) {
                return list(out, reports);
            } else if (arg.startsWith("--")) {
                springArgs.add(arg);
            } else if (name == null) {
                name = arg;
            } else {
                return usage(err, reports, "one report at a time, not also '" + arg + "'");
            }
        }
        if (name == null) {
            return list(out, reports);
        }
        Optional<Report> report = reports.find(name);
        if (report.isEmpty()) {
            return usage(err, reports, "no report named '" + name + "'");
        }
        Optional<ReportFormat> format = ReportFormat.named(formatName);
        if (format.isEmpty()) {
            return usage(err, reports, "--format must be table or csv, not '" + formatName + "'");
        }
        DataSourceSettings database;
        try {
            database = DataSourceSettings.of(springArgs.toArray(String[]::new));
        } catch (IllegalArgumentException e) { // a ${VARIABLE} that nothing sets
            err.println("policygen: invalid configuration: spring.datasource.*: " + e.getMessage());
            return ExitCode.BAD_CONFIGURATION.code();
        }
        if (database.url() == null || database.url().isBlank()) {
            err.println("policygen: no database: set spring.datasource.url as for the run command"
                    + " (--spring.datasource.url=jdbc:postgresql://HOST:PORT/DB, SPRING_DATASOURCE_URL or application.yml)");
            return ExitCode.BAD_CONFIGURATION.code();
        }
        try {
            print(database.dataSource(), report.get(), format.get(), out);
        } catch (SQLException e) {
            if (UNDEFINED_TABLE.equals(e.getSQLState())) {
                err.println("policygen: " + report.get().name() + " is not in this database (" + database.url()
                        + "): the job's migrations create the reports; run policygen once against it");
            } else {
                err.println("policygen: cannot read " + report.get().name() + " from " + database.url() + ": " + e.getMessage());
            }
            return ExitCode.FAILED.code();
        } finally {
            out.flush();
        }
        return ExitCode.COMPLETED.code();
    }

    /**
     * Prints a report from a database the caller already has (the demo's): {@code name} as {@code report NAME}
     * takes it ({@code account_progress} or {@code report_account_progress}), {@code format} {@code table} or
     * {@code csv}.
     *
     * @throws IllegalArgumentException for an unknown report or format
     */
    public static void print(DataSource dataSource, String name, String format, Appendable out) throws SQLException {
        Reports reports = Reports.load();
        Report report = reports.find(name).orElseThrow(() -> new IllegalArgumentException(
                "no report named '" + name + "'; the reports:\n" + reports.describe()));
        ReportFormat reportFormat = ReportFormat.named(format).orElseThrow(() -> new IllegalArgumentException(
                "format must be table or csv, not '" + format + "'"));
        print(dataSource, report, reportFormat, out);
    }

    private static void print(DataSource dataSource, Report report, ReportFormat format, Appendable out) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setReadOnly(true);
            connection.setAutoCommit(false); // PostgreSQL's driver fetches in batches only inside a transaction
            try (Statement statement = connection.createStatement()) {
                statement.setFetchSize(FETCH_SIZE);
                // the name is one of the known reports, never the user's text
                try (ResultSet rows = statement.executeQuery("select * from " + report.name())) {
                    format.write(rows, out);
                }
            } catch (IOException e) {
                throw new SQLException("cannot write " + report.name() + ": " + e.getMessage(), e);
            } finally {
                connection.rollback();
            }
        }
    }

    /** Without a name: which reports there are, as scripts/report.sh lists them. */
    private static int list(PrintStream out, Reports reports) {
        out.println(USAGE);
        out.print("reports:\n" + reports.describe());
        return ExitCode.COMPLETED.code();
    }

    private static int usage(PrintStream err, Reports reports, String problem) {
        err.println("policygen report: " + problem);
        err.println(USAGE);
        err.print("reports:\n" + reports.describe());
        return ExitCode.BAD_CONFIGURATION.code();
    }

    /** {@code spring.datasource.*} as Spring Boot would resolve them for the job. */
    record DataSourceSettings(String url, String username, String password) {

        static DataSourceSettings of(String[] springArgs) {
            SpringApplication application = new SpringApplication(Settings.class);
            application.setWebApplicationType(WebApplicationType.NONE);
            application.setBannerMode(Banner.Mode.OFF);
            application.setLogStartupInfo(false);
            application.setRegisterShutdownHook(false);
            try (ConfigurableApplicationContext context = application.run(springArgs)) {
                Environment environment = context.getEnvironment();
                return new DataSourceSettings(environment.getProperty("spring.datasource.url"),
                        environment.getProperty("spring.datasource.username"),
                        environment.getProperty("spring.datasource.password"));
            }
        }

        /** A plain JDBC data source: one connection, no pool. */
        DataSource dataSource() {
            return new DriverManagerDataSource(url, username, password);
        }

        @Override
        public String toString() {
            return "DataSourceSettings[url=" + url + ", username=" + username + "]"; // never the password
        }
    }

    /** An empty context: only the environment is wanted. Not a @Configuration, so the job's scan never picks it up. */
    static final class Settings {
    }
}
