package io.policygen.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.policygen.organization.OrganizationPages.Page;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrganizationListingTest {

    private static final OrgAccount ACCOUNT = new OrgAccount("111111111111", "one", "one@example.com", "ACTIVE", null);

    @Test
    void shouldPageOnThroughAnEmptyPageThatGivesAToken() {
        // Organizations may answer a page with no accounts and a token: the listing is not over
        List<String> tokens = new ArrayList<>();
        OrganizationListing listing = OrganizationListing.of(new OrganizationPages() {
            @Override
            public Page<OrgAccount> accounts(String parentId, String token) {
                tokens.add(token);
                return token == null ? new Page<>(List.of(), "t1") : new Page<>(List.of(ACCOUNT), "");
            }

            @Override
            public Page<String> organizationalUnits(String parentId, String token) {
                throw new AssertionError("no OU is listed without ou-ids");
            }
        }, List.of());

        assertThat(listing.stream().toList()).containsExactly(ACCOUNT);
        assertThat(tokens).as("an empty token ends it").containsExactly(null, "t1");
    }

    @Test
    void shouldNameTheCallItFailedIn() {
        OrganizationListing listing = OrganizationListing.of(new OrganizationPages() {
            @Override
            public Page<OrgAccount> accounts(String parentId, String token) {
                return new Page<>(List.of(), null);
            }

            @Override
            public Page<String> organizationalUnits(String parentId, String token) {
                throw new IllegalStateException("no answer");
            }
        }, List.of("ou-a"));

        assertThat(listing.call()).isEqualTo("ListAccountsForParent");
        assertThatThrownBy(listing::hasNext).hasMessage("no answer");
        assertThat(listing.call()).isEqualTo("ListOrganizationalUnitsForParent");
    }
}
