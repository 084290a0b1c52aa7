package io.policygen.principal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The breadth of one policy document and its broadest grants (at most {@value #MAX_GRANTS}, e.g. {@code *},
 * {@code NotAction iam:*, organizations:*}, {@code s3:*}). Only Allow statements count: a Deny narrows what the
 * principal may do, but whether it applies depends on its conditions, so policygen does not subtract it, and an
 * Allow counts whatever its conditions (they may well hold). A document that is not JSON counts as allowing nothing.
 */
public record PolicyBreadth(Breadth breadth, List<String> grants) {

    static final int MAX_GRANTS = 5;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public PolicyBreadth {
        grants = List.copyOf(grants);
    }

    public static PolicyBreadth of(String document) {
        try {
            return of(JSON.readTree(document));
        } catch (JacksonException e) {
            return new PolicyBreadth(Breadth.NONE, List.of());
        }
    }

    public static PolicyBreadth of(JsonNode document) {
        Breadth broadest = Breadth.NONE;
        List<String> grants = new ArrayList<>();
        for (JsonNode statement : list(document.get("Statement"))) {
            if (!"Allow".equals(text(statement.get("Effect"), "Allow"))) {
                continue;
            }
            boolean everyResource = statement.has("NotResource") || list(statement.get("Resource")).stream()
                    .anyMatch(r -> "*".equals(r.asString("")));
            if (statement.has("NotAction")) {
                String grant = "NotAction " + String.join(", ", list(statement.get("NotAction")).stream()
                        .map(a -> a.asString("")).toList());
                broadest = add(broadest, everyResource ? Breadth.ADMIN : Breadth.SERVICE_WIDE, grant, grants);
            }
            for (JsonNode action : list(statement.get("Action"))) {
                String name = action.asString("");
                broadest = add(broadest, breadth(name), name, grants);
            }
        }
        return new PolicyBreadth(broadest, grants);
    }

    private static Breadth breadth(String action) {
        String a = action.toLowerCase(Locale.ROOT);
        if (a.equals("*") || a.equals("*:*")) {
            return Breadth.ADMIN;
        }
        int colon = a.indexOf(':');
        String service = colon < 0 ? a : a.substring(0, colon);
        String operation = colon < 0 ? "" : a.substring(colon + 1);
        return service.contains("*") || operation.equals("*") ? Breadth.SERVICE_WIDE : Breadth.NARROW;
    }

    /** Keeps the grants of the broadest level seen: a broader one starts the list afresh. */
    private static Breadth add(Breadth broadest, Breadth level, String grant, List<String> grants) {
        if (level.compareTo(broadest) > 0) {
            grants.clear();
            broadest = level;
        }
        if (level == broadest && grants.size() < MAX_GRANTS && !grants.contains(grant)) {
            grants.add(grant);
        }
        return broadest;
    }

    private static List<JsonNode> list(JsonNode node) {
        List<JsonNode> items = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(items::add);
        } else if (node != null && !node.isNull() && !node.isMissingNode()) {
            items.add(node);
        }
        return items;
    }

    private static String text(JsonNode node, String otherwise) {
        return node == null || !node.isString() ? otherwise : node.asString();
    }
}
