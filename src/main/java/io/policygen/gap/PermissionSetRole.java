package io.policygen.gap;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A role IAM Identity Center provisions for a permission set in an account it is assigned to:
 * {@code /aws-reserved/sso.amazonaws.com/[REGION/]AWSReservedSSO_NAME_SUFFIX}. IAM refuses to change it (a protected
 * role), so its generated policy belongs in the permission set, not on the role. The report views read the same rule
 * in SQL ({@code identity_center_permission_set}, db/migration/R__identity_center_permission_set.sql).
 */
public final class PermissionSetRole {

    private static final String PATH = "/aws-reserved/sso.amazonaws.com/";
    private static final Pattern NAME = Pattern.compile("AWSReservedSSO_(.+)_[0-9A-Fa-f]{16}");

    private PermissionSetRole() {
    }

    /** The permission set whose role the principal is, if it is one. */
    public static Optional<String> permissionSet(GapPrincipal principal) {
        if (principal.type() != PrincipalKind.ROLE || !principal.path().startsWith(PATH)) {
            return Optional.empty();
        }
        Matcher name = NAME.matcher(principal.name());
        return name.matches() ? Optional.of(name.group(1)) : Optional.empty();
    }
}
