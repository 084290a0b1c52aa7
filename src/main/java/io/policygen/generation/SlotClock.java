package io.policygen.generation;

import io.policygen.time.Ticker;
import java.time.Clock;

/** The slot's two times: the AWS clock (request windows, AWS's own timestamps) and a monotonic ticker (waits). */
public record SlotClock(Clock clock, Ticker ticker) {
}
