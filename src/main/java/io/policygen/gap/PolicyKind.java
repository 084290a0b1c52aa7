package io.policygen.gap;

/** How a policy reaches a principal. */
public enum PolicyKind {
    /** Embedded in the role or user. */
    INLINE,
    /** An AWS or customer managed policy attached to the role or user (its default version). */
    MANAGED,
    /** A user's group's policy: the group's inline policies and the managed policies attached to it. */
    GROUP,
    /** The permissions boundary: caps what the others grant, grants nothing itself. */
    BOUNDARY
}
