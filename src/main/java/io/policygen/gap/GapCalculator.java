package io.policygen.gap;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;

/**
 * A principal's least-privilege gap: what its current policies grant against what its latest generated policy shows
 * it used. Pure and thread-safe: one instance serves every principal of a run.
 */
public final class GapCalculator {

    /**
     * Actions that never appear in a generated policy, used or not, so they are not called unused: CloudTrail does not
     * record iam:PassRole as a call of its own (AWS, "IAM Access Analyzer policy generation", things to know).
     * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-policy-generation.html
     */
    static final Set<String> NOT_IN_GENERATED_POLICIES = Set.of("iam:PassRole");

    private final ActionCatalog catalog;
    private final GrantedActions grants;
    private final UsedActions usages;
    private final BitSet notObservable;

    public GapCalculator(ActionCatalog catalog) {
        this.catalog = catalog;
        this.grants = new GrantedActions(catalog);
        this.usages = new UsedActions(catalog);
        this.notObservable = new BitSet(catalog.size());
        NOT_IN_GENERATED_POLICIES.forEach(action -> catalog.indexOf(action).ifPresent(notObservable::set));
    }

    public PrivilegeGap gap(CurrentPolicies current, GeneratedPolicy generated) {
        Grant grant = grants.of(current);
        Usage usage = usages.of(generated);

        BitSet used = (BitSet) grant.actions().clone();
        used.and(usage.actions());
        BitSet unobserved = (BitSet) notObservable.clone();
        unobserved.and(grant.actions());
        unobserved.andNot(used);
        BitSet serviceLevel = new BitSet(catalog.size());
        if (usage.allServices()) {
            serviceLevel.or(grant.actions());
        } else {
            usage.serviceLevel().forEach(service -> serviceLevel.or(catalog.serviceActions(service)));
            serviceLevel.and(grant.actions());
        }
        serviceLevel.andNot(used);
        serviceLevel.andNot(unobserved);
        BitSet unused = (BitSet) grant.actions().clone();
        unused.andNot(used);
        unused.andNot(serviceLevel);
        unused.andNot(unobserved);

        BitSet usedNotGranted = (BitSet) usage.actions().clone();
        usedNotGranted.andNot(grant.actions());
        List<UnknownAction> unknownUsed = new ArrayList<>();
        List<UnknownAction> unknownServiceLevel = new ArrayList<>();
        List<UnknownAction> unknownUnused = new ArrayList<>();
        for (UnknownAction action : grant.unknown()) {
            if (usage.unknown().containsKey(Glob.lower(action.action()))) {
                unknownUsed.add(action);
            } else if (usage.atServiceLevel(action.service())) {
                unknownServiceLevel.add(action);
            } else {
                unknownUnused.add(action);
            }
        }
        int unknownUsedNotGranted = (int) usage.unknown().keySet().stream()
                .filter(key -> grant.unknown().stream().noneMatch(u -> Glob.lower(u.action()).equals(key))).count();

        List<GapNote> notes = new ArrayList<>(grant.notes());
        notes.addAll(usage.notes());
        return new PrivilegeGap(catalog, grant, new PrivilegeGap.Split(used, serviceLevel, unobserved, unused),
                new PrivilegeGap.UnknownSplit(unknownUsed, unknownServiceLevel, unknownUnused),
                usedNotGranted.cardinality() + unknownUsedNotGranted, usage.serviceLevel(), usage.allServices(), notes);
    }
}
