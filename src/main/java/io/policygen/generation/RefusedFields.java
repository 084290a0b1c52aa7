package io.policygen.generation;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which part of a StartPolicyGeneration request a ValidationException's {@code fieldList} names (shapes
 * {@code StartPolicyGenerationRequest} and {@code ValidationExceptionField} of botocore accessanalyzer/2019-11-01
 * service-2.json). The principal part differs from principal to principal; the CloudTrail part is policygen's settings,
 * the same for every principal of the account. A name is read either as a path from the request's top
 * ({@code cloudTrailDetails.trails.cloudTrailArn}) or as a member's own name ({@code accessRole}); case is not weighed.
 */
enum RefusedFields {
    /** {@code policyGenerationDetails}: the principal's ARN (a principal deleted since the listing, say). */
    PRINCIPAL,
    /** {@code cloudTrailDetails}: the trail, its Regions, the access role, the window. */
    TRAIL_DETAILS,
    /** No field named, or fields of both parts or of neither. */
    UNKNOWN;

    private static final Set<String> PRINCIPAL_MEMBERS = Set.of("policygenerationdetails", "principalarn");
    private static final Set<String> TRAIL_MEMBERS = Set.of("cloudtraildetails", "trails", "cloudtrailarn", "regions",
            "allregions", "accessrole", "starttime", "endtime");

    static RefusedFields of(List<String> fields) {
        if (fields.isEmpty()) {
            return UNKNOWN;
        }
        if (fields.stream().allMatch(field -> PRINCIPAL_MEMBERS.contains(head(field)))) {
            return PRINCIPAL;
        }
        if (fields.stream().allMatch(field -> TRAIL_MEMBERS.contains(head(field)))) {
            return TRAIL_DETAILS;
        }
        return UNKNOWN;
    }

    /** The first member of a path: {@code trails} of {@code trails[0].cloudTrailArn} or {@code trails.member.1}. */
    private static String head(String field) {
        String trimmed = field.trim();
        int end = 0;
        while (end < trimmed.length() && Character.isLetterOrDigit(trimmed.charAt(end))) {
            end++;
        }
        return trimmed.substring(0, end).toLowerCase(Locale.ROOT);
    }
}
