package io.policygen.gap;

/** What one principal's gap is computed from: its current policies and its latest generated policy. */
public record GapInput(GapPrincipal principal, CurrentPolicies current, GeneratedPolicy generated) {
}
