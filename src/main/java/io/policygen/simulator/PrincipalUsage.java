package io.policygen.simulator;

/**
 * What a principal did in CloudTrail, as far as the shape of its generated policy goes (seeded from its ARN, within
 * what its policies let it do).
 *
 * @param serviceLevelOnly it used a service that Access Analyzer identifies only at service level, not by action
 *                         (about one principal in six, of those granted more services than they used): its policy
 *                         carries a {@code service:*} statement and {@code isComplete} is false
 * @param broad            it used many services and actions (about one principal in twelve, of those granted at
 *                         least 16 services): its policy is longer than 6,144 characters and comes back split into
 *                         several documents
 * @param idle             it called nothing it needs a permission for (about one principal in 25): its generation
 *                         succeeds with no document, everything it may do unused
 */
public record PrincipalUsage(boolean serviceLevelOnly, boolean broad, boolean idle) {

    /** {@code isComplete} of its generated policy: every action of every service it used is there. */
    public boolean complete() {
        return !serviceLevelOnly;
    }
}
