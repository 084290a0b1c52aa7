package io.policygen.gap;

/**
 * What a stored gap was computed from, besides the IAM action catalog: the principal's latest SUCCEEDED generation
 * and the hash discovery made of its policies (documents, attached versions, groups, boundary).
 */
public record GapBasis(long generationId, String policyHash) {
}
