package io.policygen.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.policygen.simulator.Principal.Kind;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.model.GetAccountAuthorizationDetailsResponse;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.ManagedPolicyDetail;
import software.amazon.awssdk.services.iam.model.RoleDetail;
import software.amazon.awssdk.services.iam.model.UserDetail;
import tools.jackson.databind.JsonNode;

/** IAM GetAccountAuthorizationDetails through the real SDK client and its paginator. */
class AuthorizationDetailsContractIT {

    static Simulator simulator;
    static SimulatorClients clients;

    @BeforeAll
    static void start() {
        simulator = Simulator.start(SimulatorOptions.builder().accounts(6).principalsPerAccount(120).seed(7)
                .suspendedAccounts(0).unassumableAccounts(0).manualClock(Instant.parse("2026-06-01T00:00:00Z")).build());
        clients = new SimulatorClients(simulator);
    }

    @AfterAll
    static void stop() throws Exception {
        clients.close();
        simulator.close();
    }

    private static List<GetAccountAuthorizationDetailsResponse> pages(IamClient iam, int maxItems, EntityType... filter) {
        return iam.getAccountAuthorizationDetailsPaginator(r -> r.filter(filter).maxItems(maxItems)).stream().toList();
    }

    private static JsonNode decoded(String document) {
        return Protocols.JSON.readTree(URLDecoder.decode(document, StandardCharsets.UTF_8));
    }

    @Test
    void shouldPageThroughEveryRoleUserGroupAndPolicyAcrossShortPages() {
        String member = OrganizationContractIT.assumableMember(simulator, 1);
        IamClient iam = clients.iam(clients.member(member));

        List<GetAccountAuthorizationDetailsResponse> pages = pages(iam, 10);

        assertThat(pages).hasSizeGreaterThan(5).anyMatch(p -> p.isTruncated() && p.roleDetailList().size()
                + p.userDetailList().size() + p.groupDetailList().size() + p.policies().size() < 10);
        List<RoleDetail> roles = pages.stream().flatMap(p -> p.roleDetailList().stream()).toList();
        List<UserDetail> users = pages.stream().flatMap(p -> p.userDetailList().stream()).toList();
        assertThat(roles.size() - 3 + users.size()).isEqualTo(simulator.organization().principalCount(member));
        assertThat(pages.stream().flatMap(p -> p.groupDetailList().stream()))
                .extracting(g -> g.groupName()).containsExactly("Admins", "Developers", "ReadOnly", "DataAnalysts", "Billing");
        assertThat(pages.stream().flatMap(p -> p.policies().stream()).map(ManagedPolicyDetail::policyName))
                .contains("AdministratorAccess", "PowerUserAccess", "ReadOnlyAccess", "ci-deploy", "developer-boundary");
        assertThat(roles).allMatch(r -> r.roleId().startsWith("AROA") && r.createDate() != null);
        assertThat(users).allMatch(u -> u.userId().startsWith("AIDA"));
    }

    @Test
    void shouldListOnlyTheFilteredEntityTypes() {
        IamClient iam = clients.iam(clients.member(OrganizationContractIT.assumableMember(simulator, 2)));

        List<GetAccountAuthorizationDetailsResponse> pages = pages(iam, 1000, EntityType.LOCAL_MANAGED_POLICY, EntityType.GROUP);

        assertThat(pages).hasSize(1);
        assertThat(pages.getFirst().roleDetailList()).isEmpty();
        assertThat(pages.getFirst().userDetailList()).isEmpty();
        assertThat(pages.getFirst().groupDetailList()).hasSize(5);
        assertThat(pages.getFirst().policies()).extracting(ManagedPolicyDetail::arn)
                .allMatch(arn -> !arn.startsWith("arn:aws:iam::aws:")).hasSize(8);
    }

    @Test
    void shouldSendEveryDocumentUrlEncodedWithItsDefaultVersion() {
        IamClient iam = clients.iam(clients.member(OrganizationContractIT.assumableMember(simulator, 1)));

        List<GetAccountAuthorizationDetailsResponse> pages = pages(iam, 1000);

        ManagedPolicyDetail admin = pages.stream().flatMap(p -> p.policies().stream())
                .filter(p -> p.policyName().equals("AdministratorAccess")).findFirst().orElseThrow();
        assertThat(admin.defaultVersionId()).isEqualTo("v1");
        assertThat(admin.policyVersionList()).singleElement().satisfies(v -> {
            assertThat(v.isDefaultVersion()).isTrue();
            assertThat(v.document()).startsWith("%7B%22Version%22");
            assertThat(decoded(v.document()).get("Statement").get(0).get("Action").asString()).isEqualTo("*");
        });
        ManagedPolicyDetail planted = pages.stream().flatMap(p -> p.policies().stream())
                .filter(p -> p.policyName().equals("tag-based-ec2")).findFirst().orElseThrow();
        assertThat(planted.description()).contains("<img src=x onerror=alert(1)>");
        assertThat(decoded(planted.policyVersionList().getFirst().document()).toString()).contains("<img src=x onerror=alert(1)>");
        List<RoleDetail> roles = pages.stream().flatMap(p -> p.roleDetailList().stream()).toList();
        assertThat(roles).allSatisfy(r -> {
            assertThat(decoded(r.assumeRolePolicyDocument()).get("Statement")).isNotEmpty();
            r.rolePolicyList().forEach(p -> assertThat(decoded(p.policyDocument()).get("Version").asString()).isEqualTo("2012-10-17"));
        });
    }

    @Test
    void shouldShowEachPrincipalsPoliciesTagsAndLastUseAsTheSimulatorHoldsThem() {
        String member = OrganizationContractIT.assumableMember(simulator, 3);
        IamClient iam = clients.iam(clients.member(member));

        List<GetAccountAuthorizationDetailsResponse> pages = pages(iam, 1000);

        Map<String, RoleDetail> roles = pages.stream().flatMap(p -> p.roleDetailList().stream())
                .collect(Collectors.toMap(RoleDetail::arn, r -> r));
        for (Principal p : simulator.organization().principals(member)) {
            if (p.kind() != Kind.ROLE) {
                continue;
            }
            PrincipalDetails expected = simulator.details(p.arn());
            RoleDetail role = roles.get(p.arn());
            assertThat(role.roleLastUsed().lastUsedDate()).isEqualTo(expected.lastUsed());
            assertThat(role.attachedManagedPolicies()).extracting(a -> a.policyArn()).isEqualTo(expected.managedPolicyArns());
            assertThat(role.rolePolicyList()).extracting(r -> r.policyName()).containsExactlyElementsOf(expected.inlinePolicies().keySet());
            assertThat(role.tags()).extracting(t -> t.key() + "=" + t.value()).containsExactlyElementsOf(
                    expected.tags().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
            assertThat(role.permissionsBoundary() == null ? null : role.permissionsBoundary().permissionsBoundaryArn())
                    .isEqualTo(expected.permissionsBoundaryArn());
        }
        assertThat(roles.values()).as("some unused, some in use, some bounded")
                .anyMatch(r -> r.roleLastUsed().lastUsedDate() == null)
                .anyMatch(r -> r.roleLastUsed().lastUsedDate() != null)
                .anyMatch(r -> r.permissionsBoundary() != null);
    }

    @Test
    void shouldGiveARoleCreatedAgainUnderTheSameNameANewIdAndNothingOfTheOld() {
        String member = OrganizationContractIT.assumableMember(simulator, 4);
        Principal first = simulator.organization().addPrincipal(member, Kind.ROLE, "/", "reborn", simulator.clock().instant());
        simulator.setDetails(first.arn(), PrincipalDetails.none().usedAt(simulator.clock().instant())
                .attach(PrincipalDetails.ADMINISTRATOR_ACCESS));
        simulator.organization().deletePrincipal(first.arn());

        Principal second = simulator.organization().addPrincipal(member, Kind.ROLE, "/", "reborn", simulator.clock().instant());

        IamClient iam = clients.iam(clients.member(member));
        RoleDetail listed = pages(iam, 1000, EntityType.ROLE).stream().flatMap(p -> p.roleDetailList().stream())
                .filter(r -> r.roleName().equals("reborn")).collect(Collectors.toList()).getFirst();
        assertThat(second.arn()).isEqualTo(first.arn());
        assertThat(listed.roleId()).isEqualTo(second.id()).isNotEqualTo(first.id());
        assertThat(listed.attachedManagedPolicies()).isEmpty();
        assertThat(listed.roleLastUsed().lastUsedDate()).isNull();
    }

    @Test
    void shouldThrottleWithThrottlingAndLetTheSdkRetry() {
        String member = OrganizationContractIT.assumableMember(simulator, 2);
        simulator.faults().throttleNext("GetAccountAuthorizationDetails", 1);
        try (SimulatorClients once = SimulatorClients.withoutRetries(simulator)) {
            assertThatThrownBy(() -> once.iam(once.member(member)).getAccountAuthorizationDetails(r -> r.maxItems(10)))
                    .isInstanceOfSatisfying(IamException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
                    });
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        simulator.faults().throttleNext("GetAccountAuthorizationDetails", 2);
        assertThat(pages(clients.iam(clients.member(member)), 1000)).isNotEmpty();
    }

    @Test
    void shouldRefuseAnUnknownFilterAndMaxItemsOutsideOneToAThousand() {
        IamClient iam = clients.iam(clients.member(OrganizationContractIT.assumableMember(simulator, 1)));
        assertThatThrownBy(() -> iam.getAccountAuthorizationDetails(r -> r.filterWithStrings("Policy")))
                .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
        assertThatThrownBy(() -> iam.getAccountAuthorizationDetails(r -> r.maxItems(1001)))
                .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
    }
}
