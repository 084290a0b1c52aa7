package io.policygen.organization;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the scope settings ask for that the organization's last complete listing did not give: an included account it
 * did not return (a typo, or one that left the organization) or returned not ACTIVE, and a scope holding no account at
 * all. Each would otherwise end a run that did nothing for it with exit 0, night after night.
 */
public final class AccountScopeProblems {

    private final AccountStore accounts;
    private final OrganizationProperties organization;

    public AccountScopeProblems(AccountStore accounts, OrganizationProperties organization) {
        this.accounts = accounts;
        this.organization = organization;
    }

    /** One line a problem, naming the setting; none when the scope is as configured. */
    public List<String> find() {
        List<String> problems = new ArrayList<>();
        Map<String, String> inScope = accounts.statesInScope();
        organization.includeAccounts().stream().filter(id -> !organization.excludeAccounts().contains(id)).sorted()
                .forEach(id -> {
                    String state = inScope.get(id);
                    if (state == null) {
                        problems.add("policygen.organization.include-accounts names " + id + ", which the organization's"
                                + " listing did not return" + (organization.ouIds().isEmpty() ? "" : " under policygen.organization.ou-ids")
                                + ": correct the id, or remove it from the list");
                    } else if (!OrgAccount.ACTIVE.equals(state)) {
                        problems.add("policygen.organization.include-accounts names " + id + ", which is " + state
                                + ", not ACTIVE: remove it from the list");
                    }
                });
        if (inScope.values().stream().noneMatch(OrgAccount.ACTIVE::equals)) {
            problems.add("no ACTIVE account of the organization is in scope: check policygen.organization.ou-ids,"
                    + " include-accounts and exclude-accounts");
        }
        return problems;
    }
}
