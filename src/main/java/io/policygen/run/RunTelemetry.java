package io.policygen.run;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run's side of its metrics: reads where the job stands when the run starts and again when it has ended, and
 * starts the publication in between; when the figures go nowhere, reads nothing (the backlog sums a view over every
 * principal). A database that cannot say leaves the figures as they were: metrics never fail a run.
 */
public final class RunTelemetry {

    private static final Logger log = LoggerFactory.getLogger(RunTelemetry.class);

    private final RunStore runs;
    private final RunStanding standing;
    private final RunPublication publication;

    public RunTelemetry(RunStore runs, RunStanding standing, RunPublication publication) {
        this.runs = runs;
        this.standing = standing;
        this.publication = publication;
    }

    /** With the run lock held and this run's row written. */
    void runStarted() {
        if (publication.active()) {
            read(); // before the first push, which would otherwise replace the last run's figures with nothing
            publication.start();
        }
    }

    /** Once the run's outcome is in its row: the last push (at shutdown) carries it. */
    void runEnded() {
        if (publication.active()) {
            read();
        }
    }

    private void read() {
        try {
            standing.update(runs.history());
            standing.update(runs.backlog());
        } catch (RuntimeException e) {
            log.warn("cannot read the runs' history and backlog for the metrics: {}", PolicygenRun.describe(e));
        }
    }
}
