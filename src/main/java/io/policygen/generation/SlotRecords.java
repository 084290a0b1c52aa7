package io.policygen.generation;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a slot ended, for the reports: done (its deferral and setup problem forgotten), or deferred with the reason (a
 * quota, the deadline, no answer) or stopped for its setup with the fix; with the daily quota the job used there.
 */
final class SlotRecords {

    private static final Logger log = LoggerFactory.getLogger(SlotRecords.class);

    private final SlotStore slots;
    private final GenerationProperties properties;
    private final Clock clock;

    SlotRecords(SlotStore slots, GenerationProperties properties, Clock clock) {
        this.slots = slots;
        this.properties = properties;
        this.clock = clock;
    }

    void record(AccountSlot slot) {
        SlotOutcome outcome = slot.outcome();
        int dailyQuota = properties.dailyQuota(slot.id().region());
        if (outcome == SlotOutcome.DONE) {
            slots.finish(slot.id(), dailyQuota, clock.instant());
        } else if (outcome.defers()) {
            slots.defer(slot.id(), outcome, slot.stopReason(), slot.setupProblem(), dailyQuota, slot.runId(), clock.instant());
            if (outcome.needsSetupFix()) {
                log.warn("event=account-setup-problem {} outcome={} reason=\"{}\"", slot.id(), outcome, slot.stopReason());
            } else {
                log.info("event=account-deferred {} outcome={} reason=\"{}\"", slot.id(), outcome, slot.stopReason());
            }
        }
    }
}
