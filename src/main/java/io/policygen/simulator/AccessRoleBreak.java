package io.policygen.simulator;

import java.util.Locale;

/** How an account's Access Analyzer access role is broken. */
public enum AccessRoleBreak {
    /** The role does not exist: IAM GetRole answers NoSuchEntity. */
    MISSING,
    /** The role exists, but its trust policy does not name access-analyzer.amazonaws.com. */
    UNTRUSTED;

    public static AccessRoleBreak parse(String text) {
        try {
            return valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("must be MISSING or UNTRUSTED, was '" + text + "'");
        }
    }
}
