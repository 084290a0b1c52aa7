package io.policygen.generation;

import io.policygen.log.LogEvent;
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
        if (slot.settlesOnly()) {
            if (slot.accountLeftOut() && slot.stopReason() != null) {
                LogEvent.warn(log, "left-out-account-unread").with(slot.id()).quoted("reason", slot.stopReason())
                        .quoted("detail", "its requests stay open for a run that can read them; the settings leave the"
                                + " account out, so the run does not count it as a setup problem").log();
            }
            return; // a Region or account no longer worked: nothing of it for the reports (RunStore.recordReportSettings)
        }
        SlotOutcome outcome = slot.outcome();
        int dailyQuota = properties.dailyQuota(slot.id().region());
        if (outcome == SlotOutcome.DONE) {
            slots.finish(slot.id(), dailyQuota, clock.instant());
        } else if (outcome.defers()) {
            slots.defer(slot.id(), outcome, slot.stopReason(), slot.setupProblem(), dailyQuota, slot.runId(), clock.instant());
            if (outcome.needsSetupFix()) {
                LogEvent.warn(log, "account-setup-problem").with(slot.id()).with("outcome", outcome).quoted("reason", slot.stopReason()).log();
            } else {
                LogEvent.info(log, "account-deferred").with(slot.id()).with("outcome", outcome).quoted("reason", slot.stopReason()).log();
            }
        }
    }
}
