package io.policygen.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.AccessDeniedException;
import software.amazon.awssdk.services.organizations.model.Account;
import software.amazon.awssdk.services.organizations.model.InvalidInputException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

/** Organizations and STS details: account states, the delegated administrator, session length, input reasons. */
class OrganizationDetailsContractIT {

    static final long SEED = 7;
    static final String ADMIN = SimulatedOrganization.accountId(SEED, 5);

    static Simulator simulator;
    static SimulatorClients clients;

    @BeforeAll
    static void start() {
        simulator = Simulator.start(SimulatorOptions.builder().seed(SEED).accounts(12).principalsPerAccount(4)
                .suspendedAccounts(1).unassumableAccounts(1).pendingActivationAccounts(1).pendingClosureAccounts(1)
                .closedAccounts(2).delegatedAdministrator(ADMIN).manualClock(true).build());
        clients = SimulatorClients.withoutRetries(simulator);
    }

    @AfterAll
    static void stop() throws Exception {
        clients.close();
        simulator.close();
    }

    static List<Account> listAccounts(OrganizationsClient organizations) {
        return organizations.listAccountsPaginator(r -> { }).stream().flatMap(page -> page.accounts().stream()).toList();
    }

    static String accountIn(String state) {
        return simulator.organization().accounts().stream().filter(a -> a.state().equals(state)).findFirst()
                .orElseThrow().id();
    }

    @Test
    void shouldListEveryAccountStateWithTheRetiredStatusAsAwsMapsIt() {
        // when
        List<Account> accounts = listAccounts(clients.organizations());

        // then
        Map<String, Long> states = accounts.stream().collect(Collectors.groupingBy(Account::stateAsString,
                Collectors.counting()));
        assertThat(states).containsExactlyInAnyOrderEntriesOf(Map.of("ACTIVE", 7L, "SUSPENDED", 1L,
                "PENDING_ACTIVATION", 1L, "PENDING_CLOSURE", 1L, "CLOSED", 2L));
        Map<String, String> statusByState = accounts.stream().collect(Collectors.toMap(Account::stateAsString,
                Account::statusAsString, (a, b) -> a));
        assertThat(statusByState).containsExactlyInAnyOrderEntriesOf(Map.of("ACTIVE", "ACTIVE", "SUSPENDED",
                "SUSPENDED", "PENDING_ACTIVATION", "ACTIVE", "PENDING_CLOSURE", "PENDING_CLOSURE", "CLOSED", "SUSPENDED"));
        assertThat(simulator.organization().account(ADMIN).orElseThrow().state()).isEqualTo("ACTIVE");
    }

    @Test
    void shouldAssumeTheMemberRoleInAPendingClosureAccountButNotInAPendingActivationOrClosedOne() {
        // given
        StsClient sts = clients.sts(clients.management());
        Function<String, Executable> assume = account -> () -> sts.assumeRole(r -> r.roleSessionName("session")
                .roleArn(simulator.organization().memberRoleArn(account)));

        // then
        assertThat(clients.sts(clients.member(accountIn("PENDING_CLOSURE"))).getCallerIdentity().account())
                .isEqualTo(accountIn("PENDING_CLOSURE"));
        for (String state : List.of("PENDING_ACTIVATION", "CLOSED")) {
            assertThatThrownBy(() -> assume.apply(accountIn(state)).execute()).as(state)
                    .isInstanceOfSatisfying(StsException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
        }
    }

    @Test
    void shouldLetTheDelegatedAdministratorListTheOrganizationWithCredentialsAssumedIntoIt() {
        // given
        OrganizationsClient asAdmin = clients.organizations(clients.member(ADMIN));
        String otherMember = simulator.organization().accounts().stream()
                .filter(a -> !a.management() && a.active() && a.assumable() && !a.id().equals(ADMIN))
                .findFirst().orElseThrow().id();
        OrganizationsClient asMember = clients.organizations(clients.member(otherMember));
        String root = simulator.organization().root().id();

        // then
        assertThat(listAccounts(asAdmin)).hasSize(12);
        assertThat(asAdmin.listOrganizationalUnitsForParentPaginator(r -> r.parentId(root)).stream()
                .mapToLong(page -> page.organizationalUnits().size()).sum()).isEqualTo(4);
        assertThatThrownBy(asMember::listAccounts)
                .isInstanceOfSatisfying(AccessDeniedException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
        assertThat(asMember.describeOrganization().organization().id())
                .isEqualTo(simulator.organization().organizationId());
    }

    @Test
    void shouldRefuseADurationAboveTheRolesMaxSessionDuration() {
        // given
        StsClient sts = clients.sts(clients.management());
        String roleArn = simulator.organization().memberRoleArn(ADMIN);

        // then
        assertThat(sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("session").durationSeconds(3600))
                .credentials().accessKeyId()).startsWith("ASIA");
        assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("session").durationSeconds(3601)))
                .isInstanceOfSatisfying(StsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
                });
    }

    @Test
    void shouldAnswerInvalidInputWithTheReasonsOfTheModel() {
        // given
        OrganizationsClient organizations = clients.organizations();

        // then
        assertThat(reason(() -> organizations.listAccounts(r -> r.maxResults(21)))).isEqualTo("MAX_VALUE_EXCEEDED");
        assertThat(reason(() -> organizations.listAccounts(r -> r.maxResults(0)))).isEqualTo("MIN_VALUE_EXCEEDED");
        assertThat(reason(() -> organizations.listAccounts(r -> r.nextToken("garbage")))).isEqualTo("INVALID_NEXT_TOKEN");
        assertThat(reason(() -> organizations.listAccountsForParent(r -> r.parentId("")))).isEqualTo("INPUT_REQUIRED");
        assertThat(reason(() -> organizations.listAccountsForParent(r -> r.parentId("not-a-parent"))))
                .isEqualTo("INVALID_PATTERN");
    }

    static String reason(Runnable call) {
        try {
            call.run();
        } catch (InvalidInputException e) {
            assertThat(e.statusCode()).isEqualTo(400);
            return e.reasonAsString();
        }
        throw new AssertionError("expected an InvalidInputException");
    }
}
