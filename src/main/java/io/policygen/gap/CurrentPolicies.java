package io.policygen.gap;

import java.util.List;

/**
 * What a principal may do today: its inline and attached managed policies, for a user its groups' policies, and at
 * most one permissions boundary.
 */
public record CurrentPolicies(List<AttachedPolicy> policies) {

    public CurrentPolicies {
        policies = List.copyOf(policies);
        if (policies.stream().filter(policy -> policy.kind() == PolicyKind.BOUNDARY).count() > 1) {
            throw new IllegalArgumentException("a principal has at most one permissions boundary");
        }
    }

    public static CurrentPolicies of(AttachedPolicy... policies) {
        return new CurrentPolicies(List.of(policies));
    }
}
