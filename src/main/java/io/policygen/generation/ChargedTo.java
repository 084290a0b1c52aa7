package io.policygen.generation;

/** Who pays for a failed generation: the principal (a try of its own), or its account's setup (the principal stays due). */
public enum ChargedTo {
    PRINCIPAL,
    ACCOUNT
}
