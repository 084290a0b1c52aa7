package io.policygen.simulator;

import java.util.List;
import java.util.Map;

/**
 * How many member accounts the seeded organization holds in each lifecycle state besides ACTIVE and
 * SUSPENDED (see {@link Account#status()} for the retired {@code Status} each one maps to).
 *
 * @param pendingActivation sign-up never completed: listed, unusable (AssumeRole refused)
 * @param pendingClosure    closure requested: listed, still usable
 * @param closed            closed, in the 90-day reinstatement window: listed, unusable
 */
public record AccountStates(int pendingActivation, int pendingClosure, int closed) {

    public static final AccountStates NONE = new AccountStates(0, 0, 0);
    /** Marks an ACTIVE account whose member role cannot be assumed. */
    static final String UNASSUMABLE = "UNASSUMABLE";

    public AccountStates {
        if (pendingActivation < 0 || pendingClosure < 0 || closed < 0) {
            throw new IllegalArgumentException("--pending-activation-accounts, --pending-closure-accounts and "
                    + "--closed-accounts: must be >= 0");
        }
    }

    /**
     * The state of each account index (null: ACTIVE, {@link #UNASSUMABLE}: ACTIVE but not assumable), given the
     * member accounts in their seeded order: suspended first, then unassumable, pending activation, pending
     * closure and closed ones.
     */
    static String[] assign(SimulatorOptions options, List<Integer> members) {
        String[] states = new String[options.accounts()];
        AccountStates more = options.accountStates();
        int next = 0;
        for (Map.Entry<String, Integer> wanted : List.of(Map.entry("SUSPENDED", options.suspendedAccounts()),
                Map.entry(UNASSUMABLE, options.unassumableAccounts()),
                Map.entry("PENDING_ACTIVATION", more.pendingActivation()),
                Map.entry("PENDING_CLOSURE", more.pendingClosure()), Map.entry("CLOSED", more.closed()))) {
            for (int k = 0; k < wanted.getValue(); k++) {
                states[members.get(next++)] = wanted.getKey();
            }
        }
        return states;
    }

    int total() {
        return pendingActivation + pendingClosure + closed;
    }
}
