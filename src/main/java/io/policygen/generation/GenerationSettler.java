package io.policygen.generation;

import io.policygen.log.LogEvent;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings one request to its end: a request without a job is recovered (when an earlier run sent it) or sent, and
 * the job is then followed until it finishes. Used for this run's new requests and for those earlier runs left open.
 */
final class GenerationSettler {

    private static final Logger log = LoggerFactory.getLogger(GenerationSettler.class);

    private final GenerationSender sender;
    private final GenerationTracker tracker;

    GenerationSettler(GenerationSender sender, GenerationTracker tracker) {
        this.sender = sender;
        this.tracker = tracker;
    }

    /** What comes next for the principal: nothing, or a new request on a smaller window. */
    OutcomePolicy.Next settle(AccountSlot slot, OpenGeneration generation) throws InterruptedException {
        OpenGeneration current = generation;
        boolean resumed = current.jobId() != null;
        if (!resumed && current.requestedAt().isBefore(slot.openedAt().minus(PolicyGenerations.LISTED_FOR))) {
            // no listing shows it any more, and re-sent it would ask for a window that ended a week ago or more
            return tracker.lost(slot, current, "the answer to this request was lost (the run that sent it ended before"
                    + " hearing it) and Access Analyzer lists a generation for 7 days, so it cannot be found; re-sent, it"
                    + " would ask for a window that ended then");
        }
        if (!resumed && current.requestedAt().isBefore(slot.openedAt())) {
            current = sender.recover(slot, current);
            resumed = current.jobId() != null;
        }
        if (!resumed && !slot.sendsUnsent()) {
            LogEvent.info(log, "request-left-unsent").with(slot.id()).with("principal", current.principalArn())
                    .quoted("detail", "its account is out of scope now and AWS holds no generation of it: sent only if the"
                            + " account is taken back in").log();
            return OutcomePolicy.Next.DONE;
        }
        if (!resumed) {
            Optional<String> jobId = sender.send(slot, current);
            if (jobId.isEmpty()) {
                return OutcomePolicy.Next.DONE;
            }
            current = current.withJobId(jobId.get());
        }
        return tracker.track(slot, current, resumed);
    }
}
