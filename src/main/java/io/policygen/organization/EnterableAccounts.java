package io.policygen.organization;

import java.util.List;

/**
 * The accounts policygen can enter in a run, as the account table says after the run's listings: those to generate in
 * (in scope, ACTIVE, their member role worked and their principals listed whole) and those the settings leave out
 * that this run's listing returned ACTIVE and whose member role worked, where policygen may still read what it started.
 * The generate step's slots are theirs; an account in neither has none.
 */
public record EnterableAccounts(List<String> inScope, List<String> leftOut) {

    public EnterableAccounts {
        inScope = List.copyOf(inScope);
        leftOut = List.copyOf(leftOut);
    }

    public boolean contains(String accountId) {
        return inScope.contains(accountId) || leftOut.contains(accountId);
    }
}
