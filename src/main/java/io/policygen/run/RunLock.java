package io.policygen.run;

import io.policygen.log.LogEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run at a time, across machines: a PostgreSQL session-level advisory lock, held on its own connection for the
 * run's whole life. A killed run's lock goes with its connection, so a crash never leaves the job locked.
 * <p>
 * A database that restarts (a failover) ends every session, this lock's too: the run looks at its connection at an
 * interval ({@link #keepEvery}), which also notices an outage before any statement does, and takes the lock again on a
 * new connection once the database is back; if another run took it meanwhile, this one must stop.
 */
public final class RunLock implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunLock.class);
    /** An arbitrary constant naming policygen's lock among the database's advisory locks. */
    private static final long LOCK_KEY = 0x706f6c6963796765L;

    private final DataSource dataSource;
    private volatile Connection connection;
    private ScheduledExecutorService keeper;

    private RunLock(DataSource dataSource, Connection connection) {
        this.dataSource = dataSource;
        this.connection = connection;
    }

    /** The lock, or null when another run holds it. */
    public static RunLock tryAcquire(DataSource dataSource) throws SQLException {
        Connection connection = take(dataSource);
        return connection == null ? null : new RunLock(dataSource, connection);
    }

    private static Connection take(DataSource dataSource) throws SQLException {
        Connection connection = dataSource.getConnection();
        try (var statement = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
            statement.setLong(1, LOCK_KEY);
            try (var result = statement.executeQuery()) {
                result.next();
                if (result.getBoolean(1)) {
                    return connection;
                }
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        connection.close();
        return null;
    }

    /** Looks at the lock every {@code interval}; {@code lost} is told when another run took it while the database was away. */
    public void keepEvery(Duration interval, Runnable lost) {
        keeper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("run-lock").factory());
        keeper.scheduleWithFixedDelay(() -> {
            if (!keep()) {
                lost.run();
                keeper.shutdown();
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the lock is still this run's, taken again on a new connection when its session ended. */
    boolean keep() {
        try {
            if (connection.isValid(5)) {
                return true;
            }
            closeQuietly(connection);
            LogEvent.warn(log, "run-lock-session-lost").quoted("detail", "its connection no longer answers; taking the lock again").log();
            Connection again = take(dataSource);
            if (again == null) {
                LogEvent.error(log, "run-lock-taken").quoted("detail", "another run took the run lock while the database was away").log();
                return false;
            }
            connection = again;
            LogEvent.info(log, "run-lock-taken-again").log();
            return true;
        } catch (SQLException | RuntimeException e) {
            // the database is away: the outage is the data source's to wait for, or to give up on
            LogEvent.debug(log, "run-lock-check-failed").quoted("detail", e.getMessage()).log();
            return true;
        }
    }

    @Override
    public void close() {
        if (keeper != null) {
            keeper.shutdownNow();
        }
        try (var statement = connection.prepareStatement("select pg_advisory_unlock(?)")) {
            statement.setLong(1, LOCK_KEY);
            statement.execute();
        } catch (SQLException e) {
            // the session is gone, and its lock with it
            LogEvent.debug(log, "run-lock-release-failed").quoted("detail", e.getMessage()).log();
        } finally {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            LogEvent.debug(log, "connection-close-failed").quoted("detail", e.getMessage()).log();
        }
    }
}
