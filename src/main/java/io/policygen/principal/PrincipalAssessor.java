package io.policygen.principal;

import io.policygen.principal.AccountCatalog.Source;
import io.policygen.principal.IamEntity.ListedPrincipal;
import io.policygen.principal.IamItem.Assessment;
import io.policygen.principal.IamItem.DiscoveredPrincipal;
import io.policygen.principal.IamItem.PolicyVersion;
import io.policygen.text.Sha256;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Assesses a principal as discovery reads it: its breadth (the broadest of its inline, attached and groups'
 * policies, no broader than its permissions boundary), its broadest grants, a hash of its policies (documents,
 * attached policies at their default versions, boundary, groups) and the fingerprint of those and its last use,
 * which a generation records so that an unchanged principal is not generated again; and whether it is worth a
 * generation ({@link EligibilityRules}).
 */
final class PrincipalAssessor {

    private final String accountId;
    private final AccountCatalog catalog;
    private final EligibilityRules rules;
    private final Instant now;

    PrincipalAssessor(String accountId, AccountCatalog catalog, EligibilityRules rules, Instant now) {
        this.accountId = accountId;
        this.catalog = catalog;
        this.rules = rules;
        this.now = now;
    }

    DiscoveredPrincipal assess(ListedPrincipal p, LastUse lastUse) {
        List<Source> sources = new ArrayList<>();
        p.inlinePolicies().forEach((name, document) -> sources.add(new Source("inline " + name, PolicyBreadth.of(document),
                "inline:" + name + "=" + document)));
        p.attachedPolicyArns().forEach(arn -> sources.add(catalog.attached(arn)));
        p.groups().forEach(group -> sources.addAll(catalog.group(group)));
        Breadth breadth = sources.stream().map(s -> s.breadth().breadth()).max(Breadth::compareTo).orElse(Breadth.NONE);
        List<String> grants = new ArrayList<>();
        for (Source source : sources) {
            if (source.breadth().breadth() == breadth && breadth != Breadth.NONE) {
                source.breadth().grants().forEach(grant -> {
                    if (grants.size() < PolicyBreadth.MAX_GRANTS) {
                        grants.add(source.label() + ": " + grant);
                    }
                });
            }
        }
        StringBuilder identity = new StringBuilder();
        sources.stream().map(Source::identity).sorted().forEach(s -> identity.append(s).append('\n'));
        PolicyVersion boundary = null;
        if (p.boundaryArn() != null) {
            Source bound = catalog.attached(p.boundaryArn());
            boundary = catalog.version(p.boundaryArn());
            identity.append("boundary:").append(bound.identity());
            Breadth capped = breadth.atMost(bound.breadth().breadth());
            if (capped != breadth) {
                grants.add("bounded by " + bound.label() + ": " + bound.breadth().breadth());
            }
            breadth = capped;
        }
        String policyHash = Sha256.hex(identity.toString());
        String fingerprint = policyHash + "|" + (!lastUse.known() ? "unknown" : lastUse.at() == null ? "never"
                : String.valueOf(lastUse.at().getEpochSecond()));
        EligibilityRules.Verdict verdict = rules.assess(p.createdAt(), lastUse, p.tags(), now);
        return new DiscoveredPrincipal(accountId, p, catalog.versions(p.attachedPolicyArns()), boundary, lastUse,
                new Assessment(breadth, grants, policyHash, fingerprint, verdict.eligibility(), verdict.reason()));
    }
}
