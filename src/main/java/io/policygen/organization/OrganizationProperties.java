package io.policygen.organization;

import io.policygen.aws.MemberRole;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which accounts of the organization policygen works in, and how it enters them. {@code listingRetryAfter}: a call of
 * the organization's account listing that AWS did not answer after the SDK's retries is asked again after this long,
 * and once more after twice as long (zero: not asked again).
 */
@ConfigurationProperties("policygen.organization")
public record OrganizationProperties(
        @DefaultValue List<String> ouIds,
        @DefaultValue List<String> includeAccounts,
        @DefaultValue List<String> excludeAccounts,
        @DefaultValue("OrganizationAccountAccessRole") String memberRoleName,
        String externalId,
        @DefaultValue("policygen") String sessionName,
        @DefaultValue("PT30S") Duration listingRetryAfter) {

    public MemberRole memberRole() {
        return new MemberRole(memberRoleName, externalId, sessionName);
    }

    /** Whether the include / exclude lists let this account in; OU scoping is applied while listing. */
    public boolean admits(String accountId) {
        return (includeAccounts.isEmpty() || includeAccounts.contains(accountId)) && !excludeAccounts.contains(accountId);
    }
}
