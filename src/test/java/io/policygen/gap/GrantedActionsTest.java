package io.policygen.gap;

import static io.policygen.gap.TestCatalog.allow;
import static io.policygen.gap.TestCatalog.deny;
import static io.policygen.gap.TestCatalog.generated;
import static io.policygen.gap.TestCatalog.policy;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Granted: what the current policies allow, with the hand-written catalog of {@link TestCatalog}. */
class GrantedActionsTest {

    private final GapCalculator calculator = new GapCalculator(TestCatalog.CATALOG);

    private PrivilegeGap gap(AttachedPolicy... policies) {
        return calculator.gap(CurrentPolicies.of(policies), generated());
    }

    @Test
    void shouldGrantWhatAWildcardMatches() {
        PrivilegeGap gap = gap(AttachedPolicy.inline("read", policy(allow("[\"s3:Get*\", \"ec2:Describe*\"]"))));

        assertThat(gap.grantedActions()).containsExactly("ec2:DescribeInstances", "s3:GetBucketPolicy", "s3:GetObject");
        assertThat(gap.scopedActions()).isEmpty();
        assertThat(gap.conditionalActions()).isEmpty();
    }

    @Test
    void shouldGrantEveryCatalogActionForTheLoneStar() {
        PrivilegeGap gap = gap(AttachedPolicy.managed("arn:aws:iam::aws:policy/AdministratorAccess", policy(allow("\"*\""))));

        assertThat(gap.grantedActions()).hasSize(15).contains("iam:AttachRolePolicy", "sqs:SendMessage");
        assertThat(gap.unknownActions()).isEmpty();
    }

    @Test
    void shouldGrantEverythingButTheListedForNotAction() {
        PrivilegeGap gap = gap(AttachedPolicy.managed("arn:aws:iam::aws:policy/PowerUserAccess", policy(
                "{\"Effect\":\"Allow\",\"NotAction\":[\"iam:*\",\"s3:*\"],\"Resource\":\"*\"}")));

        assertThat(gap.grantedActions()).containsExactly("ec2:DescribeInstances", "ec2:RunInstances",
                "ec2:TerminateInstances", "sqs:ReceiveMessage", "sqs:SendMessage");
    }

    @Test
    void shouldTakeAwayWhatAPlainDenyDenies() {
        PrivilegeGap gap = gap(AttachedPolicy.inline("s3", policy(allow("\"s3:*\""), deny("[\"s3:Delete*\", \"s3:PutBucket*\"]"))));

        assertThat(gap.grantedActions()).containsExactly("s3:GetBucketPolicy", "s3:GetObject", "s3:ListBucket",
                "s3:PutObject", "s3:PutObjectTagging");
        assertThat(gap.conditionalActions()).isEmpty();
    }

    @Test
    void shouldKeepButFlagWhatAConditionalDenyDenies() {
        PrivilegeGap gap = gap(
                AttachedPolicy.inline("s3", policy(allow("\"s3:*\""))),
                AttachedPolicy.inline("guard", policy("{\"Effect\":\"Deny\",\"Action\":\"s3:DeleteObject\",\"Resource\":\"*\","
                        + "\"Condition\":{\"StringNotEquals\":{\"aws:PrincipalTag/team\":\"<img src=x onerror=alert(1)>\"}}}",
                        "{\"Effect\":\"Deny\",\"Action\":\"s3:PutBucketPolicy\",\"Resource\":\"arn:aws:s3:::prod\"}")));

        assertThat(gap.grantedActions()).hasSize(7);
        assertThat(gap.conditionalActions()).containsExactly("s3:DeleteObject", "s3:PutBucketPolicy");
        assertThat(gap.notes()).extracting(GapNote::kind).containsExactly(GapNote.Kind.CONDITIONAL_DENY, GapNote.Kind.CONDITIONAL_DENY);
        assertThat(gap.notes().get(0).policy()).isEqualTo("guard");
        assertThat(gap.notes().get(0).detail()).contains("<img src=x onerror=alert(1)>").contains("s3:DeleteObject");
        assertThat(gap.notes().get(1).detail()).contains("on arn:aws:s3:::prod");
    }

    @Test
    void shouldDenyEverythingButTheListedForADenyWithNotAction() {
        PrivilegeGap gap = gap(AttachedPolicy.inline("all", policy(allow("\"*\""),
                "{\"Effect\":\"Deny\",\"NotAction\":[\"s3:Get*\",\"sqs:*\"],\"Resource\":\"*\"}")));

        assertThat(gap.grantedActions()).containsExactly("s3:GetBucketPolicy", "s3:GetObject", "sqs:ReceiveMessage",
                "sqs:SendMessage");
    }

    @Test
    void shouldFlagAnActionScopedOnlyWhenNoStatementGrantsItEverywhere() {
        PrivilegeGap gap = gap(AttachedPolicy.inline("data", policy(
                "{\"Effect\":\"Allow\",\"Action\":\"s3:*Object\",\"Resource\":\"arn:aws:s3:::data/*\"}",
                "{\"Effect\":\"Allow\",\"Action\":\"sqs:*\",\"Resource\":\"*\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"true\"}}}",
                allow("\"s3:GetObject\""))));

        assertThat(gap.grantedActions()).containsExactly("s3:DeleteObject", "s3:GetObject", "s3:PutObject",
                "sqs:ReceiveMessage", "sqs:SendMessage");
        assertThat(gap.scopedActions()).containsExactly("s3:DeleteObject", "s3:PutObject", "sqs:ReceiveMessage", "sqs:SendMessage");
    }

    @Test
    void shouldCapTheGrantWithTheBoundaryWhoseDeniesTakeAwayToo() {
        PrivilegeGap gap = gap(
                AttachedPolicy.managed("arn:aws:iam::aws:policy/AdministratorAccess", policy(allow("\"*\""))),
                AttachedPolicy.boundary("arn:aws:iam::111111111111:policy/boundary", policy(
                        allow("[\"s3:Get*\", \"sqs:*\"]"), deny("\"sqs:SendMessage\""),
                        "{\"Effect\":\"Allow\",\"Action\":\"ec2:DescribeInstances\",\"Resource\":\"*\","
                                + "\"Condition\":{\"StringEquals\":{\"aws:RequestedRegion\":\"eu-west-1\"}}}")));

        assertThat(gap.grantedActions()).containsExactly("ec2:DescribeInstances", "s3:GetBucketPolicy", "s3:GetObject",
                "sqs:ReceiveMessage");
        assertThat(gap.scopedActions()).containsExactly("ec2:DescribeInstances");
    }

    @Test
    void shouldGrantNothingTheBoundaryAllowsWhenNoIdentityPolicyDoes() {
        PrivilegeGap gap = gap(
                AttachedPolicy.inline("sqs", policy(allow("\"sqs:ReceiveMessage\""))),
                AttachedPolicy.boundary("arn:aws:iam::111111111111:policy/boundary", policy(allow("\"*\""))));

        assertThat(gap.grantedActions()).containsExactly("sqs:ReceiveMessage");
    }

    @Test
    void shouldAddAUsersGroupPoliciesToItsOwn() {
        PrivilegeGap gap = gap(
                AttachedPolicy.inline("own", policy(allow("\"s3:GetObject\""))),
                AttachedPolicy.managed("arn:aws:iam::111111111111:policy/queues", policy(allow("\"sqs:SendMessage\""))),
                AttachedPolicy.group("developers/ec2", policy(allow("\"ec2:*\""))),
                AttachedPolicy.group("developers/arn:aws:iam::111111111111:policy/no-terminate", policy(deny("\"ec2:Terminate*\""))));

        assertThat(gap.grantedActions()).containsExactly("ec2:DescribeInstances", "ec2:RunInstances", "s3:GetObject",
                "sqs:SendMessage");
    }

    @Test
    void shouldKeepActionsTheCatalogDoesNotKnowAndMarkThemUnknown() {
        PrivilegeGap gap = gap(AttachedPolicy.inline("new", policy(
                allow("[\"s3:GetObject\", \"s3:NewShinyAction\", \"newservice:DoThing\", \"newservice:*\", \"s3:Frobnicate*\"]"),
                "{\"Effect\":\"Allow\",\"Action\":\"other:Thing\",\"Resource\":\"arn:aws:other:::x\"}")));

        assertThat(gap.unknownActions()).containsExactly("newservice:*", "newservice:DoThing", "other:Thing",
                "s3:Frobnicate*", "s3:NewShinyAction");
        assertThat(gap.grantedActions()).containsExactly("newservice:*", "newservice:DoThing", "other:Thing",
                "s3:Frobnicate*", "s3:GetObject", "s3:NewShinyAction");
        assertThat(gap.scopedActions()).containsExactly("other:Thing");
    }

    @Test
    void shouldApplyDeniesAndTheBoundaryToUnknownActionsByTheirText() {
        PrivilegeGap gap = gap(
                AttachedPolicy.inline("new", policy(allow("[\"s3:NewShinyAction\", \"newservice:DoThing\", \"gone:Thing\"]"),
                        deny("\"gone:*\""))),
                AttachedPolicy.boundary("arn:aws:iam::111111111111:policy/boundary", policy(allow("\"s3:*\""))));

        assertThat(gap.grantedActions()).containsExactly("s3:NewShinyAction");
    }

    @Test
    void shouldReadUrlEncodedDocumentsAndNoteOnesItCannotRead() {
        String encoded = URLEncoder.encode(policy(allow("\"sqs:*\"")), StandardCharsets.UTF_8).replace("+", "%20");

        PrivilegeGap gap = gap(
                AttachedPolicy.managed("arn:aws:iam::111111111111:policy/queues", encoded),
                AttachedPolicy.inline("broken", "{\"Statement\": oops"));

        assertThat(gap.grantedActions()).containsExactly("sqs:ReceiveMessage", "sqs:SendMessage");
        assertThat(gap.notes()).singleElement().satisfies(note -> {
            assertThat(note.kind()).isEqualTo(GapNote.Kind.UNREADABLE_POLICY);
            assertThat(note.policy()).isEqualTo("broken");
            assertThat(note.detail()).startsWith("inline policy not counted: not JSON");
        });
    }

    @Test
    void shouldGrantNothingWithoutPolicies() {
        PrivilegeGap gap = gap();

        assertThat(gap.grantedActions()).isEmpty();
        assertThat(gap.unusedShare()).isZero();
        assertThat(gap.score()).isZero();
    }
}
