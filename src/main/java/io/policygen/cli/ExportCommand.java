package io.policygen.cli;

import io.policygen.gap.ActionCatalog;
import io.policygen.gap.ExportSummary;
import io.policygen.gap.GapCalculator;
import io.policygen.gap.GapStore;
import io.policygen.gap.PolicyExport;
import io.policygen.gap.StoredExport;
import io.policygen.run.ExitCode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code export --dir DIR}: per principal its generated policy ready to attach and its gap, and an index, written by
 * {@link StoredExport} for a repository (the same data gives the same bytes). The database is found as {@code report}
 * finds it; the export reads the tables (policies, generations), so it runs as the job's user, not as
 * {@code policygen_reader}, in one read-only transaction (one snapshot, whatever a run does meanwhile). Exit codes:
 * 0 written, 2 bad usage or a refused login, 1 the database or the directory failed.
 */
@Command(name = "export", mixinStandardHelpOptions = true, versionProvider = Version.class,
        customSynopsis = "policygen export --dir DIR [--verbose] [--NAME=VALUE...]",
        description = {"Writes every principal's generated policy and least-privilege gap to files.",
                "The files: DIR/ACCOUNT/role/PATH.../NAME.json (the policy, ready to attach), NAME.gap.json",
                "beside it, per IAM Identity Center permission set DIR/permission-sets/NAME.json",
                "(the policy of all its roles, for the permission set; their own role cannot be",
                "changed; one too long for the set's inline policy also cut into customer managed",
                "policies, DIR/permission-sets/NAME/part-N.json), and DIR/index.json. The same",
                "data gives byte-identical files, so a",
                "nightly commit's diff shows what changed; files of principals gone are removed.",
                "The database is the run command's, given the same ways (see report --help).", ""})
final class ExportCommand implements Callable<Integer> {

    private static final int PAGE_SIZE = 500;

    @Option(names = "--dir", paramLabel = "DIR", required = true, description = "The directory to write (created if missing):"
            + " new, empty, or an earlier export's; one holding account directories but no index.json is refused.")
    private Path dir;

    @Mixin
    private Verbosity verbosity;

    @Unmatched
    private List<String> arguments = new ArrayList<>();

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new ParameterException(spec.commandLine(), "--dir " + dir + " is not a directory");
        }
        try {
            Optional<String> refused = PolicyExport.refusal(dir);
            if (refused.isPresent()) {
                throw new ParameterException(spec.commandLine(), "--dir " + refused.get());
            }
        } catch (IOException e) {
            throw FileFailure.of("export: cannot read " + dir, e);
        }
        DatabaseSettings database = ReportCommand.settings(SpringArguments.of(arguments, spec.commandLine())).requireUrl();
        PrintWriter out = spec.commandLine().getOut();
        try {
            out.println(export(database.dataSource(), dir));
        } catch (SQLException e) {
            throw DatabaseLogin.failure(database, e);
        } catch (DataAccessException e) {
            throw e.getCause() instanceof SQLException sql ? DatabaseLogin.failure(database, sql)
                    : new CommandFailure(ExitCode.FAILED, "export: the database at " + database.safeUrl() + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw FileFailure.of("export: cannot write " + dir, e);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCode.FAILED, "export: cannot write " + dir + ": " + e.getMessage(), e);
        } finally {
            out.flush();
        }
        return ExitCode.COMPLETED.code();
    }

    /** Writes the export from a database the caller already has (the demo's); returns the line that says what it did. */
    static String export(DataSource dataSource, Path dir) throws SQLException, IOException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setReadOnly(true);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setAutoCommit(false);
            try {
                ActionCatalog catalog = ActionCatalog.bundled();
                StoredExport export = new StoredExport(new JdbcTemplate(new SingleConnectionDataSource(connection, true)),
                        new GapCalculator(catalog), GapStore.catalogVersion(catalog), PAGE_SIZE);
                ExportSummary summary = export.write(dir);
                int stale = export.stale();
                return String.format("policygen: exported %,d principals to %s: %,d files, %,d written, %,d removed%s",
                        summary.principals(), dir.toAbsolutePath().normalize(), summary.files(), summary.written(), summary.removed(),
                        stale == 0 ? "" : String.format("; %,d of them changed since the job last computed their gaps (the"
                                + " report views show the earlier figures until the next run)", stale));
            } finally {
                connection.rollback();
            }
        }
    }
}
