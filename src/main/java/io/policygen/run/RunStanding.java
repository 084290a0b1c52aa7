package io.policygen.run;

import java.time.Instant;

/**
 * Where the job stands across runs, for the gauges: the finished runs' {@link RunHistory} and the {@link Backlog}.
 * Read from the database when the run starts and again when it has ended, so that a metrics push (while the run
 * lasts, and at its end) never waits on the database; NaN until first read.
 */
public final class RunStanding {

    private volatile RunHistory history;
    private volatile Backlog backlog;

    void update(RunHistory history) {
        this.history = history;
    }

    void update(Backlog backlog) {
        this.backlog = backlog;
    }

    public double lastExitCode() {
        RunHistory h = history;
        return h == null || h.lastExitCode() == null ? Double.NaN : h.lastExitCode();
    }

    /** Seconds since the epoch, as Prometheus's {@code time()}. */
    public double lastSuccessTimestamp() {
        RunHistory h = history;
        Instant at = h == null ? null : h.lastSuccessAt();
        return at == null ? Double.NaN : at.toEpochMilli() / 1000.0;
    }

    public double failuresInARow() {
        RunHistory h = history;
        return h == null ? Double.NaN : h.failuresInARow();
    }

    public double principalsDue() {
        Backlog b = backlog;
        return b == null ? Double.NaN : b.due();
    }

    public double principalsDeferred() {
        Backlog b = backlog;
        return b == null ? Double.NaN : b.deferred();
    }
}
