package io.policygen.gap;

import java.util.List;

/** The gaps of an organization's principals, a page at a time, from the {@link GapSource} port. */
public final class PrincipalGaps {

    private final GapCalculator calculator;
    private final GapSource source;

    public PrincipalGaps(GapCalculator calculator, GapSource source) {
        this.calculator = calculator;
        this.source = source;
    }

    /** The gaps of the next page of principals (ids above {@code afterPrincipalId}), in id order; empty at the end. */
    public List<PrincipalGap> page(long afterPrincipalId, int limit) {
        return source.page(afterPrincipalId, limit).stream()
                .map(input -> new PrincipalGap(input.principal(), calculator.gap(input.current(), input.generated())))
                .toList();
    }

    /** The same page as rows for a {@code principal_gap}-style table. */
    public List<GapRow> rows(long afterPrincipalId, int limit) {
        return page(afterPrincipalId, limit).stream().map(PrincipalGap::row).toList();
    }
}
