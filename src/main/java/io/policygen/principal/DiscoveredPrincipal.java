package io.policygen.principal;

import java.time.Instant;

/** An IAM role or user as ListRoles / ListUsers show it. */
public record DiscoveredPrincipal(String accountId, String arn, PrincipalType type, String name, String path, Instant createdAt) {
}
