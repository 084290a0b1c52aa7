package io.policygen.organization;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The organization port in memory: accounts directly under the root or under OUs (which may hold OUs), in pages of
 * {@code pageSize}, the token a page's offset. Wire-level behaviour is tested against the simulator.
 */
final class InMemoryOrganizationPages implements OrganizationPages {

    private final Map<String, List<OrgAccount>> accountsByParent = new LinkedHashMap<>();
    private final Map<String, List<String>> childOus = new LinkedHashMap<>();
    private int pageSize = 20;
    private RuntimeException failure;
    private int answerFirst;
    private int failing;
    /** Every page call answered, as "operation parent token". */
    final List<String> answered = new ArrayList<>();
    int calls;

    InMemoryOrganizationPages account(String parentId, String accountId, String state) {
        accountsByParent.computeIfAbsent(parentId, k -> new ArrayList<>())
                .add(new OrgAccount(accountId, "account-" + accountId, accountId + "@example.com", state, null));
        return this;
    }

    InMemoryOrganizationPages ou(String parentId, String ouId) {
        childOus.computeIfAbsent(parentId, k -> new ArrayList<>()).add(ouId);
        return this;
    }

    InMemoryOrganizationPages pageSize(int pageSize) {
        this.pageSize = pageSize;
        return this;
    }

    /** After the first {@code answerFirst} calls, the next {@code failing} fail this way (an outage past the SDK's retries). */
    InMemoryOrganizationPages failing(RuntimeException failure, int answerFirst, int failing) {
        this.failure = failure;
        this.answerFirst = answerFirst;
        this.failing = failing;
        return this;
    }

    @Override
    public Page<OrgAccount> accounts(String parentId, String token) {
        List<OrgAccount> accounts = parentId == null
                ? accountsByParent.values().stream().flatMap(List::stream).toList()
                : accountsByParent.getOrDefault(parentId, List.of()).stream()
                        .map(a -> new OrgAccount(a.accountId(), a.name(), a.email(), a.state(), parentId)).toList();
        return page(parentId == null ? "ListAccounts" : "ListAccountsForParent " + parentId, accounts, token);
    }

    @Override
    public Page<String> organizationalUnits(String parentId, String token) {
        return page("ListOrganizationalUnitsForParent " + parentId, childOus.getOrDefault(parentId, List.of()), token);
    }

    private <T> Page<T> page(String call, List<T> items, String token) {
        calls++;
        if (failure != null && calls > answerFirst && calls <= (long) answerFirst + failing) {
            throw failure;
        }
        int from = token == null ? 0 : Integer.parseInt(token);
        int to = Math.min(items.size(), from + pageSize);
        answered.add(call + " " + from);
        return new Page<>(items.subList(from, to), to < items.size() ? String.valueOf(to) : null);
    }
}
