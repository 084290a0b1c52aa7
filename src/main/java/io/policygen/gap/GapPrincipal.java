package io.policygen.gap;

import java.util.Objects;

/**
 * The principal a gap belongs to, as the database knows it.
 *
 * @param path its IAM path, {@code /} or {@code /segment/.../}
 */
public record GapPrincipal(long principalId, String accountId, PrincipalKind type, String name, String path) {

    public GapPrincipal {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
    }
}
