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
 * @param unreadableFor      how long after its start GetGeneratedPolicy still answers a generation
 *                           ResourceNotFoundException: a read served by a store the start has not reached yet, as
 *                           AWS's eventually consistent APIs can (not documented for Access Analyzer; modelled so a
 *                           job can be shown not to take a generation of its own for lost)
 */
public record FaultSettings(double errorRate, double throttleRate, Duration latency, double lostStartResponses,
                            Duration unreadableFor) {

    public static final FaultSettings NONE = new FaultSettings(0, 0, Duration.ZERO, 0, Duration.ZERO);

    public FaultSettings {
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(unreadableFor, "unreadableFor");
        checkShare("error-rate", errorRate);
        checkShare("throttle-rate", throttleRate);
        checkShare("lost-start-responses", lostStartResponses);
        if (latency.isNegative()) {
            throw new IllegalArgumentException("--latency: must not be negative");
        }
        if (unreadableFor.isNegative()) {
            throw new IllegalArgumentException("--unreadable-for: must not be negative");
        }
    }

    private static void checkShare(String name, double share) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("--" + name + ": must be 0-1, was " + share);
        }
    }

    public FaultSettings withErrorRate(double share) {
        return new FaultSettings(share, throttleRate, latency, lostStartResponses, unreadableFor);
    }

    public FaultSettings withThrottleRate(double share) {
        return new FaultSettings(errorRate, share, latency, lostStartResponses, unreadableFor);
    }

    public FaultSettings withLatency(Duration added) {
        return new FaultSettings(errorRate, throttleRate, added, lostStartResponses, unreadableFor);
    }

    public FaultSettings withLostStartResponses(double share) {
        return new FaultSettings(errorRate, throttleRate, latency, share, unreadableFor);
    }

    public FaultSettings withUnreadableFor(Duration delay) {
        return new FaultSettings(errorRate, throttleRate, latency, lostStartResponses, delay);
    }
}
