package io.policygen.gap;

/**
 * What an export did.
 *
 * @param written files whose bytes changed (or are new); the others were left untouched
 * @param removed files of an earlier export whose principal is gone or whose policy is split differently now
 */
public record ExportSummary(int principals, int files, int written, int removed) {
}
