package io.policygen.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.policygen.organization.OrgAccount;
import io.policygen.organization.OrganizationProperties;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class AccountScopeTest {

    static OrganizationProperties properties(List<String> include, List<String> exclude) {
        return new OrganizationProperties(List.of(), include, exclude, "OrganizationAccountAccessRole", null, "policygen", Duration.ZERO);
    }

    static OrgAccount account(String id, String state) {
        return new OrgAccount(id, "name", "e@example.com", state, null);
    }

    static final List<OrgAccount> ORGANIZATION = List.of(account("000000000005", "ACTIVE"),
            account("000000000001", "ACTIVE"), account("000000000004", "SUSPENDED"), account("000000000003", "ACTIVE"),
            account("000000000002", "ACTIVE"), account("000000000006", "ACTIVE"));

    @Test
    void shouldKeepTheActiveAccountsTheListsLetInSortedById() {
        AccountScope scope = AccountScope.of(ORGANIZATION.stream(), properties(List.of(), List.of("000000000006")));

        assertThat(scope.listed()).isEqualTo(6);
        assertThat(scope.inScope()).containsExactly("000000000001", "000000000002", "000000000003", "000000000005");
    }

    @Test
    void shouldSampleTheOwnAccountAndTheFirstOthersById() {
        AccountScope scope = AccountScope.of(ORGANIZATION.stream(), properties(List.of(), List.of()));

        assertThat(scope.select(PreflightOptions.sample(2), "000000000005"))
                .containsExactly("000000000001", "000000000002", "000000000005");
        assertThat(scope.select(PreflightOptions.sample(2), "000000000001"))
                .containsExactly("000000000001", "000000000002", "000000000003");
        assertThat(scope.select(PreflightOptions.sample(2), "999999999999"))
                .containsExactly("000000000001", "000000000002");
        assertThat(scope.select(PreflightOptions.everyAccount(), "000000000005")).isEqualTo(scope.inScope());
    }

    @Test
    void shouldNameIncludedAccountsThatAreNotActiveInTheOrganization() {
        OrganizationProperties properties = properties(List.of("000000000001", "000000000004", "000000000009",
                "000000000002"), List.of("000000000002"));

        AccountScope scope = AccountScope.of(ORGANIZATION.stream(), properties);

        assertThat(scope.inScope()).containsExactly("000000000001");
        assertThat(scope.missing(properties)).containsExactly("000000000004", "000000000009");
    }

    @Test
    void shouldListNothingInScopeOfAnEmptyOrganization() {
        assertThat(AccountScope.of(Stream.empty(), properties(List.of(), List.of())).inScope()).isEmpty();
    }
}
