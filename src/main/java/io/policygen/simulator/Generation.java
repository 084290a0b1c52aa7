package io.policygen.simulator;

/**
 * One policy generation job. Its end is fixed when it starts (time, and whether it fails); the
 * status is evaluated lazily against the simulated clock, so no background thread is needed.
 * Times are epoch milliseconds of simulated time.
 */
final class Generation {

    final long seq;
    final String jobId;
    final String accountId;
    final String region;
    final String principalArn;
    final String clientToken;
    final long fingerprint;
    final long startedOn;
    final long completesAt;
    final boolean fails;
    final long trailStart;
    final long trailEnd;
    private volatile long canceledOn = -1;

    Generation(long seq, String jobId, String accountId, String region, String principalArn, String clientToken,
               long fingerprint, long startedOn, long completesAt, boolean fails, long trailStart, long trailEnd) {
        this.seq = seq;
        this.jobId = jobId;
        this.accountId = accountId;
        this.region = region;
        this.principalArn = principalArn;
        this.clientToken = clientToken;
        this.fingerprint = fingerprint;
        this.startedOn = startedOn;
        this.completesAt = completesAt;
        this.fails = fails;
        this.trailStart = trailStart;
        this.trailEnd = trailEnd;
    }

    String status(long now) {
        if (canceledOn >= 0) {
            return "CANCELED";
        }
        if (now < completesAt) {
            return "IN_PROGRESS";
        }
        return fails ? "FAILED" : "SUCCEEDED";
    }

    /** Epoch millis of completion, or -1 while in progress. */
    long completedOn(long now) {
        if (canceledOn >= 0) {
            return canceledOn;
        }
        return now < completesAt ? -1 : completesAt;
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
