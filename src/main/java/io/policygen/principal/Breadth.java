package io.policygen.principal;

/**
 * How much a policy, or a principal's policies together, may do, broadest last: administrator-like (any
 * {@code "Action": "*"}, or an Allow with {@code NotAction} on every resource, as PowerUserAccess has), service-wide
 * ({@code "s3:*"}), narrow (named actions, or partial wildcards such as {@code s3:Get*}), or nothing allowed.
 */
public enum Breadth {
    NONE, NARROW, SERVICE_WIDE, ADMIN;

    public Breadth atMost(Breadth cap) {
        return compareTo(cap) <= 0 ? this : cap;
    }
}
