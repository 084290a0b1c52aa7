package io.policygen.aws;

/**
 * The role policygen assumes in every member account: its name (with path), the ExternalId its trust policy may
 * require, and the session name that CloudTrail records.
 */
public record MemberRole(String roleName, String externalId, String sessionName) {

    public String arn(String accountId) {
        return "arn:aws:iam::" + accountId + ":role/" + roleName;
    }
}
