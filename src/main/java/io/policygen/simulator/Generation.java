package io.policygen.simulator;

import java.util.List;

/**
 * One policy generation job. Its end is fixed when it starts (when, and how: the job error it will end with,
 * if any); the status is evaluated lazily against the simulated clock, so no background thread is needed.
 * Times are epoch milliseconds of simulated time.
 */
final class Generation {

    /** What the generation was asked for: a validated StartPolicyGeneration request (or a console user's). */
    record Request(String principalArn, boolean allRegions, List<String> regions, long trailStart, long trailEnd,
                   long fingerprint) {
        Request {
            regions = List.copyOf(regions);
        }
    }

    /** How it will end, decided when it starts. */
    record Plan(long durationMillis, JobError error, long logFiles) {
    }

    final long seq;
    final String jobId;
    final String accountId;
    final String region;
    final String clientToken;
    /** The principal as it was when the generation started: what it did stays known after it is deleted. */
    final Principal principal;
    /** Started by someone else (a console user), not through StartPolicyGeneration by the job. */
    final boolean console;
    final Request request;
    final long startedOn;
    final long completesAt;
    final Plan plan;
    private volatile long canceledOn = -1;
    /** When a GetGeneratedPolicy first answered that it had ended, or -1: how late its end was seen (benchmarks). */
    private volatile long endSeenOn = -1;

    Generation(long seq, String jobId, String accountId, String region, String clientToken, Principal principal,
               boolean console, Request request, long startedOn, Plan plan) {
        this.seq = seq;
        this.jobId = jobId;
        this.accountId = accountId;
        this.region = region;
        this.clientToken = clientToken;
        this.principal = principal;
        this.console = console;
        this.request = request;
        this.startedOn = startedOn;
        this.completesAt = startedOn + Math.max(0, plan.durationMillis());
        this.plan = plan;
    }

    String principalArn() {
        return request.principalArn();
    }

    String status(long now) {
        if (canceledOn >= 0) {
            return "CANCELED";
        }
        if (now < completesAt) {
            return "IN_PROGRESS";
        }
        return plan.error() != null ? "FAILED" : "SUCCEEDED";
    }

    /** The job error once it has FAILED; null otherwise. */
    JobError error(long now) {
        return status(now).equals("FAILED") ? plan.error() : null;
    }

    /** Epoch millis of completion, or -1 while in progress. */
    long completedOn(long now) {
        if (canceledOn >= 0) {
            return canceledOn;
        }
        return now < completesAt ? -1 : completesAt;
    }

    /** A GetGeneratedPolicy answered about it now. */
    synchronized void lookedAt(long now) {
        if (endSeenOn < 0 && completedOn(now) >= 0) {
            endSeenOn = now;
        }
    }

    /** Epoch millis of the first look that found it ended, or -1. */
    long endSeenOn() {
        return endSeenOn;
    }

    /** Cancels if still in progress; true if it did. */
    synchronized boolean cancel(long now) {
        if (canceledOn < 0 && now < completesAt) {
            canceledOn = now;
            return true;
        }
        return false;
    }
}
