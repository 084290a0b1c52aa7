package io.policygen.time;

import java.time.Duration;

/** Waiting, injected so that tests never really wait and a run's stop request can cut a wait short. */
@FunctionalInterface
public interface Sleeper {
    Sleeper SYSTEM = duration -> Thread.sleep(duration);

    void sleep(Duration duration) throws InterruptedException;
}
