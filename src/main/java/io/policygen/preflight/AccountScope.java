package io.policygen.preflight;

import io.policygen.organization.OrgAccount;
import io.policygen.organization.OrganizationProperties;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The accounts a run would work in, as it chooses them: listed by Organizations (under the configured OUs, if any),
 * ACTIVE, and let in by the include / exclude lists. Only their ids are kept, sorted.
 *
 * @param listed  accounts Organizations listed
 * @param inScope the ids of those a run works in, in order
 */
record AccountScope(int listed, List<String> inScope) {

    static AccountScope of(Stream<OrgAccount> accounts, OrganizationProperties properties) {
        int[] listed = {0};
        TreeSet<String> inScope = new TreeSet<>();
        accounts.forEach(account -> {
            listed[0]++;
            if (account.active() && properties.admits(account.accountId())) {
                inScope.add(account.accountId());
            }
        });
        return new AccountScope(listed[0], List.copyOf(inScope));
    }

    /**
     * Every account in scope; or, for a sample, the account policygen runs in (if in scope) and the first
     * {@code sample} others by id: the same accounts each time, so that a fix can be checked again.
     */
    List<String> select(PreflightOptions options, String ownAccount) {
        if (!options.sampled()) {
            return inScope;
        }
        TreeSet<String> chosen = new TreeSet<>();
        if (inScope.contains(ownAccount)) {
            chosen.add(ownAccount);
        }
        inScope.stream().filter(id -> !id.equals(ownAccount)).limit(options.sample()).forEach(chosen::add);
        return List.copyOf(chosen);
    }

    /** Accounts the include list names (and the exclude list does not) that are not ACTIVE accounts in scope. */
    List<String> missing(OrganizationProperties properties) {
        return properties.includeAccounts().stream()
                .filter(id -> !inScope.contains(id) && !properties.excludeAccounts().contains(id)).sorted().toList();
    }
}
