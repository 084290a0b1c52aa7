package io.policygen.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What IAM knows of a role or user beyond its name: its policies, its tags and when it was last used. Seeded
 * principals get theirs from the seed; a test sets a principal's own with
 * {@link Simulator#setDetails(String, PrincipalDetails)}, starting from {@link #none()}:
 * <pre>{@code
 * sim.setDetails(arn, PrincipalDetails.none().usedAt(yesterday).attach(PrincipalDetails.ADMINISTRATOR_ACCESS)
 *         .tag("policygen:skip", "2031-01-01"));
 * }</pre>
 *
 * @param lastUsed         for a role its RoleLastUsed; for a user the latest of its password's and access keys' use
 *                         (the credential report); null: never (as far as IAM tracks)
 * @param managedPolicyArns attached managed policies, AWS's or the account's
 * @param inlinePolicies   inline policies by name, their documents as JSON
 * @param permissionsBoundaryArn a managed policy's ARN, or null
 * @param groups           for a user, the names of its groups (the account's: see {@code AccountGroups})
 */
public record PrincipalDetails(Instant lastUsed, String lastUsedRegion, Map<String, String> tags,
                               List<String> managedPolicyArns, Map<String, String> inlinePolicies,
                               String permissionsBoundaryArn, List<String> groups) {

    public static final String ADMINISTRATOR_ACCESS = "arn:aws:iam::aws:policy/AdministratorAccess";
    public static final String POWER_USER_ACCESS = "arn:aws:iam::aws:policy/PowerUserAccess";
    public static final String READ_ONLY_ACCESS = "arn:aws:iam::aws:policy/ReadOnlyAccess";
    public static final String OPT_OUT_TAG = "policygen:skip";

    public PrincipalDetails {
        tags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        managedPolicyArns = List.copyOf(managedPolicyArns);
        inlinePolicies = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inlinePolicies));
        groups = List.copyOf(groups);
    }

    /** Never used, no policy, no tag, no group. */
    public static PrincipalDetails none() {
        return new PrincipalDetails(null, null, Map.of(), List.of(), Map.of(), null, List.of());
    }

    public PrincipalDetails usedAt(Instant when) {
        return new PrincipalDetails(when, when == null ? null : "us-east-1", tags, managedPolicyArns, inlinePolicies,
                permissionsBoundaryArn, groups);
    }

    public PrincipalDetails tag(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(tags);
        more.put(key, value);
        return new PrincipalDetails(lastUsed, lastUsedRegion, more, managedPolicyArns, inlinePolicies,
                permissionsBoundaryArn, groups);
    }

    public PrincipalDetails attach(String policyArn) {
        List<String> more = new ArrayList<>(managedPolicyArns);
        more.add(policyArn);
        return new PrincipalDetails(lastUsed, lastUsedRegion, tags, more, inlinePolicies, permissionsBoundaryArn, groups);
    }

    public PrincipalDetails inline(String name, String document) {
        Map<String, String> more = new LinkedHashMap<>(inlinePolicies);
        more.put(name, document);
        return new PrincipalDetails(lastUsed, lastUsedRegion, tags, managedPolicyArns, more, permissionsBoundaryArn, groups);
    }

    public PrincipalDetails boundary(String policyArn) {
        return new PrincipalDetails(lastUsed, lastUsedRegion, tags, managedPolicyArns, inlinePolicies, policyArn, groups);
    }

    public PrincipalDetails inGroups(String... names) {
        return new PrincipalDetails(lastUsed, lastUsedRegion, tags, managedPolicyArns, inlinePolicies,
                permissionsBoundaryArn, List.of(names));
    }
}
