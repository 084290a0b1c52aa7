package io.policygen.gap;

/**
 * Something the reader of a gap should know: where its figures rest on a guess, or a policy could not be read.
 *
 * @param policy the policy it concerns (its name or ARN), or null
 * @param detail what it is, in a line; may quote member-account text (a condition), so escape it where it is shown
 */
public record GapNote(Kind kind, String policy, String detail) {

    public enum Kind {
        /** A current policy that is not a policy document: not counted, so granted may be more or less than shown. */
        UNREADABLE_POLICY,
        /** A Deny with a condition or on some resources only: it takes nothing away here, its actions are flagged. */
        CONDITIONAL_DENY,
        /** The generated policy could not be read: nothing counts as used. */
        UNREADABLE_GENERATED_POLICY,
        /** isComplete false without service-level entries: services used only at service level count as unused. */
        USAGE_INCOMPLETE
    }
}
