package io.policygen.gap;

import java.io.IOException;
import java.io.Writer;
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
 * An export's policies for IAM Identity Center's permission sets ({@link PermissionSetRole}): per permission set, the
 * statements of its roles' generated policies over all their accounts, each once, in one document,
 * {@code permission-sets/NAME.json}. It allows what any of the roles did, so it is what the permission set needs by the
 * evidence of the generations. Identity Center provisions a permission set's inline policy into each role as an inline
 * policy, where IAM allows 10,240 characters (whitespace not counted) for all of a role's inline policies: a longer
 * document is written all the same and said to be too long in the index.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
 */
final class PermissionSetPolicies {

    static final String DIRECTORY = "permission-sets";
    static final int MAX_ROLE_INLINE_LENGTH = 10_240;

    /** Per permission set, its statements as canonical JSON, sorted, so the same roles give the same bytes. */
    private final Map<String, Set<String>> statements = new TreeMap<>();
    private final Map<String, Integer> roles = new TreeMap<>();

    /** A role's generated policy documents, if the role is a permission set's. */
    void add(GapPrincipal principal, List<JsonNode> documents) {
        PermissionSetRole.permissionSet(principal).ifPresent(set -> {
            Set<String> own = statements.computeIfAbsent(set, k -> new TreeSet<>());
            roles.merge(set, 1, Integer::sum);
            documents.forEach(document -> PolicyFiles.statements(document, statement -> own.add(CanonicalJson.write(statement))));
        });
    }

    int count() {
        return statements.size();
    }

    /**
     * Writes each permission set's document, removes those of permission sets gone since an earlier export, and
     * writes the index's {@code "permissionSets"} member.
     */
    void write(ExportFiles files, Writer index) throws IOException {
        Set<String> kept = new HashSet<>();
        index.write("  \"permissionSets\": [");
        boolean first = true;
        for (Map.Entry<String, Set<String>> set : statements.entrySet()) {
            ObjectNode document = CanonicalJson.JSON.createObjectNode();
            document.put("Version", "2012-10-17");
            ArrayNode all = document.putArray("Statement");
            for (String statement : set.getValue()) {
                all.add(CanonicalJson.JSON.readTree(statement));
            }
            String file = DIRECTORY + "/" + ExportPaths.name(set.getKey()) + ".json";
            files.write(file, CanonicalJson.write(document));
            kept.add(file);
            ObjectNode entry = CanonicalJson.JSON.createObjectNode();
            entry.put("name", set.getKey());
            entry.put("policy", file);
            entry.put("roles", roles.get(set.getKey()));
            entry.put("statements", set.getValue().size());
            int length = CanonicalJson.compactLength(document);
            entry.put("length", length);
            entry.put("withinRoleInlineLimit", length <= MAX_ROLE_INLINE_LENGTH);
            index.write(first ? "\n    " : ",\n    ");
            index.write(CanonicalJson.write(entry).strip().replace("\n", "\n    "));
            first = false;
        }
        index.write(first ? "],\n" : "\n  ],\n");
        files.removeStaleUnder(DIRECTORY, kept);
    }
}
