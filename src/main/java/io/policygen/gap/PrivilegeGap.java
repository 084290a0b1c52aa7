package io.policygen.gap;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One principal's gap. Every granted action is in exactly one of: used (named in the generated policy), used at
 * service level (its service named there without actions: not judged), not observable (never in a generated policy,
 * as iam:PassRole), unused. Action lists are sorted by their lower-cased text; counts include unknown actions.
 */
public final class PrivilegeGap {

    /** The catalog actions granted, split four ways. */
    record Split(BitSet used, BitSet serviceLevel, BitSet notObservable, BitSet unused) {
    }

    /** The unknown actions granted, split as far as text comparison can. */
    record UnknownSplit(List<UnknownAction> used, List<UnknownAction> serviceLevel, List<UnknownAction> unused) {
    }

    private static final Comparator<ServiceGap> HEAVIEST_FIRST = (a, b) -> {
        int order = Long.compare(b.unusedWeight(), a.unusedWeight());
        if (order == 0) {
            order = Integer.compare(b.unused(), a.unused());
        }
        return order != 0 ? order : a.service().compareTo(b.service());
    };
    private static final Comparator<String> ORDER = Comparator.comparing(Glob::lower).thenComparing(Comparator.naturalOrder());

    private final ActionCatalog catalog;
    private final Grant grant;
    private final Split split;
    private final UnknownSplit unknown;
    private final int usedNotGranted;
    private final SortedSet<String> serviceLevelServices;
    private final boolean allServicesAtServiceLevel;
    private final List<GapNote> notes;

    PrivilegeGap(ActionCatalog catalog, Grant grant, Split split, UnknownSplit unknown, int usedNotGranted,
                 SortedSet<String> serviceLevelServices, boolean allServicesAtServiceLevel, List<GapNote> notes) {
        this.catalog = catalog;
        this.grant = grant;
        this.split = split;
        this.unknown = unknown;
        this.usedNotGranted = usedNotGranted;
        this.serviceLevelServices = serviceLevelServices;
        this.allServicesAtServiceLevel = allServicesAtServiceLevel;
        this.notes = List.copyOf(notes);
    }

    public int granted() {
        return grant.actions().cardinality() + grant.unknown().size();
    }

    public int used() {
        return split.used().cardinality() + unknown.used().size();
    }

    public int usedAtServiceLevel() {
        return split.serviceLevel().cardinality() + unknown.serviceLevel().size();
    }

    public int notObservable() {
        return split.notObservable().cardinality();
    }

    public int unused() {
        return split.unused().cardinality() + unknown.unused().size();
    }

    /** Granted actions the catalog does not know, judged or not. */
    public int unknown() {
        return grant.unknown().size();
    }

    /** Unused actions granted only on some resources or under a condition. */
    public int unusedScoped() {
        return count(split.unused(), grant.scoped()) + (int) unknown.unused().stream().filter(UnknownAction::scoped).count();
    }

    /** Unused actions that a conditional Deny may take away. */
    public int unusedConditional() {
        return count(split.unused(), grant.conditional())
                + (int) unknown.unused().stream().filter(UnknownAction::conditional).count();
    }

    /** Actions in the generated policy that the current policies do not grant (changed since, or another way in). */
    public int usedNotGranted() {
        return usedNotGranted;
    }

    /** Unused over granted: the share of the grant known to be unused (a lower bound where services are judged). */
    public double unusedShare() {
        return granted() == 0 ? 0 : (double) unused() / granted();
    }

    /** The unused actions' weights summed ({@link AccessLevel#weight()}): what ranks principals, highest first. */
    public long score() {
        long score = (long) unknown.unused().size() * AccessLevel.UNKNOWN.weight();
        for (AccessLevel level : AccessLevel.values()) {
            score += (long) count(split.unused(), catalog.actionsAt(level)) * level.weight();
        }
        return score;
    }

    public List<String> grantedActions() {
        return actions(grant.actions(), grant.unknown());
    }

    public List<String> usedActions() {
        return actions(split.used(), unknown.used());
    }

    public List<String> serviceLevelActions() {
        return actions(split.serviceLevel(), unknown.serviceLevel());
    }

    public List<String> notObservableActions() {
        return actions(split.notObservable(), List.of());
    }

    public List<String> unusedActions() {
        return actions(split.unused(), unknown.unused());
    }

    public List<String> unknownActions() {
        return grant.unknown().stream().map(UnknownAction::action).sorted(ORDER).toList();
    }

    /** Granted actions flagged scoped (on some resources or under a condition only). */
    public List<String> scopedActions() {
        return actions(grant.scoped(), grant.unknown().stream().filter(UnknownAction::scoped).toList());
    }

    /** Granted actions a conditional Deny may take away. */
    public List<String> conditionalActions() {
        return actions(grant.conditional(), grant.unknown().stream().filter(UnknownAction::conditional).toList());
    }

    /** The services the generated policy names at service level only; {@code *} when it named every one. */
    public SortedSet<String> serviceLevelServices() {
        if (allServicesAtServiceLevel) {
            return Collections.unmodifiableSortedSet(new TreeSet<>(List.of("*")));
        }
        return Collections.unmodifiableSortedSet(serviceLevelServices);
    }

    public List<GapNote> notes() {
        return notes;
    }

    /** The catalog's source, package and version: what "every action" meant for this gap. */
    public String catalogSource() {
        return catalog.source();
    }

    /** The unused actions with their level and flags, sorted as the lists. */
    public List<GapAction> unusedDetails() {
        List<GapAction> details = new ArrayList<>();
        BitSet unused = split.unused();
        for (int i = unused.nextSetBit(0); i >= 0; i = unused.nextSetBit(i + 1)) {
            details.add(new GapAction(catalog.service(i), catalog.action(i), catalog.level(i), grant.scoped().get(i),
                    grant.conditional().get(i), false));
        }
        for (UnknownAction action : unknown.unused()) {
            details.add(new GapAction(action.service(), action.action(), AccessLevel.UNKNOWN, action.scoped(),
                    action.conditional(), true));
        }
        details.sort(Comparator.comparing(GapAction::action, ORDER));
        return details;
    }

    /** Every service with a granted action, by name. */
    public List<ServiceGap> services() {
        return ServiceCounts.of(catalog, grant.actions(), split.used(), split.serviceLevel(), split.unused(), unknown.used(),
                unknown.serviceLevel(), unknown.unused());
    }

    /** The services with the most unused weight, at most {@code limit}: heaviest first, then by name. */
    public List<ServiceGap> topUnusedServices(int limit) {
        return services().stream().filter(service -> service.unused() > 0).sorted(HEAVIEST_FIRST).limit(limit).toList();
    }

    private static int count(BitSet a, BitSet b) {
        BitSet both = (BitSet) a.clone();
        both.and(b);
        return both.cardinality();
    }

    private List<String> actions(BitSet known, List<UnknownAction> unknownActions) {
        List<String> actions = new ArrayList<>(known.cardinality() + unknownActions.size());
        for (int i = known.nextSetBit(0); i >= 0; i = known.nextSetBit(i + 1)) {
            actions.add(catalog.action(i));
        }
        unknownActions.forEach(action -> actions.add(action.action()));
        actions.sort(ORDER);
        return actions;
    }
}
