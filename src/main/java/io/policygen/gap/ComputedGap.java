package io.policygen.gap;

/** A principal's gap with what it was computed from: what the {@code computeGaps} step stores. */
public record ComputedGap(GapInput input, PrivilegeGap gap) {

    public GapRow row() {
        return GapRow.of(input.principal(), gap);
    }
}
