package io.policygen.generation;

import io.policygen.generation.PolicyGenerations.GenerationRejectedException;
import io.policygen.generation.PolicyGenerations.GenerationUnavailableException;
import io.policygen.generation.PolicyGenerations.QuotaExceededException;
import io.policygen.run.RunControl;
import io.policygen.time.Sleeper;
import io.policygen.time.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One account's generation slot in one Region: Access Analyzer allows one generation in progress per account,
 * so this keeps exactly one busy. It first settles what earlier runs left open, then starts the next due principal,
 * follows it to its end, stores the outcome, and starts the next, until nothing is due, the daily budget or a quota
 * is reached, or the run must stop.
 * <p>
 * Invariant: a request row and its clientToken are committed before StartPolicyGeneration, the jobId right after;
 * a request whose outcome is unknown is only ever re-sent with its own token.
 */
public final class GenerationSlot {

    private static final Logger log = LoggerFactory.getLogger(GenerationSlot.class);
    private static final Duration DAY = Duration.ofDays(1);
    private static final int SEND_TRIES = 3;
    /** How far AWS's clock may be ahead of ours when matching a listed job to a request. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final String accountId;
    private final String region;
    private final PolicyGenerations generations;
    private final GenerationStore store;
    private final GenerationProperties properties;
    private final DurationEstimator estimator;
    private final Clock clock;
    private final Ticker ticker;
    private final Sleeper sleeper;
    private final RunControl control;
    private final long runId;
    private final GenerationEvents events;
    private int started;
    private long busyNanos;
    private Instant runStartedAt;

    public GenerationSlot(String accountId, String region, PolicyGenerations generations, GenerationStore store,
                          GenerationProperties properties, DurationEstimator estimator, Clock clock, Ticker ticker,
                          Sleeper sleeper, RunControl control, long runId, GenerationEvents events) {
        this.accountId = accountId;
        this.region = region;
        this.generations = generations;
        this.store = store;
        this.properties = properties;
        this.estimator = estimator;
        this.clock = clock;
        this.ticker = ticker;
        this.sleeper = sleeper;
        this.control = control;
        this.runId = runId;
        this.events = events;
    }

    /** Generations this slot started in this run. */
    public int started() {
        return started;
    }

    public SlotOutcome run() throws InterruptedException {
        long startNanos = ticker.nanos();
        runStartedAt = clock.instant();
        SlotOutcome outcome = work();
        events.slotEnded(outcome, Duration.ofNanos(ticker.nanos() - startNanos), Duration.ofNanos(busyNanos));
        return outcome;
    }

    private SlotOutcome work() throws InterruptedException {
        for (OpenGeneration open : store.open(accountId, region)) {
            SlotOutcome outcome = settle(open);
            if (outcome != null) {
                return outcome;
            }
        }
        int budget = Math.max(0, properties.dailyQuota() - store.startedSince(accountId, region, clock.instant().minus(DAY)));
        // one more than the budget, to know whether anything is left for a later run
        List<DuePrincipal> due = store.due(accountId, region, clock.instant(), properties.refreshAfter(),
                properties.maxFailures(), budget + 1);
        List<DuePrincipal> now = due.subList(0, Math.min(budget, due.size()));
        events.slotStarted(now.size());
        if (due.isEmpty()) {
            store.finish(accountId, region, clock.instant());
            return SlotOutcome.DONE;
        }
        for (DuePrincipal principal : now) {
            SlotOutcome interruption = interruption();
            if (interruption != null) {
                return interruption;
            }
            OpenGeneration request = store.insertPending(principal, accountId, region, requestFor(principal), runId, clock.instant());
            SlotOutcome outcome = settle(request);
            if (outcome != null) {
                return outcome;
            }
        }
        if (due.size() > budget) {
            return defer(SlotOutcome.QUOTA_STOPPED, "daily quota of " + properties.dailyQuota()
                    + " generations reached for the last 24 hours; the remaining principals are deferred to a later run");
        }
        store.finish(accountId, region, clock.instant());
        return SlotOutcome.DONE;
    }

    private GenerationRequest requestFor(DuePrincipal principal) {
        Instant end = clock.instant();
        return new GenerationRequest(principal.principalArn(), properties.trails(), properties.accessRoleArn(accountId),
                end.minus(properties.lookback()), end);
    }

    /** Sends the request if it has no job yet, then follows the job to its end; null when the slot may go on. */
    private SlotOutcome settle(OpenGeneration generation) throws InterruptedException {
        OpenGeneration current = generation;
        boolean resumed = current.jobId() != null;
        if (!resumed && current.requestedAt().isBefore(runStartedAt)) {
            current = recover(current);
            resumed = current.jobId() != null;
        }
        if (!resumed) {
            Sent sent = send(current);
            if (sent.jobId() == null) {
                return sent.stop();
            }
            current = current.withJobId(sent.jobId());
        }
        return track(current, resumed);
    }

    /** What sending a request came to: a job, a refusal of this principal (neither set), or a stop for the slot. */
    private record Sent(String jobId, SlotOutcome stop) {
        static final Sent REFUSED = new Sent(null, null);

        static Sent stop(SlotOutcome outcome) {
            return new Sent(null, outcome);
        }
    }

    /**
     * A request an earlier run sent without hearing the answer: if Access Analyzer lists a job for the principal
     * started since, not yet recorded, that is it. Otherwise it is re-sent with its own token.
     */
    private OpenGeneration recover(OpenGeneration pending) {
        try {
            for (PolicyGenerations.ListedJob job : generations.jobsFor(pending.principalArn())) {
                if (job.startedOn() != null && !job.startedOn().isBefore(pending.requestedAt().minus(CLOCK_SKEW))
                        && !store.knowsJob(job.jobId())) {
                    store.recordStarted(pending.generationId(), job.jobId());
                    log.info("event=generation-recovered account={} region={} principal={} jobId={}",
                            accountId, region, pending.principalArn(), job.jobId());
                    return pending.withJobId(job.jobId());
                }
            }
        } catch (GenerationUnavailableException | GenerationRejectedException e) {
            log.warn("event=recovery-list-failed account={} region={} principal={} message=\"{}\"",
                    accountId, region, pending.principalArn(), e.getMessage());
        }
        return pending;
    }

    private Sent send(OpenGeneration generation) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                String jobId = generations.start(generation.request(), generation.clientToken());
                store.recordStarted(generation.generationId(), jobId);
                started++;
                events.started();
                log.info("event=generation-started account={} region={} principal={} jobId={}",
                        accountId, region, generation.principalArn(), jobId);
                return new Sent(jobId, null);
            } catch (QuotaExceededException e) {
                store.recordRefusal(generation.generationId(), "DEFERRED", "ServiceQuotaExceededException", e.getMessage(), clock.instant());
                return Sent.stop(defer(SlotOutcome.QUOTA_STOPPED, "ServiceQuotaExceededException: " + e.getMessage()));
            } catch (GenerationRejectedException e) {
                store.recordRefusal(generation.generationId(), "REJECTED", e.code(), e.getMessage(), clock.instant());
                log.warn("event=generation-rejected account={} region={} principal={} code={} message=\"{}\"",
                        accountId, region, generation.principalArn(), e.code(), e.getMessage());
                return Sent.REFUSED;
            } catch (GenerationUnavailableException e) {
                store.recordSendFailure(generation.generationId(), e.getMessage());
                if (attempt >= SEND_TRIES) {
                    return Sent.stop(defer(SlotOutcome.UNSETTLED, "StartPolicyGeneration got no answer " + attempt
                            + " times; the request stays PENDING and the next run settles it: " + e.getMessage()));
                }
                sleeper.sleep(properties.pollMin().multipliedBy(1L << attempt));
                SlotOutcome interruption = interruption();
                if (interruption != null) {
                    return Sent.stop(interruption);
                }
            }
        }
    }

    /** Polls politely: once at the expected end, then backing off in proportion to the time already waited. */
    private SlotOutcome track(OpenGeneration generation, boolean resumed) throws InterruptedException {
        long sentNanos = ticker.nanos();
        int polls = 0;
        while (true) {
            Duration elapsed = Duration.ofNanos(ticker.nanos() - sentNanos);
            if (!resumed || polls > 0) {
                sleeper.sleep(nextPoll(elapsed));
            }
            SlotOutcome interruption = interruption();
            if (interruption != null) {
                return interruption;
            }
            GenerationResult result;
            try {
                result = generations.get(generation.jobId());
                polls++;
            } catch (GenerationUnavailableException e) {
                polls++;
                log.warn("event=poll-failed account={} region={} jobId={} message=\"{}\"", accountId, region, generation.jobId(), e.getMessage());
                continue;
            } catch (GenerationRejectedException e) {
                store.recordOutcome(generation.generationId(), new GenerationResult("FAILED", null, clock.instant(),
                        e.code(), e.getMessage(), List.of(), null), polls + 1);
                events.finished("FAILED");
                return null;
            }
            if (!result.finished() && result.startedOn() != null
                    && Duration.between(result.startedOn(), clock.instant()).compareTo(properties.maxWait()) > 0) {
                return cancelStuck(generation, result, polls);
            }
            if (result.finished()) {
                store.recordOutcome(generation.generationId(), result, polls);
                countBusy(result.startedOn(), result.completedOn());
                events.finished(result.status());
                if (GenerationResult.SUCCEEDED.equals(result.status()) && result.startedOn() != null && result.completedOn() != null) {
                    estimator.observe(Duration.between(result.startedOn(), result.completedOn()));
                }
                log.info("event=generation-finished account={} region={} principal={} jobId={} status={} polls={}",
                        accountId, region, generation.principalArn(), generation.jobId(), result.status(), polls);
                return null;
            }
        }
    }

    private SlotOutcome cancelStuck(OpenGeneration generation, GenerationResult result, int polls) {
        try {
            generations.cancel(generation.jobId());
        } catch (GenerationUnavailableException | GenerationRejectedException e) {
            log.warn("event=cancel-failed account={} region={} jobId={} message=\"{}\"", accountId, region, generation.jobId(), e.getMessage());
            return defer(SlotOutcome.UNSETTLED, "generation " + generation.jobId() + " is stuck and could not be cancelled: " + e.getMessage());
        }
        String message = "still in progress after policygen.generation.max-wait (" + properties.maxWait() + "); cancelled";
        store.recordOutcome(generation.generationId(), new GenerationResult("CANCELED", result.startedOn(), clock.instant(),
                "MAX_WAIT_EXCEEDED", message, List.of(), null), polls);
        countBusy(result.startedOn(), clock.instant());
        events.finished("CANCELED");
        log.warn("event=generation-cancelled account={} region={} principal={} jobId={}", accountId, region,
                generation.principalArn(), generation.jobId());
        return null;
    }

    /** The slot was busy while AWS ran the generation, by AWS's own times; what the tracker adds is idle time. */
    private void countBusy(Instant startedOn, Instant completedOn) {
        if (startedOn != null && completedOn != null && completedOn.isAfter(startedOn)) {
            busyNanos += Duration.between(startedOn, completedOn).toNanos();
        }
    }

    /**
     * Where the learnt durations say the job ends: a first poll a deviation before the expected end, then steps of
     * a deviation up to two deviations past it (at most four polls there); past that, or while nothing is known, backing off in
     * proportion to the time already waited (a tenth, or a quarter while nothing is known).
     */
    private Duration nextPoll(Duration elapsed) {
        Duration expected = estimator.expected();
        if (expected == null) {
            return clamp(elapsed.dividedBy(4));
        }
        Duration deviation = estimator.deviation();
        Duration firstPoll = expected.minus(deviation);
        if (elapsed.compareTo(firstPoll) < 0) {
            return max(firstPoll.minus(elapsed), properties.pollMin());
        }
        if (elapsed.compareTo(expected.plus(deviation.multipliedBy(2))) < 0) {
            return clamp(deviation);
        }
        return clamp(elapsed.dividedBy(10));
    }

    private Duration clamp(Duration wait) {
        Duration atLeast = max(wait, properties.pollMin());
        return atLeast.compareTo(properties.pollMax()) > 0 ? properties.pollMax() : atLeast;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private SlotOutcome interruption() {
        if (control.stopRequested()) {
            return SlotOutcome.STOPPED;
        }
        if (control.pastDeadline()) {
            return defer(SlotOutcome.DEADLINE, "the run reached policygen.run.max-duration; the remaining principals are deferred to the next run");
        }
        return null;
    }

    private SlotOutcome defer(SlotOutcome outcome, String reason) {
        store.defer(accountId, region, reason, runId, clock.instant());
        log.info("event=account-deferred account={} region={} outcome={} reason=\"{}\"", accountId, region, outcome, reason);
        return outcome;
    }
}
