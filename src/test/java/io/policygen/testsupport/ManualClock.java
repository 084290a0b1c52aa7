package io.policygen.testsupport;

import io.policygen.time.Sleeper;
import io.policygen.time.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that moves only when told, or when code "sleeps" on it: tests never really wait. */
public final class ManualClock extends Clock implements Sleeper, Ticker {

    private volatile Instant now;

    public ManualClock(Instant start) {
        this.now = start;
    }

    public synchronized void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public void sleep(Duration duration) {
        advance(duration);
    }

    @Override
    public long nanos() {
        Instant current = now;
        return current.getEpochSecond() * 1_000_000_000L + current.getNano();
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
