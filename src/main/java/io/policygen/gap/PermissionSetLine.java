package io.policygen.gap;

import java.util.List;

/**
 * One IAM Identity Center permission set on the gap page, as {@code report_permission_set_gap} judges it: each action
 * over all the accounts its roles are in.
 *
 * @param accounts  its live roles, one an account
 * @param reviewed  of them, those with a gap
 * @param complete  false while an account's role in use has no generated policy yet
 * @param grantSets the distinct sets of actions its reviewed roles are granted (above 1 while a change is provisioned)
 * @param unused    granted and used in no account: what the permission set could lose
 */
public record PermissionSetLine(String name, int accounts, int reviewed, boolean complete, int grantSets, int granted,
                                int used, int unused, double unusedShare, long score, List<String> topUnusedServices) {

    public PermissionSetLine {
        topUnusedServices = List.copyOf(topUnusedServices);
    }
}
