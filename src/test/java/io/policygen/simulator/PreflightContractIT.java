package io.policygen.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Trail;
import software.amazon.awssdk.services.cloudtrail.model.TrailNotFoundException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;
import software.amazon.awssdk.services.iam.model.Role;

/** What a preflight check reads, and spends no quota on: CloudTrail GetTrail / DescribeTrails, IAM GetRole and SimulatePrincipalPolicy. */
class PreflightContractIT {

    static final long SEED = 7;
    static final String MEMBER = SimulatedOrganization.accountId(SEED, 1);
    static final String MISSING = SimulatedOrganization.accountId(SEED, 2);
    static final String UNTRUSTED = SimulatedOrganization.accountId(SEED, 3);
    static final String NO_PASS_ROLE = SimulatedOrganization.accountId(SEED, 4);

    static Simulator simulator;
    static SimulatorClients clients;
    static SimulatedOrganization org;

    @BeforeAll
    static void start() {
        simulator = Simulator.start(SimulatorOptions.builder().seed(SEED).accounts(5).principalsPerAccount(4)
                .suspendedAccounts(0).unassumableAccounts(0).brokenAccessRole(MISSING, AccessRoleBreak.MISSING)
                .brokenAccessRole(UNTRUSTED, AccessRoleBreak.UNTRUSTED).noPassRole(NO_PASS_ROLE).manualClock(true)
                .build());
        clients = SimulatorClients.withoutRetries(simulator);
        org = simulator.organization();
    }

    @AfterAll
    static void stop() throws Exception {
        clients.close();
        simulator.close();
    }

    static void assertOrganizationTrail(Trail trail) {
        assertThat(trail.trailARN()).isEqualTo(org.trailArn());
        assertThat(trail.name()).isEqualTo("organization-trail");
        assertThat(trail.isOrganizationTrail()).isTrue();
        assertThat(trail.isMultiRegionTrail()).isTrue();
        assertThat(trail.homeRegion()).isEqualTo("us-east-1");
        assertThat(trail.s3BucketName()).isEqualTo(org.trail().bucket()).startsWith("aws-cloudtrail-logs-");
        assertThat(trail.kmsKeyId()).isNull();
    }

    @Test
    void shouldDescribeTheOrganizationTrailToTheManagementAccountByNameOrArn() {
        // given
        CloudTrailClient cloudTrail = clients.cloudTrail(clients.management());

        // then
        assertOrganizationTrail(cloudTrail.getTrail(r -> r.name("organization-trail")).trail());
        assertOrganizationTrail(cloudTrail.getTrail(r -> r.name(org.trailArn())).trail());
        assertThat(cloudTrail.describeTrails(r -> { }).trailList()).singleElement()
                .satisfies(PreflightContractIT::assertOrganizationTrail);
    }

    @Test
    void shouldShowTheOrganizationTrailToAMemberAccountAsAShadowTrailInEveryRegion() {
        // given
        CloudTrailClient cloudTrail = clients.cloudTrail(clients.member(MEMBER), Region.EU_WEST_1);

        // then
        assertThat(cloudTrail.describeTrails(r -> { }).trailList()).singleElement()
                .satisfies(PreflightContractIT::assertOrganizationTrail);
        assertThat(cloudTrail.describeTrails(r -> r.includeShadowTrails(false)).trailList()).isEmpty();
        assertOrganizationTrail(cloudTrail.getTrail(r -> r.name(org.trailArn())).trail());
        assertThatThrownBy(() -> cloudTrail.getTrail(r -> r.name("organization-trail")))
                .isInstanceOf(TrailNotFoundException.class);
    }

    @Test
    void shouldAnswerTrailNotFoundForAnUnknownTrail() {
        String unknown = "arn:aws:cloudtrail:us-east-1:" + org.managementAccountId() + ":trail/other";
        assertThatThrownBy(() -> clients.cloudTrail(clients.management()).getTrail(r -> r.name(unknown)))
                .isInstanceOfSatisfying(TrailNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("TrailNotFoundException");
                    assertThat(e.awsErrorDetails().errorMessage()).contains(unknown);
                });
        assertThat(clients.cloudTrail(clients.management()).describeTrails(r -> r.trailNameList(unknown)).trailList())
                .isEmpty();
    }

    @Test
    void shouldNameTheKmsKeyOfAnEncryptedTrail() throws Exception {
        try (Simulator encrypted = Simulator.start(SimulatorOptions.builder().seed(SEED).accounts(2).trailKmsKey(true)
                .build()); SimulatorClients encryptedClients = new SimulatorClients(encrypted)) {
            Trail trail = encryptedClients.cloudTrail(encryptedClients.management()).getTrail(r -> r.name(
                    encrypted.organization().trailArn())).trail();
            assertThat(trail.kmsKeyId()).isEqualTo(encrypted.organization().trail().kmsKeyArn())
                    .startsWith("arn:aws:kms:us-east-1:" + encrypted.organization().managementAccountId() + ":key/");
        }
    }

    static Role role(String account, String name) {
        return clients.iam(clients.member(account)).getRole(r -> r.roleName(name)).role();
    }

    static String trustPolicy(Role role) {
        assertThat(role.assumeRolePolicyDocument()).as("URL-encoded, as IAM returns it").startsWith("%7B%22Version%22");
        return URLDecoder.decode(role.assumeRolePolicyDocument(), StandardCharsets.UTF_8);
    }

    @Test
    void shouldReturnTheAccessRoleTrustingAccessAnalyzer() {
        // when
        Role role = role(MEMBER, "AccessAnalyzerMonitorServiceRole");

        // then
        assertThat(role.arn()).isEqualTo(org.accessRoleArn(MEMBER));
        assertThat(role.path()).isEqualTo("/service-role/");
        assertThat(role.roleId()).startsWith("AROA");
        assertThat(role.createDate()).isNotNull();
        assertThat(role.maxSessionDuration()).isEqualTo(3600);
        assertThat(trustPolicy(role)).contains("\"Service\":\"access-analyzer.amazonaws.com\"", "sts:AssumeRole");
    }

    @Test
    void shouldSayNoSuchEntityForAMissingAccessRoleAndShowAnUntrustedOneWithoutAccessAnalyzer() {
        assertThatThrownBy(() -> role(MISSING, "AccessAnalyzerMonitorServiceRole"))
                .isInstanceOfSatisfying(NoSuchEntityException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchEntity");
                });
        assertThat(trustPolicy(role(UNTRUSTED, "AccessAnalyzerMonitorServiceRole")))
                .doesNotContain("access-analyzer.amazonaws.com").contains("arn:aws:iam::" + UNTRUSTED + ":root");
        assertThatThrownBy(() -> role(MEMBER, "NoSuchRole")).isInstanceOf(NoSuchEntityException.class);
    }

    @Test
    void shouldReturnTheMemberRoleTrustingTheManagementAccountAndAnAccountsOwnRoles() {
        Role member = role(MEMBER, "OrganizationAccountAccessRole");
        assertThat(member.arn()).isEqualTo(org.memberRoleArn(MEMBER));
        assertThat(member.maxSessionDuration()).isEqualTo(3600);
        assertThat(trustPolicy(member)).contains("arn:aws:iam::" + org.managementAccountId() + ":root");
        Principal own = GenerationRequests.principals(simulator, MEMBER).getFirst();
        assertThat(own.kind()).isEqualTo(Principal.Kind.ROLE);
        assertThat(role(MEMBER, own.name()).arn()).isEqualTo(own.arn());
    }

    @Test
    void shouldSimulatePassRoleOfTheAccessRoleByTheMemberRole() {
        assertThat(passRole(MEMBER)).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
        assertThat(passRole(NO_PASS_ROLE)).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
    }

    static PolicyEvaluationDecisionType passRole(String account) {
        IamClient iam = clients.iam(clients.member(account));
        List<EvaluationResult> results = iam.simulatePrincipalPolicy(r -> r.policySourceArn(org.memberRoleArn(account))
                .actionNames("iam:PassRole").resourceArns(org.accessRoleArn(account))).evaluationResults();
        assertThat(results).singleElement().satisfies(result -> {
            assertThat(result.evalActionName()).isEqualTo("iam:PassRole");
            assertThat(result.evalResourceName()).isEqualTo(org.accessRoleArn(account));
        });
        return results.getFirst().evalDecision();
    }
}
