package io.policygen.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The body of a StartPolicyGeneration request, parsed and validated as Access Analyzer does before anything
 * starts: a 400 ValidationException (reason {@code fieldValidationFailed}, with the field) for what is wrong.
 *
 * @param principalAccount the account id in the principal's ARN
 */
record StartGenerationInput(String principalArn, String principalAccount, String accessRole, String clientToken,
                            Generation.Request request) {

    private static final Pattern PRINCIPAL_ARN = Pattern.compile("arn:[^:]+:iam::(\\d{12}):(role|user)/.+");
    private static final Pattern TRAIL_ARN = Pattern.compile("arn:[^:]+:cloudtrail:[a-z0-9-]+:\\d{12}:trail/[\\w.-]+");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:[^:]+:iam::(\\d{12}):role/.+");
    /** CloudTrail time range of one generation, per the Access Analyzer quotas page. */
    private static final Duration MAX_RANGE = Duration.ofDays(90);
    private static final Duration FUTURE_SLACK = Duration.ofMinutes(5);

    static boolean isPrincipalArn(String arn) {
        return arn != null && PRINCIPAL_ARN.matcher(arn).matches();
    }

    static StartGenerationInput parse(byte[] body, String trailArn, Instant now) {
        JsonNode input;
        try {
            input = Protocols.JSON.readTree(body);
        } catch (RuntimeException e) {
            throw new AwsError(400, "ValidationException", "Could not parse the request body.",
                    Map.of("reason", "cannotParse"));
        }
        JsonNode details = input.path("policyGenerationDetails");
        String principalArn = Protocols.text(details, "principalArn");
        if (principalArn == null) {
            throw invalid("policyGenerationDetails.principalArn", "principalArn is required.");
        }
        var principalMatch = PRINCIPAL_ARN.matcher(principalArn);
        if (!principalMatch.matches()) {
            throw invalid("policyGenerationDetails.principalArn", "principalArn must be the ARN of an IAM role "
                    + "or user (arn:aws:iam::ACCOUNT:role/... or :user/...), was " + principalArn + ".");
        }
        JsonNode trailDetails = input.path("cloudTrailDetails");
        if (!trailDetails.isObject()) {
            throw invalid("cloudTrailDetails", "cloudTrailDetails is required.");
        }
        JsonNode trails = trailDetails.path("trails");
        if (!trails.isArray() || trails.isEmpty()) {
            throw invalid("cloudTrailDetails.trails", "At least one trail is required.");
        }
        boolean allRegions = false;
        List<String> regions = new ArrayList<>();
        for (JsonNode trail : trails) {
            String arn = Protocols.text(trail, "cloudTrailArn");
            if (arn == null || !TRAIL_ARN.matcher(arn).matches()) {
                throw invalid("cloudTrailDetails.trails.cloudTrailArn", "Invalid trail ARN " + arn
                        + ": expected arn:aws:cloudtrail:REGION:ACCOUNT:trail/NAME.");
            }
            if (!arn.equals(trailArn)) {
                throw invalid("cloudTrailDetails.trails.cloudTrailArn", "Trail " + arn + " does not exist "
                        + "or is not accessible.");
            }
            allRegions |= trail.path("allRegions").asBoolean(false);
            trail.path("regions").forEach(r -> regions.add(r.asString()));
        }
        String accessRole = Protocols.text(trailDetails, "accessRole");
        if (accessRole == null || !ROLE_ARN.matcher(accessRole).matches()) {
            throw invalid("cloudTrailDetails.accessRole", "accessRole must be an IAM role ARN, was " + accessRole
                    + ".");
        }
        Instant startTime = time(trailDetails, "startTime");
        Instant endTime = time(trailDetails, "endTime");
        if (startTime == null) {
            throw invalid("cloudTrailDetails.startTime", "startTime is required.");
        }
        Instant end = endTime != null ? endTime : now;
        if (!startTime.isBefore(end)) {
            throw invalid("cloudTrailDetails.startTime", "startTime must be before endTime.");
        }
        if (end.isAfter(now.plus(FUTURE_SLACK))) {
            throw invalid("cloudTrailDetails.endTime", "endTime must not be in the future.");
        }
        if (Duration.between(startTime, end).compareTo(MAX_RANGE) > 0) {
            throw invalid("cloudTrailDetails.startTime", "The time range between startTime and endTime must not "
                    + "exceed 90 days.");
        }
        long fingerprint = Hashing.hash(17, details.toString() + "\n" + trailDetails);
        return new StartGenerationInput(principalArn, principalMatch.group(1), accessRole,
                Protocols.text(input, "clientToken"), new Generation.Request(principalArn, allRegions, regions,
                startTime.toEpochMilli(), end.toEpochMilli(), fingerprint));
    }

    private static Instant time(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            if (value.isNumber()) {
                return Instant.ofEpochMilli(Math.round(value.asDouble() * 1000));
            }
            return Instant.parse(value.stringValue());
        } catch (RuntimeException e) {
            throw invalid("cloudTrailDetails." + field, "Cannot parse " + field + ": " + value);
        }
    }

    static AwsError invalid(String field, String message) {
        return new AwsError(400, "ValidationException", message, Map.of("reason", "fieldValidationFailed",
                "fieldList", List.of(Map.of("name", field, "message", message))));
    }
}
