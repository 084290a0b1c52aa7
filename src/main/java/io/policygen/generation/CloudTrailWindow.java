package io.policygen.generation;

import io.policygen.log.LogEvent;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many days of CloudTrail a slot asks for. One generation may read at most 100,000 log files (about one per
 * account, Region and 5 minutes: 90 days of 4 active Regions is over) and 25 GB of them; a generation over either
 * fails after acceptance, and still counts against the daily quota. The window is halved then, learnt per account and Region, and kept for the
 * principals that follow, so an account spends one failed generation learning it (two or more only where it is more
 * than twice over the limit).
 */
final class CloudTrailWindow {

    private static final Logger log = LoggerFactory.getLogger(CloudTrailWindow.class);

    private final SlotStore slots;
    private final GenerationProperties properties;

    CloudTrailWindow(SlotStore slots, GenerationProperties properties) {
        this.slots = slots;
        this.properties = properties;
    }

    /** Takes what earlier runs learnt for the slot. */
    void load(AccountSlot slot, SlotOpenings openings) {
        slot.windowDays(openings.windowDays(slot.id()).orElse(null));
    }

    Duration lookback(AccountSlot slot) {
        return slot.windowDays() == null ? properties.lookback() : Duration.ofDays(slot.windowDays());
    }

    /** Why a window shrinks: the generation's own message is in its log line and its row. */
    private static final String REASON = "more CloudTrail than one generation may read (100,000 log files or 25 GB)";

    /**
     * After a generation failed for the CloudTrail limits: halves the window it asked for; false when it asked for a
     * single day already (the slot is stopped: only fewer Regions can help).
     */
    boolean shrink(AccountSlot slot, GenerationRequest failed) {
        long days = Math.max(1, Duration.between(failed.startTime(), failed.endTime()).toDays());
        if (days <= 1) {
            slot.stopForSetup(SlotOutcome.SETUP_FAILED, SetupFixes.forCloudTrailLimitInOneDay(REASON));
            return false;
        }
        int smaller = (int) (days / 2);
        if (slot.windowDays() == null || smaller < slot.windowDays()) {
            slot.windowDays(smaller);
            slots.recordWindowDays(slot.id(), smaller);
        }
        LogEvent.info(log, "window-shrunk").with(slot.id()).with("days", slot.windowDays()).with("previousDays", days)
                .quoted("reason", REASON).log();
        return true;
    }

    GenerationRequest request(AccountSlot slot, DuePrincipal principal, Instant end) {
        return new GenerationRequest(principal.principalArn(), properties.trails(),
                properties.accessRoleArn(slot.id().accountId()), end.minus(lookback(slot)), end);
    }
}
