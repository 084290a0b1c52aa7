package io.policygen.store;

import io.policygen.log.LogEvent;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the run asked of its database, counted where connections are handed out: statements (each one prepared or
 * created: a batch of rows is one), transactions committed, connections borrowed from the pool and the longest wait for
 * one. Spring Batch's bookkeeping is counted with the job's own statements: it goes through the same pool.
 */
public final class DatabaseUse {

    private final LongAdder statements = new LongAdder();
    private final LongAdder bookkeeping = new LongAdder();
    /** Depth of Spring Batch repository calls on this thread: their statements are its bookkeeping. */
    private final ThreadLocal<int[]> inBookkeeping = ThreadLocal.withInitial(() -> new int[1]);
    private final LongAdder commits = new LongAdder();
    private final LongAdder connections = new LongAdder();
    private final LongAccumulator longestWaitNanos = new LongAccumulator(Math::max, 0);
    private final AtomicLong waitNanos = new AtomicLong();

    void statement() {
        statements.increment();
        if (inBookkeeping.get()[0] > 0) {
            bookkeeping.increment();
        }
    }

    /** Runs Spring Batch's own repository work, its statements counted apart as well. */
    public <T> T bookkeeping(java.util.concurrent.Callable<T> work) throws Exception {
        int[] depth = inBookkeeping.get();
        depth[0]++;
        try {
            return work.call();
        } finally {
            depth[0]--;
        }
    }

    /** Of the statements, Spring Batch's bookkeeping (its job repository's). */
    public long bookkeepingStatements() {
        return bookkeeping.sum();
    }

    void commit() {
        commits.increment();
    }

    void borrowed(long waitedNanos) {
        connections.increment();
        longestWaitNanos.accumulate(waitedNanos);
        waitNanos.addAndGet(waitedNanos);
    }

    public long statements() {
        return statements.sum();
    }

    public long commits() {
        return commits.sum();
    }

    public long connections() {
        return connections.sum();
    }

    public Duration longestWait() {
        return Duration.ofNanos(longestWaitNanos.get());
    }

    public Duration totalWait() {
        return Duration.ofNanos(waitNanos.get());
    }

    /** Adds the figures to the run's last log event, as fields. */
    public LogEvent log(LogEvent event) {
        return event.with("statements", statements()).with("bookkeepingStatements", bookkeepingStatements())
                .with("commits", commits()).with("connections", connections())
                .with("longestConnectionWaitMs", longestWait().toMillis()).with("totalConnectionWaitMs", totalWait().toMillis());
    }

    /** As the run's last log line carries it. */
    @Override
    public String toString() {
        return String.format("statements=%d bookkeepingStatements=%d commits=%d connections=%d longestConnectionWaitMs=%d"
                        + " totalConnectionWaitMs=%d", statements(), bookkeepingStatements(), commits(), connections(),
                longestWait().toMillis(), totalWait().toMillis());
    }
}
