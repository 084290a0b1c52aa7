package io.policygen.store;

import io.policygen.log.Causes;
import io.policygen.log.LogEvent;
import io.policygen.time.Ticker;
import java.io.EOFException;
import java.net.SocketException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.TransactionSystemException;

/**
 * Whether the database is reachable, as the run sees it, and how long the run waits for it to come back. A managed
 * PostgreSQL's failover (or a restart) takes it away for tens of seconds: work that needs it waits and goes on, for up
 * to {@code tolerance} from the first failure. Past that the outage is taken for good: it is <em>gone</em>, every
 * further use fails at once (no connection timeout waited out per statement), and the listeners are told once (the
 * run stops its slots). Outages are only ridden out once the database has been reached: one unreachable at start-up
 * fails the start at once.
 */
public final class DatabaseOutage {

    /** The database has been unreachable for longer than the run waits: nothing can be recorded any more. */
    public static final class DatabaseGoneException extends RuntimeException {
        public DatabaseGoneException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutage.class);
    /** Connection exceptions, and the server shutting down, crashing, or still starting up (PostgreSQL's SQLSTATEs). */
    private static final Set<String> UNREACHABLE_STATES = Set.of("57P01", "57P02", "57P03");

    private final String database;
    private final Duration tolerance;
    private final Ticker ticker;
    private final List<Consumer<String>> goneListeners = new CopyOnWriteArrayList<>();
    private volatile boolean reached;
    private volatile long downSinceNanos;
    private volatile boolean down;
    private volatile Throwable lastFailure;
    private volatile boolean gone;

    /** {@code database}: where it is (host, port, name), for the line that says it is gone. */
    public DatabaseOutage(String database, Duration tolerance, Ticker ticker) {
        this.database = database;
        this.tolerance = tolerance;
        this.ticker = ticker;
    }

    /** Whether this failure says the database is out of reach (rather than a statement's own error). */
    public static boolean isUnreachable(Throwable failure) {
        return Causes.find(failure, Throwable.class, DatabaseOutage::saysUnreachable).isPresent();
    }

    private static boolean saysUnreachable(Throwable cause) {
        // a rollback on a dead connection fails too, and hides the failure that says why
        return cause instanceof TransactionSystemException rollback && rollback.getApplicationException() != null
                        && isUnreachable(rollback.getApplicationException())
                || cause instanceof SQLException sql && sql.getSQLState() != null
                        && (sql.getSQLState().startsWith("08") || UNREACHABLE_STATES.contains(sql.getSQLState()))
                || cause instanceof SocketException
                || cause instanceof EOFException;
    }

    /** Told once, with the line to print, when the database is taken for gone. */
    public void onGone(Consumer<String> listener) {
        goneListeners.add(listener);
    }

    /** It answered. */
    public void reachable() {
        reached = true;
        if (down) {
            down = false;
            LogEvent.warn(log, "database-back").with("database", database)
                    .with("afterSeconds", Math.round((ticker.nanos() - downSinceNanos) / 1e8) / 10.0).log();
        }
    }

    /**
     * It did not answer: the outage starts (or goes on). False when it is not to be waited for: gone, or never reached
     * (start-up).
     */
    public boolean unreachable(Throwable failure) {
        if (!gone) {
            // once gone, failures are this class's own: the cause stays the last one the database gave
            lastFailure = failure;
        }
        if (!reached) {
            return false;
        }
        if (!down) {
            synchronized (this) {
                if (!down && !gone) {
                    downSinceNanos = ticker.nanos();
                    down = true;
                    LogEvent.warn(log, "database-unreachable").with("database", database)
                            .with("waitingUpToSeconds", tolerance.toSeconds()).quoted("detail", rootMessage(failure)).log();
                }
            }
        }
        return !isGone();
    }

    public boolean isDown() {
        return down || gone;
    }

    /** Whether the run has given up on the database; the first call that finds the tolerance passed tells the listeners. */
    public boolean isGone() {
        if (gone) {
            return true;
        }
        if (down && ticker.nanos() - downSinceNanos > tolerance.toNanos()) {
            synchronized (this) {
                if (!gone) {
                    gone = true;
                    String line = message();
                    LogEvent.error(log, "database-gone").with("database", database).quoted("detail", line).log();
                    goneListeners.forEach(listener -> listener.accept(line));
                }
            }
        }
        return gone;
    }

    /** Throws at once once the database is gone. */
    public void failIfGone() {
        if (isGone()) {
            throw new DatabaseGoneException(message(), lastFailure);
        }
    }

    /** The line a user reads: which database, since when, why. */
    public String message() {
        String cause = rootMessage(lastFailure);
        return "the database " + database + " has been unreachable for more than " + tolerance.toSeconds()
                + " s (policygen.run.database-outage-tolerance): " + (cause.endsWith(".") ? cause.substring(0, cause.length() - 1) : cause);
    }

    private static String rootMessage(Throwable failure) {
        if (failure == null) {
            return "no answer";
        }
        Throwable root = Causes.root(failure);
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    /** How long to pause before trying it again. */
    public Duration retryPause() {
        return Duration.ofMillis(500);
    }
}
