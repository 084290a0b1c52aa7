package io.policygen.gap;

import java.util.List;

/**
 * One principal in the gap page's ranked table: its row, its account's name, and the notes that qualify it.
 *
 * @param rank          1 for the highest score
 * @param permissionSet for a role IAM Identity Center provisions, its permission set (where its policies change); else null
 */
public record PrincipalLine(int rank, String accountName, GapRow row, List<GapNote> notes, String permissionSet) {

    public PrincipalLine {
        notes = List.copyOf(notes);
    }

    public static PrincipalLine of(int rank, String accountName, GapPrincipal principal, PrivilegeGap gap) {
        return new PrincipalLine(rank, accountName, GapRow.of(principal, gap), gap.notes(),
                principal.permissionSet());
    }
}
