package io.policygen.principal;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which IAM principals get a policy. Service-linked roles are skipped by default: AWS manages their policies.
 * {@code credentialReportWait}: how long discovery waits for an account's credential report (users' last use), its
 * calls IAM did not answer asked again meanwhile, before it goes on without. {@code listingRetryAfter}: a call of an account's listing (its AssumeRole, a page) that
 * AWS did not answer after the SDK's retries is asked again after this long, and once more after twice as long (zero:
 * not asked again).
 */
@ConfigurationProperties("policygen.principals")
public record PrincipalProperties(
        @DefaultValue({"ROLE", "USER"}) List<PrincipalType> types,
        @DefaultValue("/aws-service-role/") List<String> excludePathPrefixes,
        @DefaultValue List<Pattern> includeNamePatterns,
        @DefaultValue List<Pattern> excludeNamePatterns,
        @DefaultValue("8") int discoveryConcurrency,
        @DefaultValue("1000") int pageSize,
        @DefaultValue("PT2M") Duration credentialReportWait,
        @DefaultValue("PT30S") Duration listingRetryAfter) {

    public boolean admits(PrincipalType type, String path, String name) {
        return types.contains(type)
                && excludePathPrefixes.stream().noneMatch(path::startsWith)
                && (includeNamePatterns.isEmpty() || includeNamePatterns.stream().anyMatch(p -> p.matcher(name).matches()))
                && excludeNamePatterns.stream().noneMatch(p -> p.matcher(name).matches());
    }
}
