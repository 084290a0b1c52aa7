package io.policygen.generation;

import io.policygen.generation.PolicyGenerations.GenerationConflictException;
import io.policygen.generation.PolicyGenerations.GenerationRejectedException;
import io.policygen.generation.PolicyGenerations.GenerationUnavailableException;
import io.policygen.generation.PolicyGenerations.QuotaExceededException;
import io.policygen.log.LogEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a stored request to StartPolicyGeneration, retrying a call that got no answer with the same clientToken,
 * and finds the job of a request an earlier run sent without hearing the answer.
 * <p>
 * Invariant: the request row and its clientToken were committed before the call; the jobId is committed here,
 * right after it. A request whose outcome is unknown is only ever re-sent with its own token.
 */
final class GenerationSender {

    private static final Logger log = LoggerFactory.getLogger(GenerationSender.class);
    private static final int SEND_TRIES = 3;
    /** Refusals the listing cannot explain that are tried again before the slot gives up (a generation ending meanwhile). */
    private static final int UNEXPLAINED_REFUSALS = 3;
    /** How far AWS's clock may be ahead of ours when matching a listed job to a request. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final PolicyGenerations generations;
    private final GenerationStore store;
    private final OtherGenerations others;
    private final OutcomePolicy outcomes;
    private final SlotControl control;
    private final Duration retryBase;
    private final Clock clock;
    private final GenerationEvents events;

    GenerationSender(PolicyGenerations generations, GenerationStore store, OtherGenerations others, OutcomePolicy outcomes,
                     SlotControl control, Duration retryBase, Clock clock, GenerationEvents events) {
        this.generations = generations;
        this.store = store;
        this.others = others;
        this.outcomes = outcomes;
        this.control = control;
        this.retryBase = retryBase;
        this.clock = clock;
        this.events = events;
    }

    /** The job the request started; empty when AWS refused it (recorded) or the slot stopped (see the slot). */
    Optional<String> send(AccountSlot slot, OpenGeneration generation) throws InterruptedException {
        int unanswered = 0;
        int unexplained = 0;
        while (true) {
            try {
                String jobId = generations.start(generation.request(), generation.clientToken());
                store.recordStarted(generation.generationId(), jobId);
                slot.countStarted();
                events.started(slot.id());
                LogEvent.debug(log, "generation-started").with(slot.id()).with("principal", generation.principalArn()).with("jobId", jobId)
                        .log();
                return Optional.of(jobId);
            } catch (QuotaExceededException | GenerationConflictException e) {
                // which quota, or whose generation, AWS's answer does not say for sure: the account's listing does
                switch (others.diagnose(slot)) {
                    case OtherGenerations.Verdict.HeldBy held -> {
                        if (!others.waitFor(slot, held.job())) {
                            return deferred(generation, e);
                        }
                    }
                    case OtherGenerations.Verdict.DailyQuota daily -> {
                        slot.stop(SlotOutcome.QUOTA_STOPPED, "daily quota of " + daily.quota() + " generations reached ("
                                + daily.started() + " started in the last 24 hours, others' included; AWS said: " + e.getMessage()
                                + "); the remaining principals are deferred to a later run");
                        return deferred(generation, e);
                    }
                    case OtherGenerations.Verdict.Unexplained unexplainedBy -> {
                        if (++unexplained >= UNEXPLAINED_REFUSALS) {
                            return unexplainedRefusal(slot, generation, e, unexplainedBy.seen());
                        }
                        if (!pause(slot, unexplained)) {
                            return deferred(generation, e);
                        }
                    }
                }
            } catch (GenerationRejectedException e) {
                ChargedTo chargedTo = outcomes.refused(slot, e.code(), e.getMessage(), e.fields());
                store.recordRefusal(generation.generationId(), "REJECTED", e.code(), e.getMessage(), chargedTo, clock.instant());
                LogEvent.warn(log, "generation-rejected").with(slot.id()).with("principal", generation.principalArn()).with("code", e.code())
                        .quoted("detail", e.getMessage()).log();
                return Optional.empty();
            } catch (GenerationUnavailableException e) {
                if (!e.reachedAws()) {
                    // refused for its credentials, and the run told to stop: nothing sent, nobody's failure, so the
                    // request stays as it was (a send failure would show in report_failures as its principal's)
                    slot.interrupted(control);
                    return Optional.empty();
                }
                store.recordSendFailure(generation.generationId(), e.getMessage());
                if (++unanswered >= SEND_TRIES) {
                    slot.stop(SlotOutcome.UNSETTLED, "StartPolicyGeneration got no answer " + unanswered
                            + " times; the request stays PENDING and the next run settles it: " + e.getMessage());
                    return Optional.empty();
                }
                if (!pause(slot, unanswered)) {
                    return Optional.empty();
                }
            }
        }
    }

    /**
     * A refusal that goes on though the Region's listing shows a free slot and budget left stops the slot for the night,
     * its request deferred, whichever exception it came as: AWS counts something this Region's listing does not show,
     * and no principal is to blame. (Were a conflict over this request's own token, the next night's request for the
     * principal is a new one, with a token of its own.)
     */
    private Optional<String> unexplainedRefusal(AccountSlot slot, OpenGeneration generation, RuntimeException e, String seen) {
        slot.stop(SlotOutcome.QUOTA_STOPPED, refusalCode(e) + ": " + e.getMessage() + "; refused " + UNEXPLAINED_REFUSALS
                + " times though " + seen + ": AWS counts what this Region's listing does not show (a generation in another"
                + " of the account's Regions, AWS not documenting its quotas as per Region"
                + (e instanceof GenerationConflictException ? "" : ", or a daily quota lower than policygen.generation.daily-quota"
                        + " or region-daily-quotas say") + "); the remaining principals are deferred to a later run");
        return deferred(generation, e);
    }

    /** Nothing was started: the request is recorded DEFERRED (not a try of the principal's) and stays due. */
    private Optional<String> deferred(OpenGeneration generation, RuntimeException refusal) {
        store.recordRefusal(generation.generationId(), "DEFERRED", refusalCode(refusal), refusal.getMessage(), ChargedTo.PRINCIPAL,
                clock.instant());
        return Optional.empty();
    }

    private static String refusalCode(RuntimeException refusal) {
        return refusal instanceof GenerationConflictException ? "ConflictException" : "ServiceQuotaExceededException";
    }

    /** Backs off before trying again; false when the slot must stop instead. */
    private boolean pause(AccountSlot slot, int attempt) throws InterruptedException {
        control.sleep(retryBase.multipliedBy(1L << attempt));
        return !slot.interrupted(control);
    }

    /**
     * A request an earlier run sent without hearing the answer: if Access Analyzer lists a job for the principal
     * started since, not yet recorded, that is it. Otherwise it comes back as it was, to be re-sent with its own token.
     */
    OpenGeneration recover(AccountSlot slot, OpenGeneration pending) {
        try {
            for (PolicyGenerations.ListedJob job : generations.jobsFor(pending.principalArn())) {
                if (job.startedOn() != null && !job.startedOn().isBefore(pending.requestedAt().minus(CLOCK_SKEW))
                        && !store.knowsJob(job.jobId())) {
                    store.recordStarted(pending.generationId(), job.jobId());
                    LogEvent.info(log, "generation-recovered").with(slot.id()).with("principal", pending.principalArn()).with("jobId", job.jobId())
                            .log();
                    return pending.withJobId(job.jobId());
                }
            }
        } catch (GenerationUnavailableException | GenerationRejectedException e) {
            LogEvent.warn(log, "recovery-list-failed").with(slot.id()).with("principal", pending.principalArn()).quoted("detail", e.getMessage())
                    .log();
        }
        return pending;
    }
}
