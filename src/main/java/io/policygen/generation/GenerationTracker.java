package io.policygen.generation;

import io.policygen.log.LogEvent;
import io.policygen.time.TimeSource;
import io.policygen.generation.PolicyGenerations.GenerationRejectedException;
import io.policygen.generation.PolicyGenerations.GenerationUnavailableException;
import io.policygen.time.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a started generation to its end, polling on the {@link PollSchedule} where the account's learnt durations
 * say it is likely to have ended ({@link DurationEstimator}), and
 * stores its outcome and policies. A generation still running after {@code max-wait} is cancelled, so that a stuck
 * job cannot hold the account's only slot for ever.
 */
final class GenerationTracker {

    private static final Logger log = LoggerFactory.getLogger(GenerationTracker.class);
    private static final String NOT_FOUND = "ResourceNotFoundException";
    /** Access Analyzer's refusal of the caller, and STS's when the member role's session is renewed. */
    private static final Set<String> READ_DENIED = Set.of("AccessDeniedException", "AccessDenied");
    /**
     * How long a generation may be not found before it counts as gone. Reads of a job just started may be served by
     * a store the start has not reached yet (AWS's APIs are eventually consistent; Access Analyzer documents nothing
     * for GetGeneratedPolicy): taken for lost, the principal would be asked again while its job runs on, a second
     * generation of the day's quota spent and the first's result never read.
     */
    static final Duration NOT_FOUND_GRACE = Duration.ofMinutes(5);

    private final PolicyGenerations generations;
    private final OtherGenerations others;
    private final GenerationStore store;
    private final NextLook nextLook;
    private final DurationEstimator estimator;
    private final Duration maxWait;
    private final OutcomePolicy policy;
    private final SlotControl control;
    private final TimeSource time;
    private final GenerationEvents events;
    private final FailureDigest pollFailures;

    GenerationTracker(PolicyGenerations generations, OtherGenerations others, GenerationStore store, GenerationProperties properties,
                      DurationEstimator estimator, OutcomePolicy policy, SlotControl control, TimeSource time,
                      GenerationEvents events, FailureDigest pollFailures) {
        this.generations = generations;
        this.others = others;
        this.store = store;
        this.nextLook = new NextLook(new PollSchedule(properties.pollMin(), properties.pollMax()), estimator, control, time.ticker());
        this.estimator = estimator;
        this.maxWait = properties.maxWait();
        this.policy = policy;
        this.control = control;
        this.time = time;
        this.events = events;
        this.pollFailures = pollFailures;
    }

    /**
     * Polls until the job ends or the slot must stop, and says what comes next for the principal. {@code resumed}: the
     * job was started before (an earlier run), so it is looked at once at once.
     */
    OutcomePolicy.Next track(AccountSlot slot, OpenGeneration generation, boolean resumed) throws InterruptedException {
        String accountId = slot.id().accountId();
        Duration window = Duration.between(generation.request().startTime(), generation.request().endTime());
        // one an earlier run started has run for an unknown time: it is learnt from when it ends, not while it runs
        DurationEstimator.Flight flight = resumed ? null : estimator.started(accountId, window);
        Duration took = null;
        Instant foundBy = (resumed ? generation.requestedAt() : time.clock().instant()).plus(NOT_FOUND_GRACE);
        try {
            long sentNanos = time.ticker().nanos();
            int polls = 0;
            while (true) {
                if (!resumed || polls > 0) {
                    nextLook.await(sentNanos, accountId, window, flight, slot.nothingFollows());
                }
                if (slot.interrupted(control)) {
                    return OutcomePolicy.Next.DONE;
                }
                GenerationResult result;
                try {
                    result = generations.get(generation.jobId());
                    polls++;
                    pollFailures.answered();
                } catch (GenerationUnavailableException e) {
                    polls++;
                    pollFailures.failed(slot.id(), generation.jobId(), e.getMessage());
                    continue;
                } catch (GenerationRejectedException e) {
                    polls++;
                    if (NOT_FOUND.equals(e.code()) && time.clock().instant().isBefore(foundBy)) {
                        LogEvent.info(log, "generation-not-found-yet").with(slot.id()).with("jobId", generation.jobId())
                                .quoted("detail", e.getMessage()).log();
                        continue;
                    }
                    if (READ_DENIED.contains(e.code())) {
                        policy.readRefused(slot, e.code(), e.getMessage());
                        LogEvent.warn(log, "generation-unreadable").with(slot.id()).with("principal", generation.principalArn())
                                .with("jobId", generation.jobId()).with("code", e.code()).quoted("detail", e.getMessage()).log();
                        return OutcomePolicy.Next.DONE;
                    }
                    return finish(slot, generation, refusedLook(generation, e), polls);
                }
                if (result.finished()) {
                    if (GenerationResult.SUCCEEDED.equals(result.status()) && result.startedOn() != null && result.completedOn() != null) {
                        took = Duration.between(result.startedOn(), result.completedOn());
                        if (flight == null) {
                            estimator.observe(new DurationEstimator.Observation(accountId, window, took));
                        }
                    }
                    return finish(slot, generation, result, polls);
                }
                if (result.startedOn() != null && Duration.between(result.startedOn(), time.clock().instant()).compareTo(maxWait) > 0) {
                    return cancelStuck(slot, generation, result, polls);
                }
                others.listDayOnce(slot);
            }
        } finally {
            if (flight != null) {
                estimator.ended(flight, took);
            }
        }
    }

    /**
     * GetGeneratedPolicy refused. Not found past {@link #NOT_FOUND_GRACE}: Access Analyzer no longer has the job. It
     * lists a generation for 7 days (ListPolicyGenerations' documentation; how long GetGeneratedPolicy answers is not
     * documented), so a job an earlier run started and no run looked at for a week is gone, its result with it; one
     * gone sooner is not explained, and is lost all the same.
     */
    private GenerationResult refusedLook(OpenGeneration generation, GenerationRejectedException e) {
        Instant now = time.clock().instant();
        if (!NOT_FOUND.equals(e.code())) {
            return new GenerationResult("FAILED", null, now, e.code(), e.getMessage(), List.of(), null);
        }
        String refusal = " (" + e.code() + ": " + e.getMessage() + ")";
        if (generation.requestedAt().isAfter(now.minus(PolicyGenerations.LISTED_FOR))) {
            return lostResult(generation, "Access Analyzer does not find this generation" + refusal + ", though it keeps"
                    + " one for about 7 days; still not found " + NOT_FOUND_GRACE.toMinutes() + " minutes after its start");
        }
        return lostResult(generation, "Access Analyzer no longer has this generation" + refusal
                + ": it keeps a generation for about 7 days and no run fetched this one's result in time");
    }

    /** A request whose result cannot be had any more: lost, not failed, and its principal asked again ({@link OutcomePolicy#RESULT_LOST}). */
    OutcomePolicy.Next lost(AccountSlot slot, OpenGeneration generation, String why) {
        return finish(slot, generation, lostResult(generation, why), 0);
    }

    private GenerationResult lostResult(OpenGeneration generation, String why) {
        return GenerationResult.lost(generation, why, time.clock().instant());
    }

    private OutcomePolicy.Next cancelStuck(AccountSlot slot, OpenGeneration generation, GenerationResult result, int polls) {
        try {
            generations.cancel(generation.jobId());
        } catch (GenerationUnavailableException | GenerationRejectedException e) {
            LogEvent.warn(log, "cancel-failed").with(slot.id()).with("jobId", generation.jobId()).quoted("detail", e.getMessage()).log();
            slot.stop(SlotOutcome.UNSETTLED, "generation " + generation.jobId() + " is stuck and could not be cancelled: " + e.getMessage());
            return OutcomePolicy.Next.DONE;
        }
        String message = "still in progress after policygen.generation.max-wait (" + maxWait + "); cancelled";
        LogEvent.warn(log, "generation-cancelled").with(slot.id()).with("principal", generation.principalArn())
                .with("jobId", generation.jobId()).log();
        return finish(slot, generation, new GenerationResult("CANCELED", result.startedOn(), time.clock().instant(),
                "MAX_WAIT_EXCEEDED", message, List.of(), null), polls);
    }

    private OutcomePolicy.Next finish(AccountSlot slot, OpenGeneration generation, GenerationResult result, int polls) {
        OutcomePolicy.Judgement judgement = policy.judge(slot, result);
        store.recordOutcome(generation.generationId(), result, polls, judgement.chargedTo());
        slot.countBusy(result.startedOn(), result.completedOn());
        events.finished(slot.id(), OutcomePolicy.RESULT_LOST.equals(result.errorCode()) ? GenerationEvents.LOST : result.status(),
                generation.runId() == slot.runId());
        if ("FAILED".equals(result.status())) {
            LogEvent.info(log, "generation-failed").with(slot.id()).with("principal", generation.principalArn())
                    .with("jobId", generation.jobId()).with("code", result.errorCode()).with("chargedTo", judgement.chargedTo())
                    .quoted("detail", result.errorMessage()).log();
        } else {
            LogEvent.debug(log, "generation-finished").with(slot.id()).with("principal", generation.principalArn())
                    .with("jobId", generation.jobId()).with("status", result.status()).with("polls", polls).log();
        }
        return judgement.next();
    }
}
