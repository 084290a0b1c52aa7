package io.policygen.gap;

import java.util.Objects;

/**
 * The principal a gap belongs to, as the database knows it.
 *
 * @param path          its IAM path, {@code /} or {@code /segment/.../}
 * @param permissionSet for a role IAM Identity Center provisions, its permission set, as the database's
 *                      {@code identity_center_permission_set} names it (db/migration/R__identity_center_permission_set.sql,
 *                      the one place that rule is written); else null
 */
public record GapPrincipal(long principalId, String accountId, PrincipalKind type, String name, String path,
                           String permissionSet) {

    public GapPrincipal {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
    }
}
