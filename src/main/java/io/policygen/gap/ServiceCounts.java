package io.policygen.gap;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * A gap's figures per service. A service's actions are one run of catalog indexes, so each count is a population
 * count over a range of 64-bit words: an administrator's 22,000 granted actions take a few thousand word
 * operations, not a walk over every action.
 */
final class ServiceCounts {

    private ServiceCounts() {
    }

    /** Granted, used, service level, unused and unused weight, for every service with a granted action, by name. */
    static List<ServiceGap> of(ActionCatalog catalog, BitSet granted, BitSet used, BitSet serviceLevel, BitSet unused,
                               List<UnknownAction> unknownUsed, List<UnknownAction> unknownServiceLevel,
                               List<UnknownAction> unknownUnused) {
        long[] grantedWords = granted.toLongArray();
        long[] usedWords = used.toLongArray();
        long[] serviceLevelWords = serviceLevel.toLongArray();
        long[] unusedWords = unused.toLongArray();
        AccessLevel[] levels = AccessLevel.values();
        long[][] unusedAt = new long[levels.length][];
        for (AccessLevel level : levels) {
            BitSet atLevel = (BitSet) unused.clone();
            atLevel.and(catalog.actionsAt(level));
            unusedAt[level.ordinal()] = atLevel.toLongArray();
        }
        long[][] counts = new long[catalog.services()][];
        for (int s = 0; s < catalog.services(); s++) {
            int from = catalog.serviceStart(s);
            int to = from + catalog.serviceSize(s);
            long grantedHere = count(grantedWords, from, to);
            if (grantedHere == 0) {
                continue;
            }
            long weight = 0;
            for (AccessLevel level : levels) {
                weight += count(unusedAt[level.ordinal()], from, to) * level.weight();
            }
            counts[s] = new long[] {grantedHere, count(usedWords, from, to), count(serviceLevelWords, from, to),
                    count(unusedWords, from, to), weight};
        }
        TreeMap<String, long[]> unknownServices = new TreeMap<>();
        add(catalog, counts, unknownServices, unknownUsed, 1);
        add(catalog, counts, unknownServices, unknownServiceLevel, 2);
        add(catalog, counts, unknownServices, unknownUnused, 3);
        List<ServiceGap> services = new ArrayList<>();
        for (int s = 0; s < counts.length; s++) {
            if (counts[s] != null) {
                services.add(gap(catalog.serviceName(s), counts[s], catalog.serviceSize(s)));
            }
        }
        if (!unknownServices.isEmpty()) {
            unknownServices.forEach((service, c) -> services.add(gap(service, c, 0)));
            services.sort(Comparator.comparing(ServiceGap::service));
        }
        return services;
    }

    private static ServiceGap gap(String service, long[] c, int catalogActions) {
        return new ServiceGap(service, (int) c[0], (int) c[1], (int) c[2], (int) c[3], c[4], catalogActions);
    }

    /** Unknown actions count in their service: the catalog's, when it knows the prefix (a new action of s3). */
    private static void add(ActionCatalog catalog, long[][] counts, TreeMap<String, long[]> unknownServices,
                            List<UnknownAction> actions, int column) {
        for (UnknownAction action : actions) {
            int number = catalog.serviceNumber(action.service());
            long[] c;
            if (number >= 0) {
                if (counts[number] == null) {
                    counts[number] = new long[5];
                }
                c = counts[number];
            } else {
                c = unknownServices.computeIfAbsent(action.service(), k -> new long[5]);
            }
            c[0]++;
            c[column]++;
            if (column == 3) {
                c[4] += AccessLevel.UNKNOWN.weight();
            }
        }
    }

    /** The set bits of {@code words} in [from, to). */
    static long count(long[] words, int from, int to) {
        long count = 0;
        int first = from >>> 6;
        int last = (to - 1) >>> 6;
        for (int w = first; w <= last && w < words.length; w++) {
            long word = words[w];
            if (w == first) {
                word &= -1L << (from & 63);
            }
            if (w == last) {
                word &= -1L >>> (63 - ((to - 1) & 63));
            }
            count += Long.bitCount(word);
        }
        return count;
    }
}
