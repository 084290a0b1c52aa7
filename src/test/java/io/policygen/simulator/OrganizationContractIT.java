package io.policygen.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.Account;
import software.amazon.awssdk.services.organizations.model.AccountState;
import software.amazon.awssdk.services.organizations.model.AccessDeniedException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/** Organizations, STS and IAM through the real SDK clients. */
class OrganizationContractIT {

    static Simulator simulator;
    static SimulatorClients clients;

    @BeforeAll
    static void start() {
        simulator = Simulator.start(SimulatorOptions.builder().accounts(45).principalsPerAccount(30).seed(7)
                .suspendedAccounts(2).unassumableAccounts(1).manualClock(true).build());
        clients = new SimulatorClients(simulator);
    }

    @AfterAll
    static void stop() throws Exception {
        clients.close();
        simulator.close();
    }

    /** The n-th member account that is active and whose member role can be assumed. */
    static String assumableMember(int n) {
        return simulator.organization().accounts().stream()
                .filter(a -> !a.management() && a.active() && a.assumable())
                .skip(n).findFirst().orElseThrow().id();
    }

    @Test
    void shouldPageThroughAllAccountsIncludingEmptyPages() {
        // given
        OrganizationsClient organizations = clients.organizations();

        // when
        List<Account> accounts = organizations.listAccountsPaginator(r -> r.maxResults(5)).stream()
                .flatMap(page -> page.accounts().stream()).toList();

        // then
        assertThat(accounts).hasSize(45);
        assertThat(accounts).extracting(Account::id).doesNotHaveDuplicates().allMatch(id -> id.matches("\\d{12}"));
        assertThat(accounts).filteredOn(a -> a.state() == AccountState.SUSPENDED).hasSize(2);
        assertThat(accounts.getFirst().joinedTimestamp()).isNotNull();
        assertThat(simulator.requestCounts().count("organizations", "ListAccounts", "ok")).isGreaterThan(9);
    }

    @Test
    void shouldAssumeMemberRoleAndActInThatAccount() {
        // given
        String member = assumableMember(3);
        StsClient sts = clients.sts(clients.member(member));

        // when
        GetCallerIdentityResponse identity = sts.getCallerIdentity();

        // then
        assertThat(identity.account()).isEqualTo(member);
        assertThat(identity.arn()).contains(":assumed-role/OrganizationAccountAccessRole/");
    }

    @Test
    void shouldListRolesOfTheAssumedAccount() {
        // given
        String member = assumableMember(4);
        IamClient iam = clients.iam(clients.member(member));

        // when
        List<Role> roles = iam.listRolesPaginator(r -> r.maxItems(4)).roles().stream().toList();

        // then
        assertThat(roles).isNotEmpty().allMatch(r -> r.arn().startsWith("arn:aws:iam::" + member + ":role/"));
        assertThat(roles).anyMatch(r -> r.path().startsWith("/aws-service-role/"));
    }

    @Test
    void shouldRefuseOrganizationsCallsFromAMemberAccount() {
        // given
        String member = assumableMember(5);
        OrganizationsClient asMember = clients.organizations(clients.member(member));

        // then
        assertThatThrownBy(asMember::describeOrganization).isInstanceOf(AccessDeniedException.class);
    }
}
