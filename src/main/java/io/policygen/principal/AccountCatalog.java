package io.policygen.principal;

import io.policygen.principal.IamEntity.ListedGroup;
import io.policygen.principal.IamEntity.ListedPolicy;
import io.policygen.principal.IamItem.DiscoveredGroup;
import io.policygen.principal.IamItem.DiscoveredPolicy;
import io.policygen.principal.IamItem.PolicyVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One account's managed policies (their default version and breadth, not their documents) and groups, read before
 * its roles and users so that each principal can be assessed as it streams by. Its size is bound by IAM's quotas
 * per account (customer managed policies, groups), not by the number of principals.
 */
final class AccountCatalog {

    /** A policy source of a principal: where it comes from (for the reports), what it may do, what identifies it. */
    record Source(String label, PolicyBreadth breadth, String identity) {
    }

    private record Policy(String name, String version, PolicyBreadth breadth) {
    }

    private final String accountId;
    private final Map<String, Policy> policies = new HashMap<>();
    private final Map<String, ListedGroup> groups = new LinkedHashMap<>();
    private final Map<String, List<Source>> groupSources = new HashMap<>();

    AccountCatalog(String accountId) {
        this.accountId = accountId;
    }

    DiscoveredPolicy add(ListedPolicy policy) {
        PolicyBreadth breadth = PolicyBreadth.of(policy.document());
        policies.put(policy.arn(), new Policy(policy.name(), policy.version(), breadth));
        return new DiscoveredPolicy(policy, breadth);
    }

    void add(ListedGroup group) {
        groups.put(group.name(), group);
    }

    /** The groups read, their attached policies at the versions read (once every policy has been read). */
    List<DiscoveredGroup> groups() {
        return groups.values().stream().map(g -> new DiscoveredGroup(accountId, g, versions(g.attachedPolicyArns()))).toList();
    }

    List<PolicyVersion> versions(List<String> arns) {
        return arns.stream().map(this::version).toList();
    }

    PolicyVersion version(String arn) {
        Policy policy = policies.get(arn);
        return new PolicyVersion(arn, policy == null ? null : policy.version());
    }

    /** An attached (or boundary) policy as a source; one the listing did not show allows nothing, as far as policygen knows. */
    Source attached(String arn) {
        Policy policy = policies.get(arn);
        String name = arn.substring(arn.lastIndexOf('/') + 1);
        return policy == null ? new Source(name + " (not listed)", new PolicyBreadth(Breadth.NONE, List.of()), arn + "@?")
                : new Source(policy.name(), policy.breadth(), arn + "@" + policy.version());
    }

    /** What a user has through one of its groups: the group's inline and attached policies. */
    List<Source> group(String name) {
        return groupSources.computeIfAbsent(name, n -> {
            ListedGroup group = groups.get(n);
            List<Source> sources = new ArrayList<>();
            if (group == null) {
                sources.add(new Source("group " + n + " (not listed)", new PolicyBreadth(Breadth.NONE, List.of()), "group:" + n));
                return sources;
            }
            group.inlinePolicies().forEach((policy, document) -> sources.add(new Source("group " + n + " inline " + policy,
                    PolicyBreadth.of(document), "group:" + n + ":inline:" + policy + "=" + document)));
            group.attachedPolicyArns().forEach(arn -> {
                Source attached = attached(arn);
                sources.add(new Source("group " + n + ": " + attached.label(), attached.breadth(),
                        "group:" + n + ":" + attached.identity()));
            });
            return sources;
        });
    }
}
