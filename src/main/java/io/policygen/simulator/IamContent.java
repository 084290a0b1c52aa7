package io.policygen.simulator;

import java.time.Clock;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each principal of the organization may do and when it was last used ({@link PrincipalDetails}), the
 * account's groups and managed policies: computed from the seed for seeded principals, set by tests for any
 * principal (by its unique id, so a principal created again under the same name starts afresh). An added principal
 * with nothing set has no policy and was never used; a service-linked role only a last use; an Identity Center role
 * its permission set's policy and a last use.
 */
final class IamContent {

    private final SimulatedOrganization organization;
    private final Clock clock;
    private final long seed;
    private final Map<String, PrincipalDetails> set = new ConcurrentHashMap<>();

    IamContent(SimulatedOrganization organization, Clock clock, long seed) {
        this.organization = organization;
        this.clock = clock;
        this.seed = seed;
    }

    PrincipalDetails details(Principal p) {
        PrincipalDetails own = set.get(p.id());
        if (own != null) {
            return own;
        }
        AccountPrincipals principals = organization.principalsOf(organization.account(p.accountId()).orElseThrow());
        if (p.serviceLinked()) {
            return PrincipalDetails.none().usedAt(principals.life(p.id()).lastUsed(organization.epoch(), clock.instant()));
        }
        if (principals.identityCenterRole(p)) {
            return PrincipalDetails.none().usedAt(principals.life(p.id()).lastUsed(organization.epoch(), clock.instant()))
                    .attach(IdentityCenter.policyArn(p).orElseThrow());
        }
        return principals.seeded(p)
                ? PrincipalContent.of(p, principals.life(p.id()), organization.epoch(), clock.instant())
                : PrincipalDetails.none();
    }

    /** The actions the principal may perform by its policies ({@link PrincipalGrants}). */
    BitSet granted(Principal p) {
        return granted(p, details(p));
    }

    /** The same, from the principal's details read already. */
    BitSet granted(Principal p, PrincipalDetails details) {
        Account account = organization.account(p.accountId()).orElseThrow();
        return PrincipalGrants.of(details, details.groups().isEmpty() ? List.of() : groups(account),
                () -> managedPolicies(account));
    }

    void set(Principal p, PrincipalDetails details) {
        set.put(p.id(), details);
    }

    List<AccountGroups.Group> groups(Account account) {
        return AccountGroups.of(seed, account);
    }

    /** The managed policies GetAccountAuthorizationDetails lists for the account: every AWS managed one the simulator knows, and the account's own. */
    List<ManagedPolicy> managedPolicies(Account account) {
        List<ManagedPolicy> policies = new ArrayList<>(PolicyCatalog.get().awsManaged());
        policies.addAll(PolicyCatalog.get().customerManaged(seed, account.id(), account.joined()));
        return policies;
    }
}
