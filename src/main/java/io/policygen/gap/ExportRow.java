package io.policygen.gap;

/**
 * One principal to export.
 *
 * @param generatedPolicies its latest generated policy: the stored JSON array of documents
 */
public record ExportRow(GapPrincipal principal, String generatedPolicies, PrivilegeGap gap) {
}
