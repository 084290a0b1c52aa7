package io.policygen.generation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Until the organization's setup has been seen to work, a few accounts (the canaries) try it first and the others
 * wait before their first StartPolicyGeneration: a broken trail bucket policy or StackSet fails every account's
 * generations alike, and each failure still spends a generation of the account's day. The gate opens at the first
 * success anywhere, or once the canaries' first generations did not all fail for the same setup reason; it closes
 * (every waiting slot stops for the organization's setup) when they did.
 * <p>
 * It starts open when a generation succeeded in the last week ({@code provenRecently}), or with no canaries.
 */
public final class SetupGate {

    private enum State { UNKNOWN, PROBING, OPEN, CLOSED }

    private final int canaries;
    private final BooleanSupplier provenRecently;
    private final Duration recheck;
    private State state = State.UNKNOWN;
    private final Set<SlotId> seats = new HashSet<>();
    private final List<SetupProblem> canaryFailures = new ArrayList<>();
    private int canaryOutcomes;
    private SetupProblem closedFor;

    public SetupGate(int canaries, BooleanSupplier provenRecently, Duration recheck) {
        this.canaries = canaries;
        this.provenRecently = provenRecently;
        this.recheck = recheck;
    }

    /**
     * Waits until the slot may start generations; false when it must not (the gate closed: the slot is stopped for
     * the organization's setup, or the run must stop).
     */
    boolean awaitClearance(AccountSlot slot, SlotControl control) throws InterruptedException {
        while (true) {
            synchronized (this) {
                if (state == State.UNKNOWN) {
                    state = canaries == 0 || provenRecently.getAsBoolean() ? State.OPEN : State.PROBING;
                }
                if (state == State.OPEN || seats.contains(slot.id())) {
                    return true;
                }
                if (state == State.CLOSED) {
                    slot.stopForSetup(SlotOutcome.SETUP_FAILED, SetupFixes.forOrganization(canaries, closedFor));
                    return false;
                }
                if (seats.size() < canaries) {
                    seats.add(slot.id());
                    return true;
                }
            }
            control.sleep(recheck);
            if (slot.interrupted(control)) {
                return false;
            }
        }
    }

    synchronized void succeeded() {
        state = State.OPEN;
    }

    /** A canary's first generation ended: {@code problem} when it failed for its setup, else null. */
    synchronized void firstOutcome(SlotId slot, SetupProblem problem) {
        if (state != State.PROBING || !seats.contains(slot)) {
            return;
        }
        canaryOutcomes++;
        if (problem != null) {
            canaryFailures.add(problem);
        }
        if (canaryOutcomes < canaries) {
            return;
        }
        boolean allAlike = canaryFailures.size() == canaries
                && canaryFailures.stream().map(SetupProblem::code).distinct().count() == 1;
        if (allAlike) {
            state = State.CLOSED;
            closedFor = canaryFailures.getFirst();
        } else {
            state = State.OPEN;
        }
    }

    /** A canary that ended before its first generation did leaves its seat to a waiting slot. */
    synchronized void slotEnded(AccountSlot slot, boolean hadOutcome) {
        if (state == State.PROBING && !hadOutcome) {
            seats.remove(slot.id());
        }
    }

    synchronized boolean closed() {
        return state == State.CLOSED;
    }
}
