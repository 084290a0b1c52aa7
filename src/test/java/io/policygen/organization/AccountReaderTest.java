package io.policygen.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;

class AccountReaderTest {

    private final InMemoryOrganizationAccounts organization = new InMemoryOrganizationAccounts()
            .account("r-root", "111111111111", "ACTIVE")
            .ou("r-root", "ou-root-prod")
            .ou("ou-root-prod", "ou-prod-eu")
            .account("ou-root-prod", "222222222222", "ACTIVE")
            .account("ou-prod-eu", "333333333333", "SUSPENDED")
            .ou("r-root", "ou-root-sandbox")
            .account("ou-root-sandbox", "444444444444", "ACTIVE");

    @Test
    void shouldReadEveryAccountOfTheOrganizationWhenNoOuIsConfigured() {
        assertThat(readAll(List.of())).extracting(OrgAccount::accountId)
                .containsExactly("111111111111", "222222222222", "333333333333", "444444444444");
    }

    @Test
    void shouldReadTheAccountsOfAnOuAndOfTheOusBelowItWithTheParentTheyWereFoundUnder() {
        List<OrgAccount> accounts = readAll(List.of("ou-root-prod"));

        assertThat(accounts).extracting(OrgAccount::accountId).containsExactly("222222222222", "333333333333");
        assertThat(accounts).extracting(OrgAccount::parentId).containsExactly("ou-root-prod", "ou-prod-eu");
    }

    @Test
    void shouldListAgainWhenReopenedAsARestartedStepDoes() {
        readAll(List.of());
        readAll(List.of());

        assertThat(organization.listings).isEqualTo(2);
    }

    @Test
    void shouldLetAFailedListingFailTheStepSoThatNoAccountIsMarkedOutOfScope() {
        organization.failingAfterFirst(new IllegalStateException("TooManyRequestsException past the retries"));
        AccountReader reader = new AccountReader(organization, List.of(), () -> false);
        reader.open(new ExecutionContext());

        assertThat(reader.read().accountId()).isEqualTo("111111111111");
        assertThatThrownBy(reader::read).hasMessageContaining("TooManyRequestsException");
        reader.close();
    }

    @Test
    void shouldReadNoMoreOnceTheRunIsAskedToStop() {
        boolean[] stop = {false};
        AccountReader reader = new AccountReader(organization, List.of(), () -> stop[0]);
        reader.open(new ExecutionContext());

        assertThat(reader.read()).isNotNull();
        stop[0] = true;
        assertThat(reader.read()).isNull();
        reader.close();
    }

    private List<OrgAccount> readAll(List<String> ouIds) {
        AccountReader reader = new AccountReader(organization, ouIds, () -> false);
        reader.open(new ExecutionContext());
        List<OrgAccount> accounts = new ArrayList<>();
        for (OrgAccount account = reader.read(); account != null; account = reader.read()) {
            accounts.add(account);
        }
        reader.close();
        return accounts;
    }
}
