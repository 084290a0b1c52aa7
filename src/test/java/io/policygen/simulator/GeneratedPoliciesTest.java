package io.policygen.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.policygen.simulator.SimulatorOptions.Distribution;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class GeneratedPoliciesTest {

    private static final long SEED = 11;
    private static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");

    private final SimulatedOrganization organization = new SimulatedOrganization(SimulatorOptions.builder().seed(SEED)
            .accounts(12).principalsPerAccount(60).distribution(Distribution.UNIFORM).build(), NOW);
    private final IamContent iam = new IamContent(organization, Clock.fixed(NOW, ZoneOffset.UTC), SEED);
    private final Account account = organization.accounts().get(1);
    private final AwsActions aws = AwsActions.get();

    @Test
    void shouldNameOnlyActionsThePrincipalsPoliciesAllow() {
        // given
        List<Principal> principals = organization.accounts().stream()
                .flatMap(a -> organization.principals(a.id()).stream()).filter(p -> !p.serviceLinked()).toList();
        int withDocuments = 0;
        int granted = 0;
        int idleGranted = 0;

        // when
        for (Principal p : principals) {
            BitSet may = iam.granted(p);
            List<String> documents = GeneratedPolicies.generate(SEED, p.arn(), may, true, false).documents();

            // then
            for (String action : actions(documents)) {
                if (action.endsWith(":*")) {
                    String service = action.substring(0, action.length() - 2);
                    assertThat(may.stream().mapToObj(aws::service)).as(p.arn() + " " + action).contains(service);
                } else {
                    assertThat(aws.indexOf(action)).as(p.arn() + " " + action).isNotNegative()
                            .satisfies(i -> assertThat(may.get(i)).as(p.arn() + " may " + action).isTrue());
                }
            }
            assertThat(actions(documents)).as("CloudTrail does not record it").doesNotContain("iam:PassRole");
            BitSet observable = (BitSet) may.clone();
            observable.clear(aws.indexOf("iam:PassRole"));
            boolean idle = GeneratedPolicies.usage(SEED, p.arn(), may).idle();
            assertThat(documents.isEmpty()).as(p.arn()).isEqualTo(observable.isEmpty() || idle);
            granted += observable.isEmpty() ? 0 : 1;
            idleGranted += idle && !observable.isEmpty() ? 1 : 0;
            withDocuments += documents.isEmpty() ? 0 : 1;
        }
        assertThat(granted).isGreaterThan(principals.size() * 9 / 10);
        assertThat(idleGranted).as("about one in 25 used nothing").isBetween(granted / 50, granted / 12);
        assertThat(withDocuments).isEqualTo(granted - idleGranted);
    }

    @Test
    void shouldGrantWhatAllowsLeaveLessUnconditionalDeniesWithinTheBoundary() {
        // given
        PolicyCatalog catalog = PolicyCatalog.get();
        PrincipalDetails powerUser = PrincipalDetails.none().attach(PrincipalDetails.POWER_USER_ACCESS);
        PrincipalDetails s3AndKmsOnly = PrincipalDetails.none()
                .inline("x", catalog.inline("all-but-iam", account.id(), "app"))
                .attach(PrincipalDetails.ADMINISTRATOR_ACCESS);
        PrincipalDetails bounded = PrincipalDetails.none().attach(PrincipalDetails.ADMINISTRATOR_ACCESS)
                .boundary(catalog.customerArn(account.id(), "workload-boundary"));
        PrincipalDetails regionDenied = PrincipalDetails.none().attach(PrincipalDetails.ADMINISTRATOR_ACCESS)
                .attach(catalog.customerArn(account.id(), "deny-outside-regions"));
        PrincipalDetails analyst = PrincipalDetails.none().inGroups("DataAnalysts");

        // then
        assertThat(names(grants(powerUser))).contains("s3:GetObject", "iam:ListRoles")
                .doesNotContain("iam:CreateUser", "organizations:LeaveOrganization");
        assertThat(names(grants(s3AndKmsOnly))).contains("s3:PutObject", "kms:Encrypt")
                .allMatch(a -> a.startsWith("s3:") || a.startsWith("kms:") || a.equals("sts:GetCallerIdentity"));
        assertThat(names(grants(bounded))).contains("kms:Decrypt", "sqs:SendMessage")
                .doesNotContain("kms:Encrypt", "ec2:RunInstances");
        assertThat(names(grants(regionDenied))).contains("ec2:RunInstances");
        assertThat(names(grants(analyst))).contains("athena:GetQueryResults", "s3:GetObject")
                .doesNotContain("s3:PutObject");
        assertThat(grants(PrincipalDetails.none()).isEmpty()).isTrue();
    }

    @Test
    void shouldSplitOnlyWhereThePrincipalMayDoMuch() {
        // given
        BitSet everything = grants(PrincipalDetails.none().attach(PrincipalDetails.ADMINISTRATOR_ACCESS));
        BitSet logsOnly = grants(PrincipalDetails.none().attach(PolicyCatalog.get().awsArn("AWSLambdaBasicExecutionRole")));
        List<String> broad = IntStream.range(0, 400).mapToObj(i -> "arn:aws:iam::" + account.id() + ":role/r-" + i)
                .filter(arn -> GeneratedPolicies.usage(SEED, arn, everything).broad()).toList();

        // when
        List<String> documents = GeneratedPolicies.generate(SEED, broad.getFirst(), everything, false, false).documents();

        // then
        assertThat(broad).hasSizeBetween(15, 60);
        assertThat(documents).hasSizeGreaterThan(1)
                .allSatisfy(d -> assertThat(d.length()).isLessThanOrEqualTo(GeneratedPolicies.MAX_POLICY_LENGTH));
        assertThat(actions(documents)).hasSizeGreaterThan(200).doesNotHaveDuplicates().contains("s3:GetObject");
        assertThat(broad).noneMatch(arn -> GeneratedPolicies.usage(SEED, arn, logsOnly).broad());
        assertThat(actions(GeneratedPolicies.generate(SEED, broad.getFirst(), logsOnly, false, false).documents()))
                .isNotEmpty().allMatch(a -> a.startsWith("logs:"));
    }

    @Test
    void shouldGenerateNothingForAPrincipalThatMayOnlyPassARole() {
        // given
        String passRole = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:PassRole\","
                + "\"Resource\":\"*\"}]}";
        BitSet may = grants(PrincipalDetails.none().inline("pass", passRole));

        // when
        List<String> documents = GeneratedPolicies.generate(SEED, "arn:aws:iam::" + account.id() + ":role/p", may,
                false, true).documents();

        // then
        assertThat(names(may)).containsExactly("iam:PassRole");
        assertThat(documents).isEmpty();
    }

    private BitSet grants(PrincipalDetails details) {
        return PrincipalGrants.of(details, iam.groups(account), () -> iam.managedPolicies(account));
    }

    private List<String> names(BitSet actions) {
        return actions.stream().mapToObj(aws::action).toList();
    }

    private static List<String> actions(List<String> documents) {
        List<String> actions = new ArrayList<>();
        for (String document : documents) {
            for (JsonNode statement : Protocols.JSON.readTree(document).get("Statement")) {
                statement.get("Action").forEach(a -> actions.add(a.asString()));
            }
        }
        return actions;
    }
}
