package io.policygen.store;

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
    private final LongAdder commits = new LongAdder();
    private final LongAdder connections = new LongAdder();
    private final LongAccumulator longestWaitNanos = new LongAccumulator(Math::max, 0);
    private final AtomicLong waitNanos = new AtomicLong();

    void statement() {
        statements.increment();
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

    /** As the run's last log line carries it. */
    @Override
    public String toString() {
        return String.format("statements=%d commits=%d connections=%d longestConnectionWaitMs=%d totalConnectionWaitMs=%d",
                statements(), commits(), connections(), longestWait().toMillis(), totalWait().toMillis());
    }
}
