package io.policygen.generation;

import java.time.Duration;

/** What the slots tell the run as they go: for the progress line, the metrics and the run's summary. */
public interface GenerationEvents {

    GenerationEvents NONE = new GenerationEvents() {
    };

    default void slotOpened(SlotId slot) {
    }

    /** The slot plans to start this many generations in this run (what is due, within its daily budget). */
    default void planned(SlotId slot, int generations) {
    }

    default void started(SlotId slot) {
    }

    /** The status {@link #finished} is told for a generation whose result is lost: not the principal's failure. */
    String LOST = "LOST";

    /**
     * A generation ended with this status, or {@link #LOST} for one whose result Access Analyzer no longer has.
     * {@code startedThisRun} is false for one an earlier run started and this run only settled: the run's own figures
     * count it apart.
     */
    default void finished(SlotId slot, String status, boolean startedThisRun) {
    }

    /** A slot ended: how long it ran, and for how much of that AWS was running one of its generations. */
    default void slotEnded(SlotId slot, SlotOutcome outcome, Duration slotTime, Duration busyTime) {
    }
}
