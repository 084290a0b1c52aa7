package io.policygen.principal;

import io.policygen.principal.IamEntity.ListedGroup;
import io.policygen.principal.IamEntity.ListedPolicy;
import io.policygen.principal.IamEntity.ListedPrincipal;
import java.time.Instant;
import java.util.List;

/** What discovery reads from an account and stores: principals with their assessment, managed policies, groups. */
public sealed interface IamItem {

    /** A managed policy at a version; version null for one the account's listing did not show. */
    record PolicyVersion(String arn, String version) {
    }

    /** What the principal may do and whether it gets a generation, as discovery found it. */
    record Assessment(Breadth breadth, List<String> broadestGrants, String policyHash, String fingerprint,
                      Eligibility eligibility, String reason) {
    }

    /** {@code contentHash}: of every value stored of the principal ({@link ContentHash}), to tell whether it changed. */
    record DiscoveredPrincipal(String accountId, ListedPrincipal listed, List<PolicyVersion> attached,
                               PolicyVersion boundary, LastUse lastUse, Assessment assessment, String contentHash)
            implements IamItem {

        public DiscoveredPrincipal(String accountId, ListedPrincipal listed, List<PolicyVersion> attached,
                                   PolicyVersion boundary, LastUse lastUse, Assessment assessment) {
            this(accountId, listed, attached, boundary, lastUse, assessment,
                    ContentHash.of(accountId, listed, attached, boundary, lastUse, assessment));
        }

        public String iamId() {
            return listed.iamId();
        }

        public String arn() {
            return listed.arn();
        }

        public String name() {
            return listed.name();
        }

        public PrincipalType type() {
            return listed.type();
        }

        public Instant createdAt() {
            return listed.createdAt();
        }
    }

    record DiscoveredPolicy(ListedPolicy policy, PolicyBreadth breadth) implements IamItem {
    }

    record DiscoveredGroup(String accountId, ListedGroup group, List<PolicyVersion> attached) implements IamItem {
    }
}
