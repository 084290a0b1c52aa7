package io.policygen.gap;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** The gap's port in memory: principals by id, each with its current and generated policies. */
final class InMemoryGapSource implements GapSource {

    private final TreeMap<Long, GapInput> inputs = new TreeMap<>();
    final List<Long> pagesAfter = new ArrayList<>();

    InMemoryGapSource principal(GapPrincipal principal, CurrentPolicies current, GeneratedPolicy generated) {
        inputs.put(principal.principalId(), new GapInput(principal, current, generated));
        return this;
    }

    @Override
    public List<GapInput> page(long afterPrincipalId, int limit) {
        pagesAfter.add(afterPrincipalId);
        return inputs.tailMap(afterPrincipalId, false).values().stream().limit(limit).toList();
    }
}
