package io.policygen.gap;

/** A principal with its gap: {@link #row()} for the table, the gap itself for the export and the action lists. */
public record PrincipalGap(GapPrincipal principal, PrivilegeGap gap) {

    public GapRow row() {
        return GapRow.of(principal, gap);
    }
}
