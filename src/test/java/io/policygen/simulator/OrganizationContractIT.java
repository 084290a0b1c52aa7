package io.policygen.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.policygen.organization.AwsOrganizationPages;
import io.policygen.organization.OrganizationListing;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.AccessDeniedException;
import software.amazon.awssdk.services.organizations.model.Account;
import software.amazon.awssdk.services.organizations.model.AccountState;
import software.amazon.awssdk.services.organizations.model.AccountStatus;
import software.amazon.awssdk.services.organizations.model.InvalidInputException;
import software.amazon.awssdk.services.organizations.model.ListAccountsResponse;
import software.amazon.awssdk.services.organizations.model.OrganizationalUnit;
import software.amazon.awssdk.services.organizations.model.OrganizationsException;
import software.amazon.awssdk.services.organizations.model.ParentNotFoundException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/** Organizations and STS through the real SDK clients (IAM: {@link IamListingContractIT}). */
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

    static String assumableMember(int n) {
        return assumableMember(simulator, n);
    }

    /** The n-th member account that is active and whose member role can be assumed. */
    static String assumableMember(Simulator simulator, int n) {
        return simulator.organization().accounts().stream()
                .filter(a -> !a.management() && a.active() && a.assumable())
                .skip(n).findFirst().orElseThrow().id();
    }

    // --- Organizations ---

    @Test
    void shouldPageThroughAllAccountsAcrossEmptyPagesThatStillHaveANextToken() {
        // given
        OrganizationsClient organizations = clients.organizations();

        // when
        List<ListAccountsResponse> pages = organizations.listAccountsPaginator(r -> r.maxResults(5)).stream().toList();
        List<Account> accounts = pages.stream().flatMap(page -> page.accounts().stream()).toList();

        // then
        assertThat(pages).anyMatch(page -> page.accounts().isEmpty() && page.nextToken() != null);
        assertThat(pages).allMatch(page -> page.accounts().size() <= 5);
        assertThat(accounts).hasSize(45);
        assertThat(accounts).extracting(Account::id).doesNotHaveDuplicates().allMatch(id -> id.matches("\\d{12}"));
        assertThat(accounts).filteredOn(a -> a.state() == AccountState.SUSPENDED).hasSize(2)
                .allMatch(a -> a.status() == AccountStatus.SUSPENDED);
        assertThat(accounts).allMatch(a -> a.joinedTimestamp().isBefore(Instant.now()));
    }

    @Test
    void shouldPageInTwentiesByDefault() {
        List<ListAccountsResponse> pages = clients.organizations().listAccountsPaginator(r -> { }).stream().toList();
        assertThat(pages).allMatch(page -> page.accounts().size() <= 20);
        assertThat(pages.stream().mapToInt(p -> p.accounts().size()).sum()).isEqualTo(45);
    }

    @Test
    void shouldFindEveryAccountWalkingTheOrganizationalUnitsFromTheRoot() {
        // given
        OrganizationsClient organizations = clients.organizations();
        String rootId = organizations.listRoots().roots().getFirst().id();

        // when
        List<String> found = new ArrayList<>();
        List<String> parents = new ArrayList<>(List.of(rootId));
        int depth = 0;
        while (!parents.isEmpty()) {
            List<String> children = new ArrayList<>();
            for (String parent : parents) {
                organizations.listAccountsForParentPaginator(r -> r.parentId(parent).maxResults(3)).stream()
                        .forEach(page -> page.accounts().forEach(a -> found.add(a.id())));
                organizations.listOrganizationalUnitsForParentPaginator(r -> r.parentId(parent)).stream()
                        .flatMap(page -> page.organizationalUnits().stream()).map(OrganizationalUnit::id)
                        .forEach(children::add);
            }
            parents = children;
            depth += children.isEmpty() ? 0 : 1;
        }

        // then
        assertThat(found).hasSize(45).doesNotHaveDuplicates();
        assertThat(depth).isEqualTo(2);
    }

    @Test
    void shouldListEveryAccountOnceWherePolicygensListingAsksAgainForAPageAwsDidNotAnswer() throws Exception {
        try (SimulatorClients once = SimulatorClients.withoutRetries(simulator)) {
            AwsOrganizationPages pages = new AwsOrganizationPages(once.organizations());
            long answered = answered("ListAccounts");
            List<String> clean = readWithFailures(OrganizationListing.of(pages, List.of()), 0);
            long cleanPages = answered("ListAccounts") - answered;

            OrganizationListing listing = OrganizationListing.of(pages, List.of());
            listing.next();
            simulator.faults().failNext("ListAccounts", 2);
            List<String> accounts = readWithFailures(listing, 2);

            assertThat(accounts).as("in the same order").isEqualTo(clean.subList(1, clean.size()));
            assertThat(clean).hasSize(45);
            assertThat(answered("ListAccounts") - answered - cleanPages).as("no page answered twice").isEqualTo(cleanPages);
        }
    }

    @Test
    void shouldWalkEveryOuOnceWherePolicygensListingAsksAgainForAPageAwsDidNotAnswer() throws Exception {
        try (SimulatorClients once = SimulatorClients.withoutRetries(simulator)) {
            AwsOrganizationPages pages = new AwsOrganizationPages(once.organizations());
            List<String> root = List.of(once.organizations().listRoots().roots().getFirst().id());
            long answered = answered("ListAccountsForParent") + answered("ListOrganizationalUnitsForParent");
            List<String> clean = readWithFailures(OrganizationListing.of(pages, root), 0);
            long cleanPages = answered("ListAccountsForParent") + answered("ListOrganizationalUnitsForParent") - answered;

            simulator.faults().failNext("ListOrganizationalUnitsForParent", 1);
            simulator.faults().failNext("ListAccountsForParent", 1);
            List<String> accounts = readWithFailures(OrganizationListing.of(pages, root), 2);

            assertThat(clean).hasSize(45).doesNotHaveDuplicates();
            assertThat(accounts).as("in the same order").isEqualTo(clean);
            assertThat(answered("ListAccountsForParent") + answered("ListOrganizationalUnitsForParent") - answered - cleanPages)
                    .isEqualTo(cleanPages);
        }
    }

    /** The listing's accounts, each failure (the simulator's 500) asked again at once, as AskAgain would after a wait. */
    private static List<String> readWithFailures(OrganizationListing listing, int expectedFailures) {
        List<String> ids = new ArrayList<>();
        int failures = 0;
        while (true) {
            try {
                if (!listing.hasNext()) {
                    break;
                }
                ids.add(listing.next().accountId());
            } catch (OrganizationsException e) {
                assertThat(e.statusCode()).isEqualTo(500);
                failures++;
            }
        }
        assertThat(failures).isEqualTo(expectedFailures);
        return ids;
    }

    private static long answered(String operation) {
        return simulator.requestCounts().count("organizations", operation, "ok");
    }

    @Test
    void shouldDescribeTheOrganizationWithItsManagementAccount() {
        var organization = clients.organizations().describeOrganization().organization();
        assertThat(organization.masterAccountId()).isEqualTo(simulator.organization().managementAccountId());
        assertThat(organization.id()).matches("o-[a-z0-9]{10}");
    }

    @Test
    void shouldRejectMaxResultsAboveTwenty() {
        assertThatThrownBy(() -> clients.organizations().listAccounts(r -> r.maxResults(21)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> clients.organizations().listAccounts(r -> r.maxResults(0)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> clients.organizations().listAccounts(r -> r.nextToken("garbage")))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void shouldRefuseAnUnknownParent() {
        assertThatThrownBy(() -> clients.organizations().listAccountsForParent(r -> r.parentId("ou-zzzz-zzzzzzzz")))
                .isInstanceOf(ParentNotFoundException.class);
    }

    @Test
    void shouldRefuseTheListOperationsToAMemberAccountButDescribeItsOrganization() {
        OrganizationsClient asMember = clients.organizations(clients.member(assumableMember(5)));
        assertThatThrownBy(asMember::listAccounts).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> asMember.listOrganizationalUnitsForParent(r -> r.parentId(simulator.organization()
                .root().id()))).isInstanceOf(AccessDeniedException.class);
        assertThat(asMember.describeOrganization().organization().masterAccountId())
                .isEqualTo(simulator.organization().managementAccountId());
    }

    // --- STS ---

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
    void shouldIdentifyTheManagementAccountsOwnKeys() {
        GetCallerIdentityResponse identity = clients.sts(clients.management()).getCallerIdentity();
        assertThat(identity.account()).isEqualTo(simulator.organization().managementAccountId());
    }

    @Test
    void shouldDenyAssumingTheMemberRoleWhereItCannotBeAssumed() {
        // given
        StsClient sts = clients.sts(clients.management());
        String unassumable = simulator.organization().accounts().stream().filter(a -> !a.assumable())
                .findFirst().orElseThrow().id();
        String suspended = simulator.organization().accounts().stream().filter(a -> !a.active())
                .findFirst().orElseThrow().id();
        String member = assumableMember(0);

        // then
        for (String roleArn : List.of(simulator.organization().memberRoleArn(unassumable),
                simulator.organization().memberRoleArn(suspended),
                "arn:aws:iam::" + member + ":role/SomeOtherRole",
                "arn:aws:iam::999999999999:role/OrganizationAccountAccessRole")) {
            assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("session")))
                    .as(roleArn)
                    .isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                    });
        }
    }

    @Test
    void shouldDenyAssumingTheMemberRoleWithMemberCredentials() {
        StsClient asMember = clients.sts(clients.member(assumableMember(1)));
        String roleArn = simulator.organization().memberRoleArn(assumableMember(2));
        assertThatThrownBy(() -> asMember.assumeRole(r -> r.roleArn(roleArn).roleSessionName("hop")))
                .isInstanceOfSatisfying(StsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
    }
}
