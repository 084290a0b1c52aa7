package io.policygen.generation;

/**
 * Who goes first among the principals never generated (refreshes come after them, oldest result first, then
 * failures to try again). Teams differ: a security team wants the broadest permissions reduced first, a platform
 * team the principals in use now.
 */
public enum GenerationOrder {
    /** Broadest current permissions first (administrator-like, then service-wide wildcards, then narrow), then the most recently used. */
    BREADTH_FIRST,
    /** Most recently used first, then the broadest. */
    RECENT_USE_FIRST
}
