package io.policygen.generation;

import io.policygen.log.LogEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many days of CloudTrail a slot asks for. One generation may read at most 100,000 log files (about one per
 * account, Region and 5 minutes: 90 days of 4 active Regions is over) and 25 GB of them; a generation over either
 * fails after acceptance, and still counts against the daily quota. The window is halved then, learnt per account and
 * Region, and kept for the principals that follow, so an account spends one failed generation learning it (two or more
 * only where it is more than twice over the limit). What made it necessary can pass (a burst of activity, a Region no
 * longer used), and a short window leaves out what a principal does monthly: once a learnt window is
 * {@code refresh-after} old, the slot asks for twice its days, keeps them if a generation fits, and halves back if not
 * (one failed generation a refresh period where the account still needs it). Never more than the configured lookback.
 */
final class CloudTrailWindow {

    private static final Logger log = LoggerFactory.getLogger(CloudTrailWindow.class);

    private final SlotStore slots;
    private final GenerationProperties properties;
    private final Clock clock;
    /** The slot asks for twice a learnt window's days until a generation proves they fit, or fails for them. */
    private boolean widening;

    CloudTrailWindow(SlotStore slots, GenerationProperties properties, Clock clock) {
        this.slots = slots;
        this.properties = properties;
        this.clock = clock;
    }

    /** Takes what earlier runs learnt for the slot, widened once it is a refresh period old. */
    void load(AccountSlot slot, SlotOpenings openings) {
        var learnt = openings.window(slot.id());
        if (learnt.isEmpty()) {
            return;
        }
        int days = learnt.get().days();
        int configured = (int) properties.lookback().toDays();
        if (days < configured && !learnt.get().setAt().plus(properties.refreshAfter()).isAfter(clock.instant())) {
            widening = true;
            slot.windowDays(Math.min(2 * days, configured));
            LogEvent.info(log, "window-widened").with(slot.id()).with("days", slot.windowDays()).with("previousDays", days)
                    .with("learntAt", learnt.get().setAt()).log();
        } else {
            slot.windowDays(days);
        }
    }

    Duration lookback(AccountSlot slot) {
        Duration configured = properties.lookback();
        return slot.windowDays() == null || configured.toDays() <= slot.windowDays() ? configured : Duration.ofDays(slot.windowDays());
    }

    /**
     * After a request's generation ended: true when the principal is to be asked for again, on a window halved for the
     * CloudTrail limits; a success on a widened window keeps it. False also when the request asked for a single day
     * already (the slot is stopped: only fewer Regions can help).
     */
    boolean settled(AccountSlot slot, GenerationRequest request, OutcomePolicy.Next next) {
        if (next == OutcomePolicy.Next.SMALLER_WINDOW) {
            return shrink(slot, request);
        }
        if (next == OutcomePolicy.Next.SUCCEEDED && widening && days(request) >= slot.windowDays()) {
            widening = false;
            int days = slot.windowDays();
            slots.recordWindowDays(slot.id(), days >= properties.lookback().toDays() ? null : days, clock.instant());
            LogEvent.info(log, "window-kept").with(slot.id()).with("days", days).log();
        }
        return false;
    }

    private boolean shrink(AccountSlot slot, GenerationRequest failed) {
        long days = days(failed);
        if (days <= 1) {
            slot.stopForSetup(SlotOutcome.SETUP_FAILED, SetupFixes.forCloudTrailLimitInOneDay());
            return false;
        }
        int smaller = (int) (days / 2);
        if (slot.windowDays() == null || smaller < slot.windowDays()) {
            widening = false;
            slot.windowDays(smaller);
            slots.recordWindowDays(slot.id(), smaller, clock.instant());
        }
        LogEvent.info(log, "window-shrunk").with(slot.id()).with("days", slot.windowDays()).with("previousDays", days)
                .quoted("reason", SetupFixes.CLOUDTRAIL_LIMIT).log();
        return true;
    }

    private static long days(GenerationRequest request) {
        return Math.max(1, Duration.between(request.startTime(), request.endTime()).toDays());
    }

    /**
     * The principal's request: the window ends now, or, where a learnt window would not reach back to the principal's
     * last use (eligible within the configured lookback, used before the learnt window's start), at the end of the day
     * it was last used. CloudTrail holds nothing of it after that day, and a window ending now would read none of its
     * activity: a generation spent for a policy with nothing in it.
     */
    GenerationRequest request(AccountSlot slot, DuePrincipal principal, Instant now) {
        Duration window = lookback(slot);
        Instant end = now;
        Instant lastUse = principal.lastUsedAt();
        if (lastUse != null && lastUse.isBefore(now.minus(window))) {
            end = lastUse.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
        }
        return new GenerationRequest(principal.principalArn(), properties.trails(),
                properties.accessRoleArn(slot.id().accountId()), end.minus(window), end);
    }
}
