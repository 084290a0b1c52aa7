package io.policygen.preflight;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** What the checks found, collected from the accounts' threads. */
final class Findings {

    /** The organization's problems first, then by account, each account's in the order of the checks. */
    private static final Comparator<Problem> ORDER = Comparator
            .comparing(Problem::accountId, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Problem::kind);

    private final Map<CheckKind, int[]> counts = new EnumMap<>(CheckKind.class);
    private final List<Problem> problems = new ArrayList<>();

    /** One check made: passed when it found nothing wrong, failed otherwise. */
    synchronized void record(CheckKind kind, List<Problem> found) {
        problems.addAll(found);
        count(kind)[found.isEmpty() ? 0 : 1]++;
    }

    synchronized void notChecked(CheckKind kind) {
        count(kind)[2]++;
    }

    synchronized List<Problem> problems() {
        return problems.stream().sorted(ORDER).toList();
    }

    /** Every kind, in the order of the checks, with zeros for those not reached. */
    synchronized List<CheckCount> counts() {
        List<CheckCount> result = new ArrayList<>();
        for (CheckKind kind : CheckKind.values()) {
            int[] count = counts.getOrDefault(kind, new int[3]);
            result.add(new CheckCount(kind, count[0], count[1], count[2]));
        }
        return result;
    }

    private int[] count(CheckKind kind) {
        return counts.computeIfAbsent(kind, k -> new int[3]);
    }
}
