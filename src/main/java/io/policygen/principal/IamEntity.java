package io.policygen.principal;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What IAM's GetAccountAuthorizationDetails lists, in policygen's terms, every policy document URL-decoded to its
 * JSON text.
 */
public sealed interface IamEntity {

    /**
     * A role or a user. {@code lastUsed}: a role's RoleLastUsed (null: not used in IAM's tracking period); null for a
     * user, whose last use is in the credential report.
     */
    record ListedPrincipal(PrincipalType type, String arn, String name, String path, String iamId, Instant createdAt,
                           Map<String, String> inlinePolicies, List<String> attachedPolicyArns, String boundaryArn,
                           Map<String, String> tags, List<String> groups, Instant lastUsed) implements IamEntity {
    }

    record ListedGroup(String name, String arn, String path, String iamId, Map<String, String> inlinePolicies,
                       List<String> attachedPolicyArns) implements IamEntity {
    }

    /** A managed policy at its default version. */
    record ListedPolicy(String arn, String name, String path, String version, String description, String document,
                        boolean awsManaged) implements IamEntity {
    }
}
