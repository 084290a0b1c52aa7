package io.policygen.simulator;

import java.util.Map;
import java.util.Set;

/**
 * Access Analyzer's policy-generation quotas per (account, Region), from
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-quotas.html : one generation in progress;
 * 50 started a day, 5 in af-south-1, ap-east-1, ap-southeast-3, eu-south-1 and me-south-1 (failed and
 * cancelled ones count). A daily quota set explicitly overrides every Region's.
 *
 * <p>The refusals' wire shape is botocore's {@code data/accessanalyzer/2019-11-01/service-2.json}:
 * {@code ServiceQuotaExceededException} is HTTP 402 and {@code ConflictException} HTTP 409, both with the
 * required members {@code message}, {@code resourceId} and {@code resourceType} (the model has no
 * {@code serviceCode} or {@code quotaCode} for Access Analyzer); the code travels in {@code x-amzn-ErrorType}.
 * What AWS puts in resourceId / resourceType and the messages are not documented: the simulator's guesses.
 */
final class GenerationQuotas {

    static final int AWS_DAILY = 50;
    static final int AWS_DAILY_SMALL_REGIONS = 5;
    static final Set<String> SMALL_REGIONS = Set.of("af-south-1", "ap-east-1", "ap-southeast-3", "eu-south-1",
            "me-south-1");

    private volatile int concurrent;
    private volatile int dailyOverride;
    private volatile ConcurrencyError concurrencyError;
    private final QuotaScope scope;

    GenerationQuotas(SimulatorOptions options) {
        this.concurrent = options.concurrentQuota();
        this.dailyOverride = options.dailyQuota();
        this.concurrencyError = options.concurrencyError();
        this.scope = options.quotaScope();
    }

    QuotaScope scope() {
        return scope;
    }

    /** Generations that may start per 24 hours in an account and this Region. */
    int daily(String region) {
        int override = dailyOverride;
        if (override > 0) {
            return override;
        }
        return SMALL_REGIONS.contains(region) ? AWS_DAILY_SMALL_REGIONS : AWS_DAILY;
    }

    int concurrent() {
        return concurrent;
    }

    /** The explicit override of every Region's daily quota; 0 when AWS's quotas per Region apply. */
    int dailyOverride() {
        return dailyOverride;
    }

    ConcurrencyError concurrencyError() {
        return concurrencyError;
    }

    void setConcurrent(int quota) {
        this.concurrent = quota;
    }

    void setDailyOverride(int quota) {
        this.dailyOverride = quota;
    }

    void setConcurrencyError(ConcurrencyError error) {
        this.concurrencyError = error;
    }

    AwsError concurrentRefusal(String accountId, String region, String jobInProgress) {
        if (concurrencyError == ConcurrencyError.CONFLICT) {
            return new AwsError(409, "ConflictException", "A policy generation is already in progress in account "
                    + accountId + " and Region " + region + ": " + jobInProgress + ". Wait for it to complete.",
                    Map.of("resourceId", jobInProgress, "resourceType", "PolicyGeneration"));
        }
        return quotaExceeded(accountId, "Concurrent policy generations quota exceeded: at most " + concurrent
                + " policy generation(s) in progress per " + scopeName() + " (account " + accountId + ", " + region
                + "). Wait for " + jobInProgress + " to finish.");
    }

    AwsError dailyRefusal(String accountId, String region) {
        return quotaExceeded(accountId, "Daily policy generations quota exceeded: at most " + daily(region)
                + " policy generations started per " + scopeName() + " in 24 hours (account " + accountId + ", "
                + region + ").");
    }

    private String scopeName() {
        return scope == QuotaScope.ACCOUNT ? "account" : "account and Region";
    }

    private static AwsError quotaExceeded(String accountId, String message) {
        return new AwsError(402, "ServiceQuotaExceededException", message,
                Map.of("resourceId", accountId, "resourceType", "PolicyGeneration"));
    }
}
