package io.policygen.gap;

import java.util.Locale;

/** A role or a user; its directory in an export is {@code role} or {@code user}. */
public enum PrincipalKind {
    ROLE,
    USER;

    public String directory() {
        return name().toLowerCase(Locale.ROOT);
    }
}
