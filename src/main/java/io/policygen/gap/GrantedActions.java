package io.policygen.gap;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The actions a principal's current policies grant. IAM's evaluation, without requests: an action is granted when an
 * identity policy (inline, managed, a user's group's) allows it, no Deny takes it away, and the boundary, if any, also
 * allows it. Resources and conditions are not evaluated: an Allow on some resources or under a condition grants its
 * actions, flagged scoped; a Deny on some resources or under a condition takes nothing away, its actions are flagged
 * conditional. Wildcards and NotAction expand through the catalog; an Action value it does not know is kept, unknown.
 */
final class GrantedActions {

    private final ActionCatalog catalog;

    GrantedActions(ActionCatalog catalog) {
        this.catalog = catalog;
    }

    /** One side of the evaluation: the identity policies, or the boundary. */
    private final class Side {
        final BitSet allowed = new BitSet();
        final BitSet allowedScoped = new BitSet();
        final BitSet denied = new BitSet();
        final BitSet deniedConditionally = new BitSet();
        final Map<String, String> unknownAllowed = new LinkedHashMap<>();
        final Map<String, String> unknownScoped = new LinkedHashMap<>();
        final List<PolicyStatement> allows = new ArrayList<>();
        final List<PolicyStatement> denies = new ArrayList<>();
        final List<PolicyStatement> conditionalDenies = new ArrayList<>();
        final List<String> conditionalDenyPolicies = new ArrayList<>();

        void add(PolicyStatement statement, String policy) {
            boolean allow = statement.effect() == PolicyStatement.Effect.ALLOW;
            boolean unconditional = statement.unconditional();
            Map<String, String> unknown = !allow ? new LinkedHashMap<>() : unconditional ? unknownAllowed : unknownScoped;
            BitSet actions = expand(statement, unknown);
            if (allow) {
                (unconditional ? allowed : allowedScoped).or(actions);
                allows.add(statement);
            } else if (unconditional) {
                denied.or(actions);
                denies.add(statement);
            } else {
                deniedConditionally.or(actions);
                conditionalDenies.add(statement);
                conditionalDenyPolicies.add(policy);
            }
        }

        /** Allowed here, scoped or not, minus what this side's own Denies take away. */
        BitSet granted() {
            BitSet granted = (BitSet) allowed.clone();
            granted.or(allowedScoped);
            granted.andNot(denied);
            return granted;
        }

        /** Allowed here only by scoped statements. */
        BitSet onlyScoped() {
            BitSet scoped = (BitSet) allowedScoped.clone();
            scoped.andNot(allowed);
            return scoped;
        }

        boolean deniesPlainly(String action) {
            return denies.stream().anyMatch(deny -> deny.covers(action));
        }

        boolean deniesConditionally(String action) {
            return conditionalDenies.stream().anyMatch(deny -> deny.covers(action));
        }
    }

    Grant of(CurrentPolicies current) {
        Side identity = new Side();
        Side boundary = null;
        List<GapNote> notes = new ArrayList<>();
        for (AttachedPolicy policy : current.policies()) {
            PolicyDocument document;
            try {
                document = PolicyDocument.parse(policy.document());
            } catch (IllegalArgumentException e) {
                notes.add(new GapNote(GapNote.Kind.UNREADABLE_POLICY, policy.name(),
                        Glob.lower(policy.kind().name()) + " policy not counted: " + e.getMessage()));
                continue;
            }
            Side side = identity;
            if (policy.kind() == PolicyKind.BOUNDARY) {
                side = boundary = new Side();
            }
            for (PolicyStatement statement : document.statements()) {
                side.add(statement, policy.name());
            }
        }
        BitSet granted = identity.granted();
        BitSet scoped = identity.onlyScoped();
        BitSet conditional = (BitSet) identity.deniedConditionally.clone();
        if (boundary != null) {
            granted.and(boundary.granted());
            scoped.or(boundary.onlyScoped());
            conditional.or(boundary.deniedConditionally);
        }
        scoped.and(granted);
        conditional.and(granted);
        List<UnknownAction> unknown = unknown(identity, boundary);
        noteConditionalDenies(identity, granted, notes);
        if (boundary != null) {
            noteConditionalDenies(boundary, granted, notes);
        }
        return new Grant(granted, scoped, conditional, unknown, notes);
    }

    /** The Action values the catalog does not know, granted as the known ones are, compared as text. */
    private static List<UnknownAction> unknown(Side identity, Side boundary) {
        Map<String, String> all = new LinkedHashMap<>(identity.unknownAllowed);
        identity.unknownScoped.forEach(all::putIfAbsent);
        List<UnknownAction> unknown = new ArrayList<>();
        for (Map.Entry<String, String> entry : all.entrySet()) {
            String action = entry.getValue();
            if (identity.deniesPlainly(action) || boundary != null && boundary.deniesPlainly(action)) {
                continue;
            }
            boolean scoped = !identity.unknownAllowed.containsKey(entry.getKey());
            if (boundary != null) {
                List<PolicyStatement> allowing = boundary.allows.stream().filter(allow -> allow.covers(action)).toList();
                if (allowing.isEmpty()) {
                    continue;
                }
                scoped |= allowing.stream().noneMatch(PolicyStatement::unconditional);
            }
            boolean conditional = identity.deniesConditionally(action) || boundary != null && boundary.deniesConditionally(action);
            unknown.add(new UnknownAction(action, scoped, conditional));
        }
        unknown.sort(Comparator.comparing((UnknownAction u) -> Glob.lower(u.action())).thenComparing(UnknownAction::action));
        return unknown;
    }

    /** One note per conditional Deny that touches a granted action, quoting its condition or resources. */
    private void noteConditionalDenies(Side side, BitSet granted, List<GapNote> notes) {
        for (int i = 0; i < side.conditionalDenies.size(); i++) {
            PolicyStatement deny = side.conditionalDenies.get(i);
            BitSet touched = expand(deny, new LinkedHashMap<>());
            touched.and(granted);
            if (touched.isEmpty()) {
                continue;
            }
            String on = deny.condition() != null ? "under the condition " + deny.condition()
                    : (deny.notResource() ? "on all resources but " : "on ") + String.join(", ", deny.resources());
            notes.add(new GapNote(GapNote.Kind.CONDITIONAL_DENY, side.conditionalDenyPolicies.get(i),
                    "Deny of " + touched.cardinality() + " granted actions (" + String.join(", ", deny.actions()) + ") "
                            + on + ": not taken away, flagged conditional"));
        }
    }

    /** The catalog actions a statement names; its Action values that match none are put in {@code unknown}. */
    private BitSet expand(PolicyStatement statement, Map<String, String> unknown) {
        BitSet actions = new BitSet(catalog.size());
        for (String value : statement.actions()) {
            BitSet matched = catalog.matching(value);
            if (matched.isEmpty() && !statement.notAction()) {
                unknown.putIfAbsent(Glob.lower(value), value);
            }
            actions.or(matched);
        }
        if (statement.notAction()) {
            BitSet all = catalog.all();
            all.andNot(actions);
            return all;
        }
        return actions;
    }
}
