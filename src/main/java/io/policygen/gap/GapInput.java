package io.policygen.gap;

/**
 * What one principal's gap is computed from: its current policies and its latest generated policy.
 *
 * @param basis what the stored gap records as its source (the generation, the policies' hash), so that a principal
 *              whose basis is unchanged is not computed again; null where nothing is stored (tests, a one-off)
 */
public record GapInput(GapPrincipal principal, CurrentPolicies current, GeneratedPolicy generated, GapBasis basis) {

    public GapInput(GapPrincipal principal, CurrentPolicies current, GeneratedPolicy generated) {
        this(principal, current, generated, null);
    }
}
