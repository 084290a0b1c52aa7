package io.policygen.time;

/** A monotonic nanosecond time source, injected so that rate limits can be tested without waiting. */
@FunctionalInterface
public interface Ticker {
    Ticker SYSTEM = System::nanoTime;

    long nanos();
}
