package io.policygen.organization;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The organization port in memory: accounts directly under the root or under OUs (which may hold OUs), listed the
 * way {@link AwsOrganizationAccounts} lists them from AWS. Wire-level behaviour is tested against the simulator.
 */
final class InMemoryOrganizationAccounts implements OrganizationAccounts {

    private final Map<String, List<OrgAccount>> accountsByParent = new LinkedHashMap<>();
    private final Map<String, List<String>> childOus = new LinkedHashMap<>();
    private RuntimeException failAfterFirst;
    private int failingListings;
    int listings;

    InMemoryOrganizationAccounts account(String parentId, String accountId, String state) {
        accountsByParent.computeIfAbsent(parentId, k -> new ArrayList<>())
                .add(new OrgAccount(accountId, "account-" + accountId, accountId + "@example.com", state, null));
        return this;
    }

    InMemoryOrganizationAccounts ou(String parentId, String ouId) {
        childOus.computeIfAbsent(parentId, k -> new ArrayList<>()).add(ouId);
        return this;
    }

    /** After the first account, every listing fails this way (a throttling storm past the SDK's retries). */
    InMemoryOrganizationAccounts failingAfterFirst(RuntimeException failure) {
        return failingAfterFirst(failure, Integer.MAX_VALUE);
    }

    /** The same, in the first {@code listings} listings only. */
    InMemoryOrganizationAccounts failingAfterFirst(RuntimeException failure, int listings) {
        this.failAfterFirst = failure;
        this.failingListings = listings;
        return this;
    }

    @Override
    public Stream<OrgAccount> accounts(List<String> ouIds) {
        listings++;
        Stream<OrgAccount> accounts = ouIds.isEmpty()
                ? accountsByParent.values().stream().flatMap(List::stream)
                : ouIds.stream().flatMap(this::under);
        if (failAfterFirst == null || listings > failingListings) {
            return accounts;
        }
        int[] seen = {0};
        return accounts.peek(account -> {
            if (seen[0]++ > 0) {
                throw failAfterFirst;
            }
        });
    }

    private Stream<OrgAccount> under(String parentId) {
        Stream<OrgAccount> here = accountsByParent.getOrDefault(parentId, List.of()).stream()
                .map(a -> new OrgAccount(a.accountId(), a.name(), a.email(), a.state(), parentId));
        return Stream.concat(here, childOus.getOrDefault(parentId, List.of()).stream().flatMap(this::under));
    }
}
