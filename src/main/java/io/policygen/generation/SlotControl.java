package io.policygen.generation;

import java.time.Duration;

/** What a slot needs of the run it works in: whether to stop, and a wait that a stop cuts short. */
public interface SlotControl {

    boolean stopRequested();

    boolean pastDeadline();

    /** Stops every slot of the run (the database is gone: nothing more can be recorded). */
    void requestStop(String reason);

    /** Waits, or less when a stop is requested meanwhile. */
    void sleep(Duration duration) throws InterruptedException;
}
