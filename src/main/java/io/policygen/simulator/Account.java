package io.policygen.simulator;

import java.time.Instant;

/**
 * One account of the simulated organization.
 *
 * @param index      0 for the management account, then 1..n-1
 * @param parentId   the root or OU the account sits in
 * @param state      ACTIVE or SUSPENDED (sent as both {@code State} and the retired {@code Status})
 * @param assumable  false: AssumeRole of the member role into this account is refused
 */
public record Account(int index, String id, String name, String email, String parentId, String state,
                      boolean assumable, Instant joined, String joinedMethod) {

    public boolean active() {
        return "ACTIVE".equals(state);
    }

    public boolean management() {
        return index == 0;
    }
}
