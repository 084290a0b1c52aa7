package io.policygen.run;

/**
 * Where the run's figures go while it lasts and when it ends: a Prometheus Pushgateway, or nowhere. Started once
 * the run holds the run lock and has read its standing: a process refused for another run's lock publishes
 * nothing, so it never overwrites the figures of the run that holds it.
 */
public interface RunPublication {

    RunPublication NONE = new RunPublication() {
        @Override
        public boolean active() {
            return false;
        }

        @Override
        public void start() {
        }
    };

    /** Whether the figures go anywhere: without it, nothing needs reading for them. */
    boolean active();

    void start();
}
