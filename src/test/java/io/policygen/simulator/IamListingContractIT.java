package io.policygen.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.policygen.simulator.Principal.Kind;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.ListRolesResponse;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.User;

/** IAM's listings of roles and users through the real SDK client. */
class IamListingContractIT {

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

    static String assumableMember(int n) {
        return OrganizationContractIT.assumableMember(simulator, n);
    }

    @Test
    void shouldListEveryRoleAndUserOfTheAssumedAccountAcrossShortPages() {
        // given
        String member = assumableMember(4);
        IamClient iam = clients.iam(clients.member(member));

        // when
        List<ListRolesResponse> pages = iam.listRolesPaginator(r -> r.maxItems(4)).stream().toList();
        List<Role> roles = pages.stream().flatMap(p -> p.roles().stream()).toList();
        List<User> users = iam.listUsersPaginator(r -> r.maxItems(2)).users().stream().toList();

        // then
        assertThat(pages).anyMatch(p -> p.isTruncated() && p.roles().size() < 4);
        assertThat(roles).allMatch(r -> r.arn().startsWith("arn:aws:iam::" + member + ":role/"));
        assertThat(roles).filteredOn(r -> r.path().startsWith("/aws-service-role/")).hasSize(3);
        assertThat(users).allMatch(u -> u.arn().startsWith("arn:aws:iam::" + member + ":user/"));
        assertThat(roles.size() - 3 + users.size()).isEqualTo(simulator.organization().principalCount(member));
        assertThat(roles).allMatch(r -> r.roleId().startsWith("AROA") && r.createDate() != null);
        assertThat(users).allMatch(u -> u.userId().startsWith("AIDA") && u.createDate() != null);
    }

    @Test
    void shouldListOnlyRolesUnderThePathPrefix() {
        IamClient iam = clients.iam(clients.member(assumableMember(4)));
        List<Role> roles = iam.listRolesPaginator(r -> r.pathPrefix("/aws-service-role/")).roles().stream().toList();
        assertThat(roles).hasSize(3).extracting(Role::roleName).contains("AWSServiceRoleForSupport");
    }

    @Test
    void shouldRejectMaxItemsOutsideOneToAThousand() {
        IamClient iam = clients.iam(clients.management());
        assertThatThrownBy(() -> iam.listRoles(r -> r.maxItems(1001)))
                .isInstanceOfSatisfying(IamException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
    }

    @Test
    void shouldShowAddedPrincipalsAndHideDeletedOnes() {
        // given
        String member = assumableMember(6);
        IamClient iam = clients.iam(clients.member(member));
        Role victim = iam.listRoles(r -> r.pathPrefix("/").maxItems(1000)).roles().stream()
                .filter(r -> !r.path().startsWith("/aws-service-role/")).findFirst().orElseThrow();

        // when
        simulator.organization().deletePrincipal(victim.arn());
        Principal added = simulator.organization().addPrincipal(member, Kind.ROLE, "/late/", "late-joiner",
                simulator.clock().instant());

        // then
        List<String> arns = iam.listRolesPaginator(r -> r.maxItems(7)).roles().stream().map(Role::arn).toList();
        assertThat(arns).contains(added.arn()).doesNotContain(victim.arn());
    }
}
