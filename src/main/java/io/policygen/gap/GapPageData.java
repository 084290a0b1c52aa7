package io.policygen.gap;

import java.util.List;

/**
 * What the gap page shows.
 *
 * @param generatedAt     when the data was read, as it should be printed (the page prints no clock of its own, so
 *                        the same data gives the same page)
 * @param catalogSource   the IAM action catalog's source and version
 * @param principalsTotal principals with a gap in all; {@code principals} may be the worst of them only
 * @param principals      ranked, highest score first
 * @param accounts        in the order the progress bars and the chart show them
 * @param permissionSets  IAM Identity Center's, highest score first; none where the organization uses none
 */
public record GapPageData(String generatedAt, String catalogSource, int principalsTotal, List<PrincipalLine> principals,
                          List<AccountLine> accounts, List<PermissionSetLine> permissionSets) {

    public GapPageData {
        principals = List.copyOf(principals);
        accounts = List.copyOf(accounts);
        permissionSets = List.copyOf(permissionSets);
    }
}
