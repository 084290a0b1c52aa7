package io.policygen.organization;

/** A member account as Organizations lists it. {@code parentId} is the OU it was found under, if scoped by OU. */
public record OrgAccount(String accountId, String name, String email, String state, String parentId) {

    public static final String ACTIVE = "ACTIVE";

    public boolean active() {
        return ACTIVE.equals(state);
    }
}
