package io.policygen.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * Faults injected into one operation (or all of them).
 *
 * @param errorRate          share of calls answered with the service's own 5xx error
 * @param throttleRate       share of calls answered with the service's own throttling error
 * @param latency            added to every call
 * @param lostStartResponses share of StartPolicyGeneration calls that start the generation and still answer 500,
 *                           as if the response were lost between AWS and the client
 */
public record FaultSettings(double errorRate, double throttleRate, Duration latency, double lostStartResponses) {

    public static final FaultSettings NONE = new FaultSettings(0, 0, Duration.ZERO, 0);

    public FaultSettings {
        Objects.requireNonNull(latency, "latency");
        checkShare("error-rate", errorRate);
        checkShare("throttle-rate", throttleRate);
        checkShare("lost-start-responses", lostStartResponses);
        if (latency.isNegative()) {
            throw new IllegalArgumentException("--latency: must not be negative");
        }
    }

    private static void checkShare(String name, double share) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("--" + name + ": must be 0-1, was " + share);
        }
    }

    public FaultSettings withErrorRate(double share) {
        return new FaultSettings(share, throttleRate, latency, lostStartResponses);
    }

    public FaultSettings withThrottleRate(double share) {
        return new FaultSettings(errorRate, share, latency, lostStartResponses);
    }

    public FaultSettings withLatency(Duration added) {
        return new FaultSettings(errorRate, throttleRate, added, lostStartResponses);
    }

    public FaultSettings withLostStartResponses(double share) {
        return new FaultSettings(errorRate, throttleRate, latency, share);
    }
}
