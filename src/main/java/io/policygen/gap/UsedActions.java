package io.policygen.gap;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The actions in a generated policy: the Action values of its Allow statements, across the documents AWS split it
 * into. An entry with a wildcard or a template ({@code s3:*}, {@code ec2:${Action}}) is how Access Analyzer names a
 * service it saw used without its actions (isComplete false): the service is used, its actions unknown, so none of
 * them can be called unused. Access Analyzer emits Allow statements with Action only; anything else is ignored.
 */
final class UsedActions {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ActionCatalog catalog;

    UsedActions(ActionCatalog catalog) {
        this.catalog = catalog;
    }

    Usage of(GeneratedPolicy generated) {
        BitSet actions = new BitSet(catalog.size());
        Map<String, String> unknown = new TreeMap<>();
        TreeSet<String> serviceLevel = new TreeSet<>();
        boolean allServices = false;
        List<GapNote> notes = new ArrayList<>();
        List<PolicyDocument> documents;
        try {
            documents = documents(generated.documents());
        } catch (IllegalArgumentException e) {
            notes.add(new GapNote(GapNote.Kind.UNREADABLE_GENERATED_POLICY, null,
                    "generated policy not read, nothing counts as used: " + e.getMessage()));
            documents = List.of();
        }
        for (PolicyDocument document : documents) {
            for (PolicyStatement statement : document.statements()) {
                if (statement.effect() != PolicyStatement.Effect.ALLOW || statement.notAction()) {
                    continue;
                }
                for (String value : statement.actions()) {
                    int colon = value.indexOf(':');
                    String service = Glob.lower(colon < 0 ? value : value.substring(0, colon));
                    if (Glob.hasWildcard(value) || value.contains("${")) {
                        if (colon < 0 || Glob.hasWildcard(service) || service.contains("${")) {
                            allServices = true;
                        } else {
                            serviceLevel.add(service);
                        }
                        continue;
                    }
                    catalog.indexOf(value).ifPresentOrElse(actions::set, () -> unknown.putIfAbsent(Glob.lower(value), value));
                }
            }
        }
        if (!generated.complete() && serviceLevel.isEmpty() && !allServices) {
            notes.add(new GapNote(GapNote.Kind.USAGE_INCOMPLETE, null, "Access Analyzer saw services it could not name "
                    + "actions for (isComplete false), and the generated policy has no service-level entries for them "
                    + "(policygen.generation.include-service-level-template): their granted actions count as unused"));
        }
        return new Usage(actions, unknown, serviceLevel, allServices, notes);
    }

    /** The JSON array of documents, each an object or a document's JSON text; a lone document is read as one. */
    private static List<PolicyDocument> documents(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return List.of();
        }
        if (root.isObject()) {
            return List.of(PolicyDocument.of(root));
        }
        if (!root.isArray()) {
            throw new IllegalArgumentException("neither an array of policy documents nor one");
        }
        List<PolicyDocument> documents = new ArrayList<>();
        for (JsonNode element : root) {
            documents.add(element.isString() ? PolicyDocument.parse(element.stringValue()) : PolicyDocument.of(element));
        }
        return documents;
    }
}
