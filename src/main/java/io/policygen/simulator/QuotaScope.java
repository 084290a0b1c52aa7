package io.policygen.simulator;

import java.util.Locale;

/**
 * What Access Analyzer's policy-generation quotas count. AWS's quota page
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-quotas.html) gives different daily figures for
 * a few Regions, so the simulator counts per account and Region by default; it does not say so outright, so the
 * simulator can also count the concurrent and the daily quota across an account's Regions, while each Region's
 * ListPolicyGenerations still shows only its own generations.
 */
public enum QuotaScope {
    /** Each (account, Region) has its own concurrent and daily quota. */
    REGION,
    /** One concurrent and one daily quota per account, whatever the Region (the daily figure of the Region asked). */
    ACCOUNT;

    public static QuotaScope parse(String text) {
        try {
            return valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("must be region or account, was '" + text + "'");
        }
    }
}
