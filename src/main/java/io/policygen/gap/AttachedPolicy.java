package io.policygen.gap;

import java.util.Objects;

/**
 * One of a principal's current policies.
 *
 * @param name     what the report calls it: an inline policy's name, a managed policy's ARN, {@code GROUP/policy}
 * @param document the policy document's text: JSON, or URL-encoded JSON as IAM returns it
 */
public record AttachedPolicy(PolicyKind kind, String name, String document) {

    public AttachedPolicy {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(document, "document");
    }

    public static AttachedPolicy inline(String name, String document) {
        return new AttachedPolicy(PolicyKind.INLINE, name, document);
    }

    public static AttachedPolicy managed(String arn, String document) {
        return new AttachedPolicy(PolicyKind.MANAGED, arn, document);
    }

    public static AttachedPolicy group(String name, String document) {
        return new AttachedPolicy(PolicyKind.GROUP, name, document);
    }

    public static AttachedPolicy boundary(String arn, String document) {
        return new AttachedPolicy(PolicyKind.BOUNDARY, arn, document);
    }
}
