package io.policygen.organization;

import java.util.List;

/**
 * The port to Organizations' listing calls, one page at a time: each page is asked for with the token the page before
 * it gave (null: the first), so that {@link OrganizationListing} can ask again for the page AWS did not answer.
 */
public interface OrganizationPages {

    /** A page of the accounts directly under {@code parentId}, or of every account of the organization when it is null. */
    Page<OrgAccount> accounts(String parentId, String token);

    /** A page of the ids of the OUs directly under {@code parentId}. */
    Page<String> organizationalUnits(String parentId, String token);

    /** {@code nextToken}: the token of the next page; null on the last one. */
    record Page<T>(List<T> items, String nextToken) {

        public Page {
            items = List.copyOf(items);
            nextToken = nextToken == null || nextToken.isEmpty() ? null : nextToken;
        }
    }
}
