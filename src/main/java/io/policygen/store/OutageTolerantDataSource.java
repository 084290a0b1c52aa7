package io.policygen.store;

import io.policygen.time.Sleeper;
import io.policygen.time.Ticker;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The pool as the application sees it. While the database is unreachable ({@link DatabaseOutage}) one caller at a time
 * tries it again and the others wait, instead of thousands of waiting slots each waiting out the pool's connection
 * timeout; once it is gone, every caller fails at once. A pool merely busy (every connection lent, the database up)
 * is waited for up to {@code busyPatience}. Every connection is counted, and the statements made on it
 * ({@link DatabaseUse}).
 */
public final class OutageTolerantDataSource extends DelegatingDataSource {

    private final DatabaseOutage outage;
    private final DatabaseUse use;
    private final Duration busyPatience;
    private final Ticker ticker;
    private final Sleeper sleeper;
    private final ReentrantLock probe = new ReentrantLock();

    public OutageTolerantDataSource(DataSource pool, DatabaseOutage outage, DatabaseUse use, Duration busyPatience,
                                    Ticker ticker, Sleeper sleeper) {
        super(pool);
        this.outage = outage;
        this.use = use;
        this.busyPatience = busyPatience;
        this.ticker = ticker;
        this.sleeper = sleeper;
    }

    @Override
    public Connection getConnection() throws SQLException {
        long start = ticker.nanos();
        while (true) {
            if (outage.isGone()) {
                throw new SQLTransientConnectionException(outage.message(), "08006");
            }
            boolean probing = false;
            if (outage.isDown()) {
                probing = probe.tryLock();
                if (!probing) {
                    pause();
                    continue;
                }
            }
            try {
                Connection connection = obtainTargetDataSource().getConnection();
                outage.reachable();
                use.borrowed(ticker.nanos() - start);
                return counted(connection);
            } catch (SQLException e) {
                boolean busy = e instanceof SQLTransientConnectionException && !DatabaseOutage.isUnreachable(e);
                if (busy ? ticker.nanos() - start > busyPatience.toNanos() : !outage.unreachable(e)) {
                    throw e;
                }
            } finally {
                if (probing) {
                    probe.unlock();
                }
            }
            pause();
        }
    }

    private void pause() throws SQLException {
        try {
            sleeper.sleep(outage.retryPause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLTransientConnectionException("interrupted while waiting for the database", "08006", e);
        }
    }

    /** The connection, counting what is asked of it; everything else goes through as is. */
    private Connection counted(Connection connection) {
        AtomicBoolean lost = new AtomicBoolean();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        // the driver's own connection is asked for by COPY alone (discovery's new principals)
                        case "prepareStatement", "createStatement", "prepareCall", "unwrap" -> use.statement();
                        case "commit" -> use.commit();
                        case "equals" -> {
                            return proxy == args[0];
                        }
                        case "hashCode" -> {
                            return System.identityHashCode(proxy);
                        }
                        default -> {
                        }
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        Throwable failure = e.getCause();
                        if (DatabaseOutage.isUnreachable(failure)) {
                            lost.set(true);
                            outage.unreachable(failure);
                        } else if (lost.get() && failure instanceof SQLException closed) {
                            // the pool closes a connection that lost the database, and what is asked of it next (the
                            // rollback after a failed commit) fails with no SQLState: say why, so the work is done again
                            throw new SQLNonTransientConnectionException(closed.getMessage() + " (it lost the database)", "08003", closed);
                        }
                        throw failure;
                    }
                });
    }
}
