package io.policygen.throttle;

/**
 * Whose calls a rate limit counts: the management account's own, one member account's (IAM, STS), or one member
 * account's in one Region (Access Analyzer, which is regional). {@code accountId} is null for the management scope.
 */
public record RateScope(String accountId, String region) {

    public static final RateScope MANAGEMENT = new RateScope(null, null);

    public static RateScope account(String accountId) {
        return new RateScope(accountId, null);
    }

    public static RateScope accountInRegion(String accountId, String region) {
        return new RateScope(accountId, region);
    }
}
