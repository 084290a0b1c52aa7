package io.policygen.gap;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An export's policies for IAM Identity Center's permission sets ({@link GapPrincipal}): per permission set, the
 * statements of its roles' generated policies over all their accounts, each once, in one document,
 * {@code permission-sets/NAME.json} (statements that differ only in their actions as one). It allows what any of the
 * roles did, so it is what the permission set needs by the evidence of the generations. Identity Center provisions a
 * permission set's inline policy into each role as an inline policy, where IAM allows 10,240 characters (whitespace not
 * counted) for all of a role's inline policies: a longer document is written all the same, said to be too long in the
 * index, and cut into customer managed policies, {@code permission-sets/NAME/part-N.json}. A permission set whose
 * roles used nothing gets no file (IAM refuses a policy without statements), a note.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
 */
final class PermissionSetPolicies {

    static final String DIRECTORY = "permission-sets";
    static final int MAX_ROLE_INLINE_LENGTH = 10_240;
    /** IAM's most managed policies a role (its default is 10): https://docs.aws.amazon.com/singlesignon/latest/userguide/limits.html */
    static final int MAX_MANAGED_POLICIES = 20;

    private final Map<String, Statements> statements = new TreeMap<>();

    /** The generated policy documents of a role of {@code permissionSet}. */
    void add(String permissionSet, List<JsonNode> documents) {
        Statements own = statements.computeIfAbsent(permissionSet, k -> new Statements());
        own.roles++;
        documents.forEach(document -> PolicyFiles.statements(document, own::add));
    }

    /**
     * Writes each permission set's document (and its parts), removes those of permission sets gone since an earlier
     * export, and writes the index's {@code "permissionSets"} member; returns how many files the sets have.
     */
    int write(ExportFiles files, Writer index) throws IOException {
        Set<String> kept = new HashSet<>();
        index.write("  \"permissionSets\": [");
        boolean first = true;
        for (Map.Entry<String, Statements> set : statements.entrySet()) {
            ObjectNode entry = CanonicalJson.JSON.createObjectNode();
            entry.put("name", set.getKey());
            entry.put("roles", set.getValue().roles);
            entry.put("statements", set.getValue().size());
            if (set.getValue().size() == 0) {
                // IAM refuses a policy without statements: the roles used nothing the set grants
                entry.putNull("policy");
                entry.put("note", "no role of this permission set used anything in its generations' windows: its assignments"
                        + " may go, rather than its policy");
            } else {
                ObjectNode document = PolicyFiles.document();
                set.getValue().into((ArrayNode) document.get("Statement"));
                String file = DIRECTORY + "/" + ExportPaths.name(set.getKey()) + ".json";
                files.write(file, CanonicalJson.write(document));
                kept.add(file);
                entry.put("policy", file);
                int length = CanonicalJson.compactLength(document);
                entry.put("length", length);
                entry.put("withinRoleInlineLimit", length <= MAX_ROLE_INLINE_LENGTH);
                if (length > MAX_ROLE_INLINE_LENGTH) {
                    parts(set.getKey(), document, files, kept, entry);
                }
            }
            index.write(first ? "\n    " : ",\n    ");
            index.write(CanonicalJson.write(entry).strip().replace("\n", "\n    "));
            first = false;
        }
        index.write(first ? "],\n" : "\n  ],\n");
        files.removeStaleUnder(DIRECTORY, kept);
        return kept.size();
    }

    /**
     * A document too long for the set's inline policy, as customer managed policies: a permission set may name up to
     * {@value #MAX_MANAGED_POLICIES} (AWS managed ones included; IAM allows 10 a role unless its quota is raised), each
     * created under that name in every account the set is assigned to.
     */
    private static void parts(String name, ObjectNode document, ExportFiles files, Set<String> kept, ObjectNode entry)
            throws IOException {
        List<JsonNode> statements = new ArrayList<>();
        PolicyFiles.statements(document, statements::add);
        List<ObjectNode> parts = PolicyParts.split(statements, PolicyFiles.MAX_MANAGED_POLICY_LENGTH);
        ArrayNode listed = entry.putArray("customerManagedPolicies");
        for (int i = 0; i < parts.size(); i++) {
            String file = DIRECTORY + "/" + ExportPaths.name(name) + "/part-" + (i + 1) + ".json";
            files.write(file, CanonicalJson.write(parts.get(i)));
            kept.add(file);
            // a name IAM accepts (a set's name is at most 32 of the same characters) that says whose part it is
            listed.addObject().put("name", "policygen-" + name + "-part-" + (i + 1)).put("policy", file)
                    .put("length", CanonicalJson.compactLength(parts.get(i)));
        }
        entry.put("note", parts.size() > MAX_MANAGED_POLICIES
                ? "too long for the permission set's inline policy, and its " + parts.size() + " parts of at most "
                        + PolicyFiles.MAX_MANAGED_POLICY_LENGTH + " characters are more than the " + MAX_MANAGED_POLICIES
                        + " managed policies a permission set may name: split the permission set in two, each for the"
                        + " people who need its part"
                : "too long for the permission set's inline policy (" + MAX_ROLE_INLINE_LENGTH + " characters, whitespace"
                        + " not counted): the same statements in " + parts.size() + " customer managed policies of at most "
                        + PolicyFiles.MAX_MANAGED_POLICY_LENGTH + ", to create under their names in every account the set is"
                        + " assigned to and name in the set (IAM attaches 10 managed policies to a role unless its quota is"
                        + " raised, AWS managed ones included)");
    }

    /**
     * A permission set's statements, sorted so that the same roles give the same bytes. Statements that differ only in
     * their actions (the same effect, resources and conditions) are one, with the actions of all: it allows the same.
     */
    private static final class Statements {

        /** By the statement without its Action, as canonical JSON: the actions. */
        private final Map<String, Set<String>> actions = new TreeMap<>();
        /** Statements with NotAction, or an Action that is not a string or strings, as canonical JSON. */
        private final Set<String> others = new TreeSet<>();
        private int roles;

        void add(JsonNode statement) {
            JsonNode action = statement.get("Action");
            List<String> named = new ArrayList<>();
            if (action != null && action.isString()) {
                named.add(action.asString());
            } else if (action != null && action.isArray()) {
                action.forEach(each -> named.add(each.isString() ? each.asString() : null));
            }
            if (!(statement instanceof ObjectNode object) || named.isEmpty() || named.contains(null)) {
                others.add(CanonicalJson.write(statement));
                return;
            }
            ObjectNode rest = object.deepCopy();
            rest.remove("Action");
            actions.computeIfAbsent(CanonicalJson.write(rest), k -> new TreeSet<>()).addAll(named);
        }

        void into(ArrayNode statements) {
            actions.forEach((rest, named) -> {
                ObjectNode statement = (ObjectNode) CanonicalJson.JSON.readTree(rest);
                named.forEach(statement.putArray("Action")::add);
                statements.add(statement);
            });
            others.forEach(other -> statements.add(CanonicalJson.JSON.readTree(other)));
        }

        int size() {
            return actions.size() + others.size();
        }
    }
}
