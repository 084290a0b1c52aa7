package io.policygen.gap;

/**
 * An unused action of a principal's gap, for a report a BI tool pivots.
 *
 * @param action      {@code s3:DeleteObject} as the catalog spells it, or as the policy wrote it when unknown
 * @param scoped      granted only on some resources or under a condition
 * @param conditional a conditional Deny may take it away
 * @param unknown     the catalog does not know it ({@code level} is then UNKNOWN)
 */
public record GapAction(String service, String action, AccessLevel level, boolean scoped, boolean conditional,
                        boolean unknown) {
}
