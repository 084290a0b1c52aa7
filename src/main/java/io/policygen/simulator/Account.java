package io.policygen.simulator;

import java.time.Instant;
import java.util.List;

/**
 * One account of the simulated organization.
 *
 * @param index      0 for the management account, then 1..n-1
 * @param parentId   the root or OU the account sits in
 * @param state      ACTIVE, SUSPENDED, PENDING_ACTIVATION, PENDING_CLOSURE or CLOSED (Organizations' {@code State})
 * @param assumable  false: AssumeRole of the member role into this account is refused
 */
public record Account(int index, String id, String name, String email, String parentId, String state,
                      boolean assumable, Instant joined, String joinedMethod) {

    /** Organizations' {@code AccountState} values. */
    static final List<String> STATES = List.of("ACTIVE", "SUSPENDED", "PENDING_ACTIVATION", "PENDING_CLOSURE", "CLOSED");

    /** The account in another State: AWS suspended it, its owner closed it, it was reinstated. */
    Account withState(String newState) {
        if (management()) {
            throw new IllegalArgumentException("the management account's state cannot change");
        }
        if (!STATES.contains(newState)) {
            throw new IllegalArgumentException("state must be one of " + STATES + ", was " + newState);
        }
        return new Account(index, id, name, email, parentId, newState, assumable, joined, joinedMethod);
    }

    public boolean active() {
        return "ACTIVE".equals(state);
    }

    public boolean management() {
        return index == 0;
    }

    /**
     * Whether anyone can work in the account: ACTIVE, or PENDING_CLOSURE (the closure is not done, the account
     * still works); PENDING_ACTIVATION, SUSPENDED and CLOSED accounts are unusable, per the Organizations user
     * guide "Monitor the state of your AWS accounts".
     */
    public boolean usable() {
        return active() || "PENDING_CLOSURE".equals(state);
    }

    /**
     * The retired {@code Status} for this {@code State}, which has only ACTIVE, SUSPENDED and PENDING_CLOSURE:
     * an account whose sign-up is not complete was ACTIVE, a closed one SUSPENDED (AWS's announcement of the
     * State field says as much: "ACTIVE" accounts "may not necessarily be fully activated", "SUSPENDED" did not
     * tell closures from suspensions).
     */
    public String status() {
        return switch (state) {
            case "PENDING_ACTIVATION" -> "ACTIVE";
            case "CLOSED" -> "SUSPENDED";
            default -> state;
        };
    }
}
