package io.policygen.run;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * One run at a time, across machines: a PostgreSQL session-level advisory lock, held on its own connection for the
 * run's whole life. A killed run's lock goes with its connection, so a crash never leaves the job locked.
 */
public final class RunLock implements AutoCloseable {

    /** An arbitrary constant naming policygen's lock among the database's advisory locks. */
    private static final long LOCK_KEY = 0x706f6c6963796765L;

    private final Connection connection;

    private RunLock(Connection connection) {
        this.connection = connection;
    }

    /** The lock, or null when another run holds it. */
    public static RunLock tryAcquire(DataSource dataSource) throws SQLException {
        Connection connection = dataSource.getConnection();
        try (var statement = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
            statement.setLong(1, LOCK_KEY);
            try (var result = statement.executeQuery()) {
                result.next();
                if (result.getBoolean(1)) {
                    return new RunLock(connection);
                }
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        connection.close();
        return null;
    }

    @Override
    public void close() throws SQLException {
        try (connection; var statement = connection.prepareStatement("select pg_advisory_unlock(?)")) {
            statement.setLong(1, LOCK_KEY);
            statement.execute();
        }
    }
}
