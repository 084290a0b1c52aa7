package io.policygen.organization;

import java.util.List;
import java.util.stream.Stream;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.Account;

/** Organizations through the SDK's paginators (which keep paging through the empty pages AWS sometimes returns). */
public final class AwsOrganizationAccounts implements OrganizationAccounts {

    private final OrganizationsClient organizations;

    public AwsOrganizationAccounts(OrganizationsClient organizations) {
        this.organizations = organizations;
    }

    @Override
    public Stream<OrgAccount> accounts(List<String> ouIds) {
        if (ouIds.isEmpty()) {
            return organizations.listAccountsPaginator(request -> request.maxResults(20)).stream()
                    .flatMap(page -> page.accounts().stream())
                    .map(account -> toAccount(account, null));
        }
        return ouIds.stream().flatMap(this::accountsUnder);
    }

    private Stream<OrgAccount> accountsUnder(String parentId) {
        Stream<OrgAccount> here = organizations
                .listAccountsForParentPaginator(request -> request.parentId(parentId).maxResults(20))
                .stream()
                .flatMap(page -> page.accounts().stream())
                .map(account -> toAccount(account, parentId));
        Stream<OrgAccount> below = organizations
                .listOrganizationalUnitsForParentPaginator(request -> request.parentId(parentId).maxResults(20))
                .stream()
                .flatMap(page -> page.organizationalUnits().stream())
                .flatMap(ou -> accountsUnder(ou.id()));
        return Stream.concat(here, below);
    }

    /** {@code Status} is retired in favour of {@code State}; read the new field and fall back to the old one. */
    private static OrgAccount toAccount(Account account, String parentId) {
        String state = account.stateAsString() != null ? account.stateAsString() : account.statusAsString();
        return new OrgAccount(account.id(), account.name(), account.email(), state, parentId);
    }
}
