package io.policygen.simulator;

/**
 * What a principal did in CloudTrail, as far as the shape of its generated policy goes (seeded from its ARN).
 *
 * @param serviceLevelOnly it used services that Access Analyzer identifies only at service level, not by action
 *                         (about one principal in six): its policies carry {@code service:*} statements and
 *                         {@code isComplete} is false
 * @param broad            it used many services and actions (about one principal in twelve): its policy is longer
 *                         than 6,144 characters and comes back split into several documents
 */
public record PrincipalUsage(boolean serviceLevelOnly, boolean broad) {

    static PrincipalUsage of(long seed, String principalArn) {
        long h = Hashing.hash(seed, principalArn);
        return new PrincipalUsage(Hashing.below(Hashing.hash(h, 201), 6) == 0, Hashing.below(Hashing.hash(h, 202), 12) == 0);
    }

    /** {@code isComplete} of its generated policy: every action of every service it used is there. */
    public boolean complete() {
        return !serviceLevelOnly;
    }
}
