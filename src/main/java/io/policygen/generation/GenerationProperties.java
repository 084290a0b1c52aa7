package io.policygen.generation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How generations are requested and paced.
 * Quotas: https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-quotas.html
 * (one generation in progress per account, 50 a day, 5 in a few Regions, CloudTrail range at most 90 days).
 * A generation still in progress after {@code maxWait} is cancelled, so that a stuck job cannot hold an account's
 * only slot for ever. {@code dailyQuota} caps the job's daily budget in every Region; {@code regionDailyQuotas}
 * overrides AWS's per-Region figures where they differ from the table below. After {@code maxConsecutiveFailures}
 * failed generations in a row an account stops for the run; until the organization's setup has been seen to work,
 * {@code setupCanaries} accounts try it first while the others wait (0: no waiting). A principal younger than
 * {@code minAge} gets no generation yet; {@code order} says who goes first among those never generated.
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
        @DefaultValue("PT6H") Duration maxWait,
        @DefaultValue Map<String, Integer> regionDailyQuotas,
        @DefaultValue("3") int maxConsecutiveFailures,
        @DefaultValue("3") int setupCanaries,
        @DefaultValue("P7D") Duration minAge,
        @DefaultValue("breadth-first") GenerationOrder order) {

    public static final String ACCOUNT_ID_PLACEHOLDER = "{accountId}";

    /** Regions where AWS allows 5 generations a day instead of 50 (IAM User Guide, "IAM Access Analyzer quotas"). */
    public static final Map<String, Integer> AWS_REGION_DAILY_QUOTAS = Map.of(
            "af-south-1", 5, "ap-east-1", 5, "ap-southeast-3", 5, "eu-south-1", 5, "me-south-1", 5);

    /** Generations a day the job may start in an account in this Region: the configured figure, else AWS's within the cap. */
    public int dailyQuota(String region) {
        Integer configured = regionDailyQuotas.get(region);
        if (configured != null) {
            return configured;
        }
        return Math.min(dailyQuota, AWS_REGION_DAILY_QUOTAS.getOrDefault(region, dailyQuota));
    }

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
