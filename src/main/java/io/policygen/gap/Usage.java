package io.policygen.gap;

import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * What a generated policy says the principal used: {@code actions} as catalog indexes, the used actions the catalog
 * does not know (lower-cased text to text), and the services used at service level only ({@code allServices} when an
 * entry was {@code *}).
 */
record Usage(BitSet actions, Map<String, String> unknown, SortedSet<String> serviceLevel, boolean allServices,
             List<GapNote> notes) {

    boolean atServiceLevel(String service) {
        return allServices || serviceLevel.contains(service);
    }
}
