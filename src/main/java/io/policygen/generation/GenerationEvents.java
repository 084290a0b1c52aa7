package io.policygen.generation;

import java.time.Duration;

/** What the slots tell the run as they go: for the progress line, the metrics and the run's summary. */
public interface GenerationEvents {

    GenerationEvents NONE = new GenerationEvents() {
    };

    /** A slot began, and plans to start this many generations (what is due, within its daily budget). */
    default void slotStarted(int plannedGenerations) {
    }

    default void started() {
    }

    default void finished(String status) {
    }

    /** A slot ended: how long it ran, and for how much of that AWS was running one of its generations. */
    default void slotEnded(SlotOutcome outcome, Duration slotTime, Duration busyTime) {
    }
}
