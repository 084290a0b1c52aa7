package io.policygen.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * IAM Access Analyzer policy generation over REST-JSON: StartPolicyGeneration, GetGeneratedPolicy,
 * ListPolicyGenerations and CancelPolicyGeneration, acting in the calling account and the Region
 * of the request's signature.
 */
final class AccessAnalyzerService implements JsonService {

    private static final Pattern PRINCIPAL_ARN = Pattern.compile("arn:[^:]+:iam::(\\d{12}):(role|user)/.+");
    private static final Pattern TRAIL_ARN = Pattern.compile("arn:[^:]+:cloudtrail:[a-z0-9-]+:\\d{12}:trail/[\\w.-]+");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:[^:]+:iam::(\\d{12}):role/.+");
    private static final String BASE = "/policy/generation";
    /** CloudTrail time range of one generation, per the Access Analyzer quotas page. */
    private static final Duration MAX_RANGE = Duration.ofDays(90);
    private static final Duration FUTURE_SLACK = Duration.ofMinutes(5);

    private final SimulatedOrganization organization;
    private final PolicyGenerations generations;
    private final SimulatedClock clock;
    private final long seed;

    AccessAnalyzerService(SimulatedOrganization organization, PolicyGenerations generations, SimulatedClock clock,
                          long seed) {
        this.organization = organization;
        this.generations = generations;
        this.clock = clock;
        this.seed = seed;
    }

    @Override
    public String signingName() {
        return "access-analyzer";
    }

    @Override
    public String operation(SimRequest request) {
        String path = request.rawPath();
        boolean collection = path.equals(BASE) || path.equals(BASE + "/");
        boolean item = path.startsWith(BASE + "/") && path.length() > BASE.length() + 1
                && path.indexOf('/', BASE.length() + 1) < 0;
        return switch (request.method()) {
            case "PUT" -> collection ? "StartPolicyGeneration" : item ? "CancelPolicyGeneration" : unknown(request);
            case "GET" -> collection ? "ListPolicyGenerations" : item ? "GetGeneratedPolicy" : unknown(request);
            default -> unknown(request);
        };
    }

    private static String unknown(SimRequest request) {
        throw new AwsError(404, "UnknownOperationException", "No operation for " + request.method() + " "
                + request.rawPath());
    }

    @Override
    public SimResponse handle(String operation, SimRequest request, Identity caller, String region, String requestId) {
        return Protocols.restJsonSuccess(switch (operation) {
            case "StartPolicyGeneration" -> start(request, caller, region);
            case "GetGeneratedPolicy" -> get(request, caller, region);
            case "ListPolicyGenerations" -> list(request, caller, region);
            case "CancelPolicyGeneration" -> cancel(request, caller, region);
            default -> throw new IllegalStateException(operation);
        });
    }

    private ObjectNode start(SimRequest request, Identity caller, String region) {
        JsonNode input;
        try {
            input = Protocols.JSON.readTree(request.body());
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
        for (JsonNode trail : trails) {
            String trailArn = Protocols.text(trail, "cloudTrailArn");
            if (trailArn == null || !TRAIL_ARN.matcher(trailArn).matches()) {
                throw invalid("cloudTrailDetails.trails.cloudTrailArn", "Invalid trail ARN " + trailArn
                        + ": expected arn:aws:cloudtrail:REGION:ACCOUNT:trail/NAME.");
            }
            if (!trailArn.equals(organization.trailArn())) {
                throw invalid("cloudTrailDetails.trails.cloudTrailArn", "Trail " + trailArn + " does not exist "
                        + "or is not accessible.");
            }
        }
        String accessRole = Protocols.text(trailDetails, "accessRole");
        if (accessRole == null || !ROLE_ARN.matcher(accessRole).matches()) {
            throw invalid("cloudTrailDetails.accessRole", "accessRole must be an IAM role ARN, was " + accessRole
                    + ".");
        }
        Instant now = clock.instant();
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
        if (!principalMatch.group(1).equals(caller.accountId())) {
            throw new AwsError(403, "AccessDeniedException", "User: " + caller.arn() + " is not authorized to "
                    + "generate a policy for " + principalArn + ": the principal is not in account "
                    + caller.accountId() + ".");
        }
        if (organization.principal(principalArn).isEmpty()) {
            throw invalid("policyGenerationDetails.principalArn", "Principal " + principalArn
                    + " does not exist in account " + caller.accountId() + ".");
        }
        if (!accessRole.equals(organization.accessRoleArn(caller.accountId()))) {
            throw invalid("cloudTrailDetails.accessRole", "Access role " + accessRole + " is not a role in account "
                    + caller.accountId() + " that IAM Access Analyzer can assume.");
        }
        long fingerprint = Hashing.hash(17, details.toString() + "\n" + trailDetails);
        String clientToken = Protocols.text(input, "clientToken");
        Generation g = generations.start(caller.accountId(), region, clientToken,
                new PolicyGenerations.StartRequest(principalArn, startTime.toEpochMilli(), end.toEpochMilli(),
                        fingerprint));
        ObjectNode body = Protocols.JSON.createObjectNode();
        body.put("jobId", g.jobId);
        return body;
    }

    private static Instant time(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            if (value.isNumber()) {
                double seconds = value.asDouble();
                return Instant.ofEpochMilli(Math.round(seconds * 1000));
            }
            return Instant.parse(value.stringValue());
        } catch (RuntimeException e) {
            throw invalid("cloudTrailDetails." + field, "Cannot parse " + field + ": " + value);
        }
    }

    private ObjectNode get(SimRequest request, Identity caller, String region) {
        Generation g = generations.find(caller.accountId(), region, jobId(request));
        Map<String, String> query = request.queryParameters();
        boolean placeholders = Boolean.parseBoolean(query.get("includeResourcePlaceholders"));
        boolean serviceLevel = Boolean.parseBoolean(query.get("includeServiceLevelTemplate"));
        long now = clock.nowMillis();
        String status = g.status(now);
        ObjectNode body = Protocols.JSON.createObjectNode();
        ObjectNode job = body.putObject("jobDetails");
        job.put("jobId", g.jobId);
        job.put("status", status);
        job.put("startedOn", iso(g.startedOn));
        long completed = g.completedOn(now);
        if (completed >= 0) {
            job.put("completedOn", iso(completed));
        }
        if (status.equals("FAILED")) {
            ObjectNode error = job.putObject("jobError");
            error.put("code", "SERVICE_ERROR");
            error.put("message", "Policy generation failed because of an internal service error. Try again.");
        }
        ObjectNode result = body.putObject("generatedPolicyResult");
        ObjectNode properties = result.putObject("properties");
        properties.put("isComplete", status.equals("SUCCEEDED"));
        properties.put("principalArn", g.principalArn);
        ObjectNode trailProperties = properties.putObject("cloudTrailProperties");
        ObjectNode trail = trailProperties.putArray("trailProperties").addObject();
        trail.put("cloudTrailArn", organization.trailArn());
        trail.putArray("regions").add(organization.region());
        trail.put("allRegions", false);
        trailProperties.put("startTime", iso(g.trailStart));
        trailProperties.put("endTime", iso(g.trailEnd));
        ArrayNode policies = result.putArray("generatedPolicies");
        if (status.equals("SUCCEEDED")) {
            policies.addObject().put("policy", ActivityPolicies.policy(seed, g.principalArn, placeholders,
                    serviceLevel));
        }
        return body;
    }

    private ObjectNode list(SimRequest request, Identity caller, String region) {
        Map<String, String> query = request.queryParameters();
        String principalArn = query.get("principalArn");
        if (principalArn != null && !PRINCIPAL_ARN.matcher(principalArn).matches()) {
            throw invalid("principalArn", "principalArn must be the ARN of an IAM role or user.");
        }
        int max = 100;
        if (query.containsKey("maxResults")) {
            try {
                max = Integer.parseInt(query.get("maxResults"));
            } catch (NumberFormatException e) {
                max = -1;
            }
            if (max < 1 || max > 1000) {
                throw invalid("maxResults", "maxResults must be between 1 and 1000.");
            }
        }
        String scope = "a/" + caller.accountId() + "/" + region + "/" + (principalArn == null ? "*" : principalArn);
        long before = Long.MAX_VALUE;
        if (query.get("nextToken") != null) {
            PageToken token = PageToken.decode(query.get("nextToken"), scope);
            if (token == null) {
                throw invalid("nextToken", "Invalid nextToken.");
            }
            before = token.position();
        }
        List<Generation> page = generations.list(caller.accountId(), region, principalArn, before, max + 1);
        long now = clock.nowMillis();
        ObjectNode body = Protocols.JSON.createObjectNode();
        ArrayNode items = body.putArray("policyGenerations");
        for (Generation g : page.subList(0, Math.min(max, page.size()))) {
            ObjectNode item = items.addObject();
            item.put("jobId", g.jobId);
            item.put("principalArn", g.principalArn);
            item.put("status", g.status(now));
            item.put("startedOn", iso(g.startedOn));
            long completed = g.completedOn(now);
            if (completed >= 0) {
                item.put("completedOn", iso(completed));
            }
        }
        if (page.size() > max) {
            body.put("nextToken", new PageToken(scope, page.get(max - 1).seq, 1).encode());
        }
        return body;
    }

    private ObjectNode cancel(SimRequest request, Identity caller, String region) {
        Generation g = generations.find(caller.accountId(), region, jobId(request));
        g.cancel(clock.nowMillis());
        return Protocols.JSON.createObjectNode();
    }

    private static String jobId(SimRequest request) {
        String raw = request.rawPath().substring(BASE.length() + 1);
        return java.net.URLDecoder.decode(raw.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String iso(long epochMillis) {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(epochMillis));
    }

    private static AwsError invalid(String field, String message) {
        return new AwsError(400, "ValidationException", message, Map.of("reason", "fieldValidationFailed",
                "fieldList", List.of(Map.of("name", field, "message", message))));
    }

    @Override
    public SimResponse render(AwsError error, String requestId) {
        return Protocols.restJsonError(error);
    }

    @Override
    public AwsError throttled() {
        return new AwsError(429, "ThrottlingException", "Rate exceeded", Map.of("retryAfterSeconds", 1));
    }

    @Override
    public AwsError internalError() {
        return new AwsError(500, "InternalServerException", "Internal server error. Try again.");
    }
}
