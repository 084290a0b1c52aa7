package io.policygen.gap;

import java.util.List;

/**
 * One statement of an IAM policy document, as far as the gap reads it: which actions (Action, or all but these with
 * NotAction), on which resources (Resource, or NotResource), and whether a Condition applies. Resources and
 * conditions are not evaluated: a statement either applies to every resource unconditionally or it is scoped.
 *
 * @param actions   the Action or NotAction values, as written ({@code s3:Get*})
 * @param condition the Condition element as compact JSON, null when there is none (or it is empty)
 */
public record PolicyStatement(Effect effect, List<String> actions, boolean notAction, List<String> resources,
                              boolean notResource, String condition) {

    public enum Effect {
        ALLOW,
        DENY
    }

    public PolicyStatement {
        actions = List.copyOf(actions);
        resources = List.copyOf(resources);
    }

    /** On every resource ({@code "Resource": "*"}), without a condition: what it says holds whatever the request. */
    public boolean unconditional() {
        return !notResource && resources.contains("*") && condition == null;
    }

    /** Whether the statement names the action: one of its Action values matches it, or none of its NotAction values. */
    boolean covers(String action) {
        String lower = Glob.lower(action);
        boolean listed = actions.stream().anyMatch(pattern -> Glob.matchesLower(Glob.lower(pattern), lower));
        return listed != notAction;
    }
}
