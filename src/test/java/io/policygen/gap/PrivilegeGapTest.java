package io.policygen.gap;

import static io.policygen.gap.TestCatalog.allow;
import static io.policygen.gap.TestCatalog.generated;
import static io.policygen.gap.TestCatalog.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Used and unused: the generated policy against the grant, with the hand-written catalog of {@link TestCatalog}. */
class PrivilegeGapTest {

    private static final CurrentPolicies ADMIN = CurrentPolicies.of(
            AttachedPolicy.managed("arn:aws:iam::aws:policy/AdministratorAccess", policy(allow("\"*\""))));

    private final GapCalculator calculator = new GapCalculator(TestCatalog.CATALOG);

    @Test
    void shouldCallUnusedWhatIsGrantedAndNotInTheGeneratedPolicy() {
        CurrentPolicies current = CurrentPolicies.of(AttachedPolicy.inline("app", policy(allow("[\"s3:*\", \"iam:GetRole\"]"))));

        PrivilegeGap gap = calculator.gap(current, generated(policy(allow("[\"s3:GetObject\", \"iam:GetRole\"]"))));

        assertThat(gap.grantedActions()).hasSize(8);
        assertThat(gap.usedActions()).containsExactly("iam:GetRole", "s3:GetObject");
        assertThat(gap.unusedActions()).containsExactly("s3:DeleteObject", "s3:GetBucketPolicy", "s3:ListBucket",
                "s3:PutBucketPolicy", "s3:PutObject", "s3:PutObjectTagging");
        assertThat(gap.unused()).isEqualTo(6);
        assertThat(gap.unusedShare()).isEqualTo(6.0 / 8);
    }

    @Test
    void shouldWeighUnusedActionsByAccessLevel() {
        CurrentPolicies current = CurrentPolicies.of(AttachedPolicy.inline("app", policy(allow("\"s3:*\""))));

        PrivilegeGap gap = calculator.gap(current, generated(policy(allow("\"s3:GetObject\""))));

        // DeleteObject W 5, GetBucketPolicy R 2, ListBucket L 1, PutBucketPolicy P 10, PutObject W 5, PutObjectTagging T 3
        assertThat(gap.score()).isEqualTo(26);
        assertThat(gap.unusedDetails()).extracting(GapAction::action, GapAction::level).containsExactly(
                tuple("s3:DeleteObject", AccessLevel.WRITE),
                tuple("s3:GetBucketPolicy", AccessLevel.READ),
                tuple("s3:ListBucket", AccessLevel.LIST),
                tuple("s3:PutBucketPolicy", AccessLevel.PERMISSIONS_MANAGEMENT),
                tuple("s3:PutObject", AccessLevel.WRITE),
                tuple("s3:PutObjectTagging", AccessLevel.TAGGING));
    }

    @Test
    void shouldRankTheAdministratorAboveTheReaderWithTheSameUse() {
        CurrentPolicies reader = CurrentPolicies.of(AttachedPolicy.inline("read", policy(allow("[\"s3:Get*\", \"s3:List*\"]"))));
        GeneratedPolicy used = generated(policy(allow("\"s3:GetObject\"")));

        PrivilegeGap admin = calculator.gap(ADMIN, used);
        PrivilegeGap narrow = calculator.gap(reader, used);

        assertThat(admin.score()).isGreaterThan(narrow.score());
        assertThat(narrow.score()).isEqualTo(2 + 1);
        assertThat(admin.unusedShare()).isGreaterThan(narrow.unusedShare());
    }

    @Test
    void shouldTreatAServiceLevelEntryAsUsedWithActionsUnknown() {
        PrivilegeGap gap = calculator.gap(ADMIN, new GeneratedPolicy(
                "[" + policy(allow("[\"s3:GetObject\"]"), allow("\"sqs:*\""), allow("\"ec2:${Action}\"")) + "]", false));

        assertThat(gap.serviceLevelServices()).containsExactly("ec2", "sqs");
        assertThat(gap.serviceLevelActions()).containsExactly("ec2:DescribeInstances", "ec2:RunInstances",
                "ec2:TerminateInstances", "sqs:ReceiveMessage", "sqs:SendMessage");
        assertThat(gap.usedActions()).containsExactly("s3:GetObject");
        assertThat(gap.unusedActions()).containsExactly("iam:AttachRolePolicy", "iam:GetRole", "s3:DeleteObject",
                "s3:GetBucketPolicy", "s3:ListBucket", "s3:PutBucketPolicy", "s3:PutObject", "s3:PutObjectTagging");
        assertThat(gap.notObservableActions()).containsExactly("iam:PassRole");
        assertThat(gap.services()).filteredOn(ServiceGap::serviceLevel).extracting(ServiceGap::service).containsExactly("ec2", "sqs");
        assertThat(gap.notes()).isEmpty();
    }

    @Test
    void shouldCallNothingUnusedWhenTheGeneratedPolicySaysStar() {
        PrivilegeGap gap = calculator.gap(ADMIN, generated(policy(allow("\"*\""))));

        assertThat(gap.unusedActions()).isEmpty();
        assertThat(gap.serviceLevelServices()).containsExactly("*");
        assertThat(gap.usedAtServiceLevel()).isEqualTo(14);
        assertThat(gap.notObservable()).isEqualTo(1);
    }

    @Test
    void shouldNeverCallPassRoleUnusedForAGeneratedPolicyCannotShowIt() {
        CurrentPolicies current = CurrentPolicies.of(AttachedPolicy.inline("pass", policy(allow("[\"iam:PassRole\", \"iam:GetRole\"]"))));

        PrivilegeGap gap = calculator.gap(current, generated(policy(allow("\"iam:GetRole\""))));

        assertThat(gap.unusedActions()).isEmpty();
        assertThat(gap.notObservableActions()).containsExactly("iam:PassRole");
    }

    @Test
    void shouldReadTheDocumentsAwsSplitAPolicyIntoWhetherObjectsOrText() {
        CurrentPolicies current = CurrentPolicies.of(AttachedPolicy.inline("app", policy(allow("[\"s3:*\", \"sqs:*\"]"))));
        String text = policy(allow("\"sqs:SendMessage\""));
        String documents = "[" + policy(allow("\"s3:GetObject\"")) + ",\"" + text.replace("\"", "\\\"") + "\"]";

        PrivilegeGap gap = calculator.gap(current, new GeneratedPolicy(documents, true));

        assertThat(gap.usedActions()).containsExactly("s3:GetObject", "sqs:SendMessage");
    }

    @Test
    void shouldMatchUnknownUsedActionsByTextAndCountUseThatIsNotGranted() {
        CurrentPolicies current = CurrentPolicies.of(AttachedPolicy.inline("new", policy(
                allow("[\"newservice:DoThing\", \"newservice:Other\", \"s3:GetObject\"]"))));

        PrivilegeGap gap = calculator.gap(current, generated(policy(allow("[\"NewService:dothing\", \"sqs:SendMessage\", \"x:Y\"]"))));

        assertThat(gap.usedActions()).containsExactly("newservice:DoThing");
        assertThat(gap.unusedActions()).containsExactly("newservice:Other", "s3:GetObject");
        assertThat(gap.unusedDetails()).filteredOn(GapAction::unknown).extracting(GapAction::level).containsExactly(AccessLevel.UNKNOWN);
        assertThat(gap.score()).isEqualTo(AccessLevel.UNKNOWN.weight() + AccessLevel.READ.weight());
        assertThat(gap.usedNotGranted()).isEqualTo(2);
    }

    @Test
    void shouldNoteAnIncompleteResultWithoutServiceLevelEntries() {
        CurrentPolicies current = CurrentPolicies.of(AttachedPolicy.inline("app", policy(allow("\"s3:*\""))));

        PrivilegeGap gap = calculator.gap(current, new GeneratedPolicy("[" + policy(allow("\"s3:GetObject\"")) + "]", false));

        assertThat(gap.notes()).extracting(GapNote::kind).containsExactly(GapNote.Kind.USAGE_INCOMPLETE);
        assertThat(gap.unused()).isEqualTo(6);
    }

    @Test
    void shouldCountNothingUsedWhenTheGeneratedPolicyCannotBeRead() {
        CurrentPolicies current = CurrentPolicies.of(AttachedPolicy.inline("app", policy(allow("\"sqs:*\""))));

        PrivilegeGap gap = calculator.gap(current, new GeneratedPolicy("{oops", true));

        assertThat(gap.unusedActions()).containsExactly("sqs:ReceiveMessage", "sqs:SendMessage");
        assertThat(gap.notes()).extracting(GapNote::kind).containsExactly(GapNote.Kind.UNREADABLE_GENERATED_POLICY);
    }

    @Test
    void shouldSumEachServiceAndRankTheTopUnusedServicesByWeight() {
        PrivilegeGap gap = calculator.gap(ADMIN, generated(policy(allow("[\"s3:GetObject\", \"ec2:DescribeInstances\"]"))));

        assertThat(gap.services()).extracting(ServiceGap::service).containsExactly("ec2", "iam", "s3", "sqs");
        assertThat(gap.services().get(2)).isEqualTo(new ServiceGap("s3", 7, 1, 0, 6, 26, 7));
        assertThat(gap.topUnusedServices(2)).extracting(ServiceGap::service).containsExactly("s3", "iam");
        assertThat(gap.topUnusedServices(9)).extracting(ServiceGap::service, ServiceGap::unusedWeight).containsExactly(
                tuple("s3", 26L), tuple("iam", 12L),
                tuple("ec2", 10L), tuple("sqs", 7L));
        assertThat(gap.granted()).isEqualTo(15);
        assertThat(gap.used() + gap.usedAtServiceLevel() + gap.notObservable() + gap.unused()).isEqualTo(gap.granted());
        assertThat(gap.unusedShare()).isCloseTo(12.0 / 15, within(1e-12));
    }

    @Test
    void shouldCountTheUnusedScopedAndConditionalActions() {
        CurrentPolicies current = CurrentPolicies.of(AttachedPolicy.inline("app", policy(
                "{\"Effect\":\"Allow\",\"Action\":\"s3:*Object\",\"Resource\":\"arn:aws:s3:::data/*\"}",
                "{\"Effect\":\"Deny\",\"Action\":\"s3:DeleteObject\",\"Resource\":\"*\",\"Condition\":{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"false\"}}}")));

        PrivilegeGap gap = calculator.gap(current, generated(policy(allow("\"s3:GetObject\""))));

        assertThat(gap.unusedActions()).containsExactly("s3:DeleteObject", "s3:PutObject");
        assertThat(gap.unusedScoped()).isEqualTo(2);
        assertThat(gap.unusedConditional()).isEqualTo(1);
        assertThat(gap.unusedDetails()).extracting(GapAction::action, GapAction::scoped, GapAction::conditional).containsExactly(
                tuple("s3:DeleteObject", true, true),
                tuple("s3:PutObject", true, false));
    }
}
