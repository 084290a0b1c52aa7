package io.policygen.generation;

/**
 * Who pays for a failed generation: the principal (a try of its own), or not the principal (the principal stays due):
 * its account's setup, or a result Access Analyzer no longer had when a run looked.
 */
public enum ChargedTo {
    PRINCIPAL,
    ACCOUNT
}
