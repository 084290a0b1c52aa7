package io.policygen.simulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Requests served, by service, operation and outcome ("ok" or the error code). */
public final class RequestCounts {

    private final Map<String, Map<String, Map<String, LongAdder>>> counts = new ConcurrentHashMap<>();

    void record(String service, String operation, String outcome) {
        counts.computeIfAbsent(service, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(operation, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(outcome, k -> new LongAdder())
                .increment();
    }

    /** One count; 0 if none. */
    public long count(String service, String operation, String outcome) {
        LongAdder adder = counts.getOrDefault(service, Map.of()).getOrDefault(operation, Map.of()).get(outcome);
        return adder == null ? 0 : adder.sum();
    }

    /** All outcomes of one operation together. */
    public long total(String service, String operation) {
        return counts.getOrDefault(service, Map.of()).getOrDefault(operation, Map.of()).values().stream()
                .mapToLong(LongAdder::sum).sum();
    }

    /** A sorted snapshot: service -> operation -> outcome -> count. */
    public Map<String, Map<String, Map<String, Long>>> snapshot() {
        Map<String, Map<String, Map<String, Long>>> out = new TreeMap<>();
        counts.forEach((service, ops) -> ops.forEach((op, outcomes) -> outcomes.forEach((outcome, n) ->
                out.computeIfAbsent(service, k -> new TreeMap<>()).computeIfAbsent(op, k -> new TreeMap<>())
                        .put(outcome, n.sum()))));
        return out;
    }
}
