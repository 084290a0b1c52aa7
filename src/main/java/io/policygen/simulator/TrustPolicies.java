package io.policygen.simulator;

/** Who may assume a simulated role (its AssumeRolePolicyDocument): the account's roles by the kind their names say. */
final class TrustPolicies {

    private TrustPolicies() {
    }

    static String of(Principal role) {
        String name = role.name();
        String principal = name.contains("-lambda-") ? "{\"Service\":\"lambda.amazonaws.com\"}"
                : name.contains("-ec2-") ? "{\"Service\":\"ec2.amazonaws.com\"}"
                : name.contains("-ecs-task-") ? "{\"Service\":\"ecs-tasks.amazonaws.com\"}"
                : role.serviceLinked() ? "{\"Service\":\"" + role.path().split("/")[2] + "\"}"
                : "{\"AWS\":\"arn:aws:iam::" + role.accountId() + ":root\"}";
        if (name.contains("-ci-")) {
            return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":"
                    + "\"arn:aws:iam::" + role.accountId() + ":oidc-provider/token.actions.githubusercontent.com\"},"
                    + "\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{\"StringLike\":"
                    + "{\"token.actions.githubusercontent.com:sub\":\"repo:example/*:ref:refs/heads/main\"}}}]}";
        }
        return assumeRole(principal, "");
    }

    /** A trust policy letting {@code principal} (JSON) assume the role, {@code condition} (",\"Condition\":{...}" or empty) added. */
    static String assumeRole(String principal, String condition) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":" + principal
                + ",\"Action\":\"sts:AssumeRole\"" + condition + "}]}";
    }
}
