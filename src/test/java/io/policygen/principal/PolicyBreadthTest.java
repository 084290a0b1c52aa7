package io.policygen.principal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PolicyBreadthTest {

    @Test
    void shouldTakeAnyActionStarForAdministratorLikeWhateverItsConditions() {
        PolicyBreadth breadth = PolicyBreadth.of("""
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
                  {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}]}""");

        assertThat(breadth).isEqualTo(new PolicyBreadth(Breadth.ADMIN, java.util.List.of("*")));
    }

    @Test
    void shouldTakeAnAllowWithNotActionOnEveryResourceForAdministratorLikeAsPowerUserAccessIs() {
        PolicyBreadth breadth = PolicyBreadth.of("""
                {"Statement": [{"Effect": "Allow", "NotAction": ["iam:*", "organizations:*", "account:*"], "Resource": "*"},
                               {"Effect": "Allow", "Action": ["iam:ListRoles"], "Resource": "*"}]}""");

        assertThat(breadth.breadth()).isEqualTo(Breadth.ADMIN);
        assertThat(breadth.grants()).containsExactly("NotAction iam:*, organizations:*, account:*");
    }

    @Test
    void shouldTakeServiceWildcardsForServiceWideAndIgnoreDenies() {
        PolicyBreadth breadth = PolicyBreadth.of("""
                {"Statement": [{"Effect": "Allow", "Action": ["S3:*", "sqs:SendMessage", "dynamodb:*"], "Resource": "arn:aws:s3:::b/*"},
                               {"Effect": "Deny", "Action": "*", "Resource": "*"},
                               {"Effect": "Deny", "NotAction": "s3:*", "Resource": "*"}]}""");

        assertThat(breadth).isEqualTo(new PolicyBreadth(Breadth.SERVICE_WIDE, java.util.List.of("S3:*", "dynamodb:*")));
    }

    @Test
    void shouldTakeNamedActionsAndPartialWildcardsForNarrow() {
        PolicyBreadth breadth = PolicyBreadth.of("""
                {"Statement": {"Effect": "Allow", "Action": ["s3:Get*", "s3:List*", "ec2:DescribeInstances"], "Resource": "*"}}""");

        assertThat(breadth).isEqualTo(new PolicyBreadth(Breadth.NARROW,
                java.util.List.of("s3:Get*", "s3:List*", "ec2:DescribeInstances")));
    }

    @Test
    void shouldAllowNothingForOnlyDeniesOrAnUnreadableDocument() {
        assertThat(PolicyBreadth.of("{\"Statement\": [{\"Effect\": \"Deny\", \"Action\": \"*\", \"Resource\": \"*\"}]}").breadth())
                .isEqualTo(Breadth.NONE);
        assertThat(PolicyBreadth.of("not json").breadth()).isEqualTo(Breadth.NONE);
    }
}
