package io.policygen.simulator;

import io.policygen.simulator.Principal.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IAM Identity Center's roles. For each permission set assigned to an account, Identity Center creates a role
 * {@code AWSReservedSSO_NAME_SUFFIX} (the suffix 16 hex digits) under {@code /aws-reserved/sso.amazonaws.com/}, followed
 * by the Identity Center instance's Region ({@code /aws-reserved/sso.amazonaws.com/eu-west-2/} in
 * https://docs.aws.amazon.com/singlesignon/latest/userguide/referencingpermissionsets.html; an instance in us-east-1
 * has none, AWS's page silent on it: https://masterpoint.io/blog/fix-iam-trust-policy-errors-with-aws-sso-regional-arn
 * found it so), whose policies are the permission set's, the same in every account. Here each
 * permission set is one AWS managed policy; the first is assigned to every account, the others to about three accounts
 * in four; the organization's home Region is the instance's. The roles are used as a seeded principal is (its
 * {@link PrincipalLife}: some not for months).
 *
 * @param permissionSets how many of {@link #PERMISSION_SETS}, in order
 */
record IdentityCenter(int permissionSets, String region) {

    record PermissionSet(String name, String policyArn) {
    }

    static final List<PermissionSet> PERMISSION_SETS = List.of(
            new PermissionSet("AdministratorAccess", PrincipalDetails.ADMINISTRATOR_ACCESS),
            new PermissionSet("ReadOnlyAccess", PrincipalDetails.READ_ONLY_ACCESS),
            new PermissionSet("PowerUserAccess", PrincipalDetails.POWER_USER_ACCESS));

    private static final String PATH = "/aws-reserved/sso.amazonaws.com/";
    private static final Pattern NAME = Pattern.compile("AWSReservedSSO_(.+)_[0-9a-f]{16}");

    static IdentityCenter of(SimulatorOptions options) {
        return new IdentityCenter(options.permissionSets(), options.region());
    }

    /** The roles of the permission sets assigned to the account: {path, name} each. */
    List<String[]> roles(long seed, String accountId) {
        String path = PATH + (region.equals("us-east-1") ? "" : region + "/");
        List<String[]> roles = new ArrayList<>();
        for (int i = 0; i < permissionSets; i++) {
            long h = Hashing.hash(seed, accountId.hashCode(), 41, i);
            if (i == 0 || Hashing.below(h, 4) != 0) {
                roles.add(new String[] {path, "AWSReservedSSO_" + PERMISSION_SETS.get(i).name() + "_" + "%016x".formatted(h)});
            }
        }
        return roles;
    }

    /** The policy of the permission set whose role {@code p} is, if it is one of these roles. */
    static Optional<String> policyArn(Principal p) {
        if (p.kind() != Kind.ROLE || !p.path().startsWith(PATH)) {
            return Optional.empty();
        }
        Matcher name = NAME.matcher(p.name());
        return name.matches()
                ? PERMISSION_SETS.stream().filter(set -> set.name().equals(name.group(1))).map(PermissionSet::policyArn).findFirst()
                : Optional.empty();
    }
}
