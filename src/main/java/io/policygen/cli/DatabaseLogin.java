package io.policygen.cli;

import io.policygen.log.Causes;
import io.policygen.run.ExitCode;
import java.net.ConnectException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.postgresql.Driver;

/**
 * One connection to the job's database before anything else, and what its failure means to the user. A login
 * the server refuses, or a database that does not exist, is configuration (exit 2: a scheduler must not retry
 * it); a server out of reach may come back (exit 1).
 */
final class DatabaseLogin {

    /** PostgreSQL's SQLSTATE classes and codes: https://www.postgresql.org/docs/current/errcodes-appendix.html */
    private static final String CONNECTION_EXCEPTION = "08";
    private static final String INVALID_AUTHORIZATION = "28";
    private static final String INVALID_CATALOG_NAME = "3D000";
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    private DatabaseLogin() {
    }

    static void check(DatabaseSettings database) {
        Properties login = new Properties();
        if (database.username() != null) {
            login.setProperty("user", database.username());
        }
        if (database.password() != null) {
            login.setProperty("password", database.password());
        }
        try (Connection connection = new Driver().connect(database.url(), login)) {
            if (connection == null) {
                throw new CommandFailure(ExitCode.BAD_CONFIGURATION, "invalid configuration: spring.datasource.url: must be a"
                        + " PostgreSQL JDBC URL such as jdbc:postgresql://HOST:5432/DB, was '" + database.safeUrl() + "'", null);
            }
        } catch (SQLException e) {
            throw failure(database, e);
        }
    }

    static CommandFailure failure(DatabaseSettings database, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String url = database.safeUrl();
        if (state.startsWith(INVALID_AUTHORIZATION)) {
            return new CommandFailure(ExitCode.BAD_CONFIGURATION, "the database at " + url + " refused the login of user "
                    + database.user() + " (" + firstLine(e) + "): check the user and its password, which "
                    + (database.passwordSource() == null ? "is not set (spring.datasource.password, SPRING_DATASOURCE_PASSWORD)"
                    : "came from " + database.passwordSource()), e);
        }
        if (state.equals(INVALID_CATALOG_NAME)) {
            return new CommandFailure(ExitCode.BAD_CONFIGURATION, firstLine(e) + " at " + url
                    + ": create it (README, \"Database\") or correct spring.datasource.url", e);
        }
        if (state.equals(INSUFFICIENT_PRIVILEGE)) {
            return new CommandFailure(ExitCode.BAD_CONFIGURATION, "user " + database.user() + " lacks a privilege in " + url
                    + " (" + firstLine(e) + "): run policygen as the database's owner", e);
        }
        if (state.startsWith(CONNECTION_EXCEPTION)) {
            return new CommandFailure(ExitCode.FAILED, "cannot reach the database at " + url + ": " + withCause(e), e);
        }
        return new CommandFailure(ExitCode.FAILED, "the database at " + url + " failed: " + withCause(e), e);
    }

    /**
     * "The connection attempt failed." says not why; the root cause (an unknown host, a timeout) does. A refused
     * connection the driver explains itself.
     */
    private static String withCause(Throwable e) {
        Throwable root = Causes.root(e);
        return root == e || root instanceof ConnectException ? firstLine(e) : firstLine(e) + " (" + root + ")";
    }

    /** The server's error without the lines pgjdbc adds to it ("  Position: 14"): the failure is one line. */
    private static String firstLine(Throwable e) {
        return e.getMessage() == null ? e.getClass().getName() : e.getMessage().lines().findFirst().orElse("");
    }
}
