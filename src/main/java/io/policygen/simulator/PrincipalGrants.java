package io.policygen.simulator;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * The actions a principal may perform by its policies: what its identity policies (attached, inline, its groups')
 * allow, less what they deny without a condition, within its permissions boundary. Resources and conditions of an
 * allow are not weighed: CloudTrail records a call to any resource, and a condition may hold. Only what a generated
 * policy is drawn from needs this; IAM's full evaluation (SCPs, resource policies, sessions) is not simulated.
 */
final class PrincipalGrants {

    private PrincipalGrants() {
    }

    /**
     * {@code groups}: the account's groups (those the principal is in count); {@code managed}: its managed policies,
     * read only when the principal or one of its groups attaches one or it has a boundary.
     */
    static BitSet of(PrincipalDetails details, List<AccountGroups.Group> groups, Supplier<List<ManagedPolicy>> managed) {
        List<String> documents = new ArrayList<>(details.inlinePolicies().values());
        List<String> attached = new ArrayList<>(details.managedPolicyArns());
        groups.stream().filter(g -> details.groups().contains(g.name())).forEach(g -> {
            documents.addAll(g.inlinePolicies().values());
            attached.addAll(g.managedPolicyArns());
        });
        Map<String, String> documentByArn = new HashMap<>();
        if (!attached.isEmpty() || details.permissionsBoundaryArn() != null) {
            managed.get().forEach(p -> documentByArn.put(p.arn(), p.document()));
        }
        attached.stream().map(documentByArn::get).filter(Objects::nonNull).forEach(documents::add);
        BitSet granted = effective(documents);
        String boundary = details.permissionsBoundaryArn() == null ? null
                : documentByArn.get(details.permissionsBoundaryArn());
        if (boundary != null) {
            granted.and(effective(List.of(boundary)));
        }
        return granted;
    }

    private static BitSet effective(List<String> documents) {
        BitSet allowed = new BitSet();
        BitSet denied = new BitSet();
        for (String document : documents) {
            for (JsonNode statement : each(Protocols.JSON.readTree(document).path("Statement"))) {
                boolean allow = statement.path("Effect").asString("").equals("Allow");
                if (!allow && statement.has("Condition")) {
                    continue;
                }
                (allow ? allowed : denied).or(actions(statement));
            }
        }
        allowed.andNot(denied);
        return allowed;
    }

    /** What the statement's Action names, or for NotAction every action but those. */
    private static BitSet actions(JsonNode statement) {
        AwsActions aws = AwsActions.get();
        boolean not = !statement.has("Action");
        BitSet named = new BitSet(aws.size());
        if (not && !statement.has("NotAction")) {
            return named;
        }
        for (JsonNode element : each(statement.path(not ? "NotAction" : "Action"))) {
            named.or(aws.matching(element.asString("")));
        }
        if (not) {
            named.flip(0, aws.size());
        }
        return named;
    }

    private static Iterable<JsonNode> each(JsonNode node) {
        return node.isArray() ? node : node.isMissingNode() || node.isNull() ? List.of() : List.of(node);
    }
}
