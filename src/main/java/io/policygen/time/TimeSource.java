package io.policygen.time;

import java.time.Clock;

/**
 * The job's two times, injected together: the AWS clock (request windows, AWS's own timestamps, the run table; the
 * simulator's clock when the job runs against it) and a monotonic ticker (waits, rate limits, the deadline).
 */
public record TimeSource(Clock clock, Ticker ticker) {
}
