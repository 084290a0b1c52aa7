package io.policygen.simulator;

/**
 * The organization's account ids: 12 digits, three from the seed, then the account's number (its index + 1), e.g.
 * {@code 107000000001} for the management account (index 0) of seed 7.
 */
record AccountIds(String prefix) {

    static AccountIds of(long seed) {
        return new AccountIds(String.format("%03d", 100 + Math.floorMod(seed, 900)));
    }

    String id(int index) {
        return prefix + String.format("%09d", index + 1);
    }

    /** The index the id names, or -1 if it is not one of this organization's ids (whether the account exists aside). */
    int index(String accountId) {
        if (accountId == null || accountId.length() != 12 || !accountId.startsWith(prefix)) {
            return -1;
        }
        try {
            return Integer.parseInt(accountId.substring(3)) - 1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
