package io.policygen.gap;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A principal's gap as the JSON of its export file ({@code NAME.gap.json}): the figures, each service with its
 * unused actions by access level (a service whose every action is unused says so instead of listing them), the
 * flags and notes, and what was not evaluated.
 */
final class GapJson {

    static final String EVALUATED = "Actions only: resources and conditions are not evaluated. A scoped action is "
            + "granted only on some resources or under a condition; a conditional one may be taken away by a Deny with "
            + "a condition or on some resources. Services used at service level are used, actions unknown, and not "
            + "judged; iam:PassRole never appears in a generated policy and is not judged either.";

    private GapJson() {
    }

    /** {@code permissionSet}: the IAM Identity Center permission set whose role the principal is ({@link GapPrincipal}). */
    static ObjectNode of(GapPrincipal principal, Optional<String> permissionSet, PrivilegeGap gap) {
        ObjectNode json = CanonicalJson.JSON.createObjectNode();
        json.put("account", principal.accountId());
        json.put("type", principal.type().directory());
        json.put("name", principal.name());
        json.put("path", principal.path());
        permissionSet.ifPresent(set -> {
            json.put("permissionSet", set);
            json.put("applyTo", "IAM Identity Center permission set " + set + ": IAM refuses to change this role; the permission set's"
                    + " policy is the same in each of its accounts (report_permission_set_gap judges it over all of them)");
        });
        json.put("granted", gap.granted());
        json.put("used", gap.used());
        json.put("usedAtServiceLevel", gap.usedAtServiceLevel());
        json.put("notObservable", gap.notObservable());
        json.put("unused", gap.unused());
        json.put("unknown", gap.unknown());
        json.put("unusedScoped", gap.unusedScoped());
        json.put("unusedConditional", gap.unusedConditional());
        json.put("usedNotGranted", gap.usedNotGranted());
        json.put("unusedShare", share(gap.unusedShare()));
        json.put("score", gap.score());
        strings(json.putArray("topUnusedServices"),
                gap.topUnusedServices(GapRow.TOP_SERVICES).stream().map(ServiceGap::service).toList());
        strings(json.putArray("serviceLevelServices"), List.copyOf(gap.serviceLevelServices()));
        Map<String, List<GapAction>> unusedByService = gap.unusedDetails().stream()
                .collect(Collectors.groupingBy(GapAction::service, TreeMap::new, Collectors.toList()));
        ArrayNode services = json.putArray("services");
        for (ServiceGap service : gap.services()) {
            services.add(service(service, unusedByService.getOrDefault(service.service(), List.of())));
        }
        strings(json.putArray("unusedScoped"), gap.unusedDetails().stream().filter(GapAction::scoped).map(GapAction::action).toList());
        strings(json.putArray("unusedConditional"),
                gap.unusedDetails().stream().filter(GapAction::conditional).map(GapAction::action).toList());
        strings(json.putArray("unknownActions"), gap.unknownActions());
        ArrayNode notes = json.putArray("notes");
        for (GapNote note : gap.notes()) {
            ObjectNode each = notes.addObject();
            each.put("kind", note.kind().name());
            if (note.policy() != null) {
                each.put("policy", note.policy());
            }
            each.put("detail", note.detail());
        }
        json.put("catalog", gap.catalogSource());
        json.put("evaluated", EVALUATED);
        return json;
    }

    /** Unused over granted, to four decimals. */
    static BigDecimal share(double share) {
        return BigDecimal.valueOf(share).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros();
    }

    private static ObjectNode service(ServiceGap service, List<GapAction> unused) {
        ObjectNode json = CanonicalJson.JSON.createObjectNode();
        json.put("service", service.service());
        json.put("granted", service.granted());
        json.put("used", service.used());
        json.put("usedAtServiceLevel", service.usedAtServiceLevel());
        json.put("unused", service.unused());
        json.put("unusedWeight", service.unusedWeight());
        if (service.everyActionUnused()) {
            json.put("everyActionUnused", true);
            return json;
        }
        if (!unused.isEmpty()) {
            ObjectNode byLevel = json.putObject("unusedActions");
            for (AccessLevel level : AccessLevel.values()) {
                List<String> actions = unused.stream().filter(a -> a.level() == level).map(GapAction::action).toList();
                if (!actions.isEmpty()) {
                    strings(byLevel.putArray(level.label()), actions);
                }
            }
        }
        return json;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
