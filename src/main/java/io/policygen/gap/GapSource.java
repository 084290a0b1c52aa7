package io.policygen.gap;

import java.util.List;

/**
 * The port the gap reads through: principals that have a generated policy, with their current policies, page by
 * page in principal id order, so that an organization of millions never sits in memory.
 */
public interface GapSource {

    /** Up to {@code limit} principals with an id above {@code afterPrincipalId}, by id; empty after the last. */
    List<GapInput> page(long afterPrincipalId, int limit);
}
