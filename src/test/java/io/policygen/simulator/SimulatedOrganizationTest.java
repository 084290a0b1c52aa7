package io.policygen.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.policygen.simulator.Principal.Kind;
import io.policygen.simulator.SimulatorOptions.Distribution;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SimulatedOrganizationTest {

    static SimulatedOrganization organization(SimulatorOptions.Builder options) {
        return new SimulatedOrganization(options.build(), java.time.Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void shouldGiveEveryAccountExactlyThePrincipalsAskedForWhenUniform() {
        // when
        SimulatedOrganization org = organization(SimulatorOptions.builder().accounts(1000).principalsPerAccount(1000)
                .distribution(Distribution.UNIFORM));

        // then
        assertThat(org.accounts()).hasSize(1000);
        assertThat(org.accounts()).allMatch(a -> org.principalCount(a.id()) == 1000);
        assertThat(org.principalCount()).isEqualTo(1_000_000);
    }

    @Test
    void shouldMakeAFewAccountsMuchLargerWhenSkewedKeepingTheTotal() {
        // when
        SimulatedOrganization org = organization(SimulatorOptions.builder().accounts(200).principalsPerAccount(50));

        // then
        int[] counts = org.accounts().stream().mapToInt(a -> org.principalCount(a.id())).toArray();
        assertThat(Arrays.stream(counts).sum()).isEqualTo(200 * 50);
        long large = Arrays.stream(counts).filter(c -> c > 4 * 50).count();
        assertThat(large).isBetween(1L, 30L);
        assertThat(Arrays.stream(counts).max().orElseThrow()).isGreaterThan(8 * Arrays.stream(counts).min().orElseThrow());
    }

    @Test
    void shouldBuildTheSameOrganizationFromTheSameSeed() {
        // given
        SimulatorOptions.Builder options = SimulatorOptions.builder().accounts(30).principalsPerAccount(10).seed(42);

        // when
        SimulatedOrganization first = organization(options);
        SimulatedOrganization second = organization(options);
        SimulatedOrganization other = organization(options.seed(43));

        // then
        assertThat(second.accounts()).isEqualTo(first.accounts());
        String account = first.accounts().get(5).id();
        assertThat(second.principals(account)).isEqualTo(first.principals(account));
        assertThat(other.accounts()).isNotEqualTo(first.accounts());
    }

    @Test
    void shouldUseTwelveDigitAccountIdsWithTheManagementAccountFirstInTheRoot() {
        // when
        SimulatedOrganization org = organization(SimulatorOptions.builder().accounts(25));

        // then
        assertThat(org.accounts()).extracting(Account::id).allMatch(id -> id.matches("\\d{12}")).doesNotHaveDuplicates();
        assertThat(org.managementAccount().index()).isZero();
        assertThat(org.managementAccount().parentId()).isEqualTo(org.root().id());
        assertThat(org.account(org.accounts().get(7).id())).contains(org.accounts().get(7));
        assertThat(org.account("999999999999")).isEmpty();
    }

    @Test
    void shouldNestOrganizationalUnitsTwoLevelsAndPlaceEveryAccountInOne() {
        // when
        SimulatedOrganization org = organization(SimulatorOptions.builder().accounts(60));

        // then
        Set<String> parents = org.organizationalUnits().stream().map(OrganizationalUnit::id).collect(Collectors.toSet());
        parents.add(org.root().id());
        assertThat(org.organizationalUnits()).anyMatch(ou -> !ou.parentId().equals(org.root().id()));
        assertThat(org.organizationalUnits()).allMatch(ou -> parents.contains(ou.parentId()));
        assertThat(org.accounts()).allMatch(a -> parents.contains(a.parentId()));
        int placed = parents.stream().mapToInt(p -> org.accountIndicesUnder(p).size()).sum();
        assertThat(placed).isEqualTo(60);
    }

    @Test
    void shouldSuspendAndLockOutTheAskedNumberOfMemberAccounts() {
        // when
        SimulatedOrganization org = organization(SimulatorOptions.builder().accounts(20).suspendedAccounts(3)
                .unassumableAccounts(2));

        // then
        assertThat(org.accounts()).filteredOn(a -> !a.active()).hasSize(3);
        assertThat(org.accounts()).filteredOn(a -> !a.assumable()).hasSize(2);
        assertThat(org.managementAccount().active()).isTrue();
        assertThat(org.managementAccount().assumable()).isTrue();
    }

    @Test
    void shouldHoldServiceLinkedRolesBesideTheConfiguredPrincipals() {
        // given
        SimulatedOrganization org = organization(SimulatorOptions.builder().accounts(3).principalsPerAccount(8)
                .distribution(Distribution.UNIFORM));
        String account = org.accounts().get(1).id();

        // when
        List<Principal> all = org.principals(account);

        // then
        assertThat(all).filteredOn(Principal::serviceLinked).hasSize(3)
                .allMatch(p -> p.path().startsWith("/aws-service-role/"));
        assertThat(all).filteredOn(p -> !p.serviceLinked()).hasSize(8);
        assertThat(all).filteredOn(p -> p.kind() == Kind.ROLE && !p.serviceLinked()).hasSize(6);
        assertThat(all).extracting(Principal::arn).doesNotHaveDuplicates()
                .allMatch(arn -> arn.matches("arn:aws:iam::" + account + ":(role|user)/.+"));
        assertThat(all).allMatch(p -> org.principal(p.arn()).isPresent());
    }

    @Test
    void shouldForgetDeletedPrincipalsAndKnowAddedOnes() {
        // given
        SimulatedOrganization org = organization(SimulatorOptions.builder().accounts(3).principalsPerAccount(8)
                .distribution(Distribution.UNIFORM));
        String account = org.accounts().get(2).id();
        Principal victim = org.principals(account).stream().filter(p -> !p.serviceLinked()).findFirst().orElseThrow();

        // when
        boolean deleted = org.deletePrincipal(victim.arn());
        Principal added = org.addPrincipal(account, Kind.USER, "/new/", "newcomer", Instant.parse("2026-01-01T00:00:00Z"));

        // then
        assertThat(deleted).isTrue();
        assertThat(org.principal(victim.arn())).isEmpty();
        assertThat(org.principals(account)).doesNotContain(victim).contains(added);
        assertThat(org.principal("arn:aws:iam::" + account + ":user/new/newcomer")).contains(added);
        assertThat(org.principalCount(account)).isEqualTo(8);
        assertThat(org.deletePrincipal(victim.arn())).isFalse();
        assertThatThrownBy(() -> org.addPrincipal(account, Kind.USER, "/", "newcomer", Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldNotFindPrincipalsThatWereNeverThere() {
        SimulatedOrganization org = organization(SimulatorOptions.builder().accounts(3).principalsPerAccount(8));
        String account = org.accounts().get(1).id();
        assertThat(org.principal("arn:aws:iam::" + account + ":role/payments-lambda-99999")).isEmpty();
        assertThat(org.principal("arn:aws:iam::" + account + ":group/admins")).isEmpty();
        assertThat(org.principal("not an arn")).isEmpty();
    }

    @Test
    void shouldGiveEachPermissionSetItsRoleInTheAccountsItIsAssignedToWithItsPolicy() {
        SimulatedOrganization org = organization(SimulatorOptions.builder().accounts(40).principalsPerAccount(6)
                .distribution(Distribution.UNIFORM).region("eu-west-2").permissionSets(3));
        IamContent iam = new IamContent(org, java.time.Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), java.time.ZoneOffset.UTC), 7);

        List<Principal> roles = org.accounts().stream().flatMap(a -> org.principals(a.id()).stream())
                .filter(p -> p.path().startsWith("/aws-reserved/")).toList();

        assertThat(roles).allSatisfy(role -> {
            assertThat(role.path()).isEqualTo("/aws-reserved/sso.amazonaws.com/eu-west-2/");
            assertThat(role.name()).matches("AWSReservedSSO_(AdministratorAccess|ReadOnlyAccess|PowerUserAccess)_[0-9a-f]{16}");
            assertThat(org.principal(role.arn())).contains(role);
            assertThat(iam.details(role).managedPolicyArns()).containsExactly(IdentityCenter.policyArn(role).orElseThrow());
        });
        Set<String> administrators = roles.stream().filter(r -> r.name().contains("_AdministratorAccess_")).map(Principal::accountId)
                .collect(Collectors.toSet());
        long readOnly = roles.stream().filter(r -> r.name().contains("_ReadOnlyAccess_")).count();
        assertThat(administrators).hasSize(40);
        assertThat(readOnly).isBetween(20L, 39L);
        assertThat(org.accounts()).allMatch(a -> org.principalCount(a.id())
                == 6 + org.principals(a.id()).stream().filter(p -> p.path().startsWith("/aws-reserved/")).count());
        assertThat(iam.details(roles.getFirst()).managedPolicyArns()).containsExactly(PrincipalDetails.ADMINISTRATOR_ACCESS);

        // a test's own role of that name is not Identity Center's: no policy unless the test gives it one
        String account = org.accounts().get(1).id();
        Principal added = org.addPrincipal(account, Kind.ROLE, "/aws-reserved/sso.amazonaws.com/", "AWSReservedSSO_ReadOnlyAccess_"
                + "0123456789abcdef", Instant.EPOCH);
        assertThat(iam.details(added).managedPolicyArns()).isEmpty();
    }

    @Test
    void shouldHaveNoIdentityCenterRolesUnlessAsked() {
        SimulatedOrganization org = organization(SimulatorOptions.builder().accounts(5).principalsPerAccount(4));
        assertThat(org.accounts().stream().flatMap(a -> org.principals(a.id()).stream()))
                .noneMatch(p -> p.path().startsWith("/aws-reserved/"));
        assertThatThrownBy(() -> SimulatorOptions.builder().permissionSets(4).build())
                .hasMessageContaining("permission-sets").hasMessageContaining("must be 0-3");
    }
}
