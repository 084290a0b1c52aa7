package io.policygen.generation;

import io.policygen.generation.PolicyGenerations.GenerationRejectedException;
import io.policygen.generation.PolicyGenerations.GenerationUnavailableException;
import io.policygen.generation.PolicyGenerations.ListedJob;
import io.policygen.log.LogEvent;
import io.policygen.time.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account's generations as Access Analyzer lists them (ListPolicyGenerations without a principal: the last 7 days,
 * a console user's and other tools' included). They tell a refused start's cause apart (AWS may refuse the concurrent
 * and the daily quota alike) and count toward the daily budget: the job's own count is never the only truth.
 */
final class OtherGenerations {

    private static final Logger log = LoggerFactory.getLogger(OtherGenerations.class);
    private static final Duration DAY = Duration.ofDays(1);

    /** What a refused start came to. */
    sealed interface Verdict {
        /** Another generation, not one this job knows, holds the slot. */
        record HeldBy(ListedJob job) implements Verdict {
        }

        /** The account's generations of the last 24 hours reached the Region's daily quota. */
        record DailyQuota(int started, int quota) implements Verdict {
        }

        /**
         * Neither: the listing shows a free slot and budget left (the other generation just ended, or it failed); {@code
         * seen} says what the listing showed, for the stop's reason should the refusals go on.
         */
        record Unexplained(String seen) implements Verdict {
        }
    }

    private final PolicyGenerations generations;
    private final GenerationStore store;
    private final GenerationProperties properties;
    private final PollSchedule schedule;
    private final DurationEstimator estimator;
    private final SlotControl control;
    private final TimeSource time;
    private final FailureDigest pollFailures;
    private final FailureDigest listingFailures;

    OtherGenerations(PolicyGenerations generations, GenerationStore store, GenerationProperties properties,
                     DurationEstimator estimator, SlotControl control, TimeSource time, FailureDigest pollFailures,
                     FailureDigest listingFailures) {
        this.generations = generations;
        this.store = store;
        this.properties = properties;
        this.schedule = new PollSchedule(properties.pollMin(), properties.pollMax());
        this.estimator = estimator;
        this.control = control;
        this.time = time;
        this.pollFailures = pollFailures;
        this.listingFailures = listingFailures;
    }

    Verdict diagnose(AccountSlot slot) {
        List<ListedJob> jobs;
        try {
            jobs = listing(slot);
        } catch (GenerationUnavailableException | GenerationRejectedException e) {
            return new Verdict.Unexplained("the account's listing could not be read (" + e.getMessage() + ")");
        }
        Optional<ListedJob> other = jobs.stream().filter(ListedJob::inProgress).filter(job -> !store.knowsJob(job.jobId())).findFirst();
        if (other.isPresent()) {
            return new Verdict.HeldBy(other.get());
        }
        int started = startedSince(jobs, time.clock().instant().minus(DAY));
        int quota = properties.dailyQuota(slot.id().region());
        return started >= quota ? new Verdict.DailyQuota(started, quota) : new Verdict.Unexplained("Access Analyzer lists "
                + started + " generation" + (started == 1 ? "" : "s") + " started here in the last 24 hours, of a daily quota of "
                + quota + ", and none of another's in progress");
    }

    /**
     * Tells the slot, once, what was started here in the last 24 hours by anyone (its daily budget counts them). It is
     * asked after the slot's first start, away from the burst of a run's first starts: at a look that finds the first
     * generation running, or else before the second start. When Access Analyzer cannot say, the next call asks again.
     */
    void listDayOnce(AccountSlot slot) {
        if (slot.dayListed()) {
            return;
        }
        try {
            slot.listedDay(startedSince(listing(slot), time.clock().instant().minus(DAY)));
        } catch (GenerationUnavailableException | GenerationRejectedException e) {
            // logged by listing; the next call asks again
        }
    }

    private List<ListedJob> listing(AccountSlot slot) {
        try {
            List<ListedJob> jobs = generations.jobsInAccount();
            listingFailures.answered();
            return jobs;
        } catch (GenerationUnavailableException | GenerationRejectedException e) {
            listingFailures.failed(slot.id(), null, e.getMessage());
            throw e;
        }
    }

    /**
     * Waits for another's generation to end, looking at it as at one of ours; true when it ended, false when the slot
     * must stop (asked to, past the deadline, or the other generation outlasted {@code max-wait}).
     */
    boolean waitFor(AccountSlot slot, ListedJob job) throws InterruptedException {
        LogEvent.info(log, "slot-held-by-other").with(slot.id()).with("jobId", job.jobId()).with("principal", job.principalArn()).log();
        long since = time.ticker().nanos();
        while (true) {
            Duration waited = Duration.ofNanos(time.ticker().nanos() - since);
            // its window is not ours to know: the configured one is the likeliest
            control.sleep(schedule.next(waited, estimator.forecast(slot.id().accountId(), properties.lookback())));
            if (slot.interrupted(control)) {
                return false;
            }
            try {
                boolean finished = generations.get(job.jobId()).finished();
                pollFailures.answered();
                if (finished) {
                    LogEvent.info(log, "slot-freed-by-other").with(slot.id()).with("jobId", job.jobId()).log();
                    return true;
                }
            } catch (GenerationUnavailableException | GenerationRejectedException e) {
                pollFailures.failed(slot.id(), job.jobId(), e.getMessage());
            }
            if (Duration.ofNanos(time.ticker().nanos() - since).compareTo(properties.maxWait()) > 0) {
                slot.stop(SlotOutcome.QUOTA_STOPPED, "another generation (" + job.jobId() + ", for " + job.principalArn()
                        + ") held the account's only slot for longer than policygen.generation.max-wait; the remaining principals"
                        + " are deferred to a later run");
                return false;
            }
        }
    }

    private static int startedSince(List<ListedJob> jobs, Instant since) {
        return (int) jobs.stream().filter(job -> job.startedOn() != null && job.startedOn().isAfter(since)).count();
    }
}
