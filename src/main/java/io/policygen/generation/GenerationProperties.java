package io.policygen.generation;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How generations are requested and paced.
 * Quotas: https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-quotas.html
 * (one generation in progress per account, 50 a day, CloudTrail range at most 90 days).
 * A generation still in progress after {@code maxWait} is cancelled, so that a stuck job cannot hold an account's
 * only slot for ever.
 */
@ConfigurationProperties("policygen.generation")
public record GenerationProperties(
        @DefaultValue List<Trail> trails,
        @DefaultValue("arn:aws:iam::{accountId}:role/service-role/AccessAnalyzerMonitorServiceRole") String accessRoleArnTemplate,
        @DefaultValue("P90D") Duration lookback,
        @DefaultValue("P30D") Duration refreshAfter,
        @DefaultValue("50") int dailyQuota,
        @DefaultValue List<String> regions,
        @DefaultValue("3") int maxFailures,
        @DefaultValue("false") boolean includeResourcePlaceholders,
        @DefaultValue("false") boolean includeServiceLevelTemplate,
        @DefaultValue("PT1S") Duration pollMin,
        @DefaultValue("PT1M") Duration pollMax,
        @DefaultValue("PT6H") Duration maxWait) {

    public static final String ACCOUNT_ID_PLACEHOLDER = "{accountId}";

    public record Trail(String arn, @DefaultValue List<String> regions, @DefaultValue("false") boolean allRegions) {
    }

    public String accessRoleArn(String accountId) {
        return accessRoleArnTemplate.replace(ACCOUNT_ID_PLACEHOLDER, accountId);
    }

    /** The generation Regions: the configured ones, or else the Region policygen runs in. */
    public List<String> regionsOr(String defaultRegion) {
        return regions.isEmpty() ? List.of(defaultRegion) : regions;
    }
}
