package io.policygen.organization;

import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.Account;
import software.amazon.awssdk.services.organizations.model.ListAccountsForParentResponse;
import software.amazon.awssdk.services.organizations.model.ListAccountsResponse;
import software.amazon.awssdk.services.organizations.model.ListOrganizationalUnitsForParentResponse;
import software.amazon.awssdk.services.organizations.model.OrganizationalUnit;

/** Organizations through the SDK, page by page (20 a page, the most ListAccounts returns). */
public final class AwsOrganizationPages implements OrganizationPages {

    private static final int PAGE_SIZE = 20;

    private final OrganizationsClient organizations;

    public AwsOrganizationPages(OrganizationsClient organizations) {
        this.organizations = organizations;
    }

    @Override
    public Page<OrgAccount> accounts(String parentId, String token) {
        if (parentId == null) {
            ListAccountsResponse page = organizations.listAccounts(request -> request.maxResults(PAGE_SIZE).nextToken(token));
            return new Page<>(page.accounts().stream().map(account -> toAccount(account, null)).toList(), page.nextToken());
        }
        ListAccountsForParentResponse page = organizations.listAccountsForParent(
                request -> request.parentId(parentId).maxResults(PAGE_SIZE).nextToken(token));
        return new Page<>(page.accounts().stream().map(account -> toAccount(account, parentId)).toList(), page.nextToken());
    }

    @Override
    public Page<String> organizationalUnits(String parentId, String token) {
        ListOrganizationalUnitsForParentResponse page = organizations.listOrganizationalUnitsForParent(
                request -> request.parentId(parentId).maxResults(PAGE_SIZE).nextToken(token));
        return new Page<>(page.organizationalUnits().stream().map(OrganizationalUnit::id).toList(), page.nextToken());
    }

    /** {@code Status} is retired in favour of {@code State}; read the new field and fall back to the old one. */
    private static OrgAccount toAccount(Account account, String parentId) {
        String state = account.stateAsString() != null ? account.stateAsString() : account.statusAsString();
        return new OrgAccount(account.id(), account.name(), account.email(), state, parentId);
    }
}
