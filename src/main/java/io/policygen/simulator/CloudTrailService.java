package io.policygen.simulator;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * AWS CloudTrail over AWS JSON 1.1 ({@code X-Amz-Target: com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.<Op>}):
 * GetTrail and DescribeTrails, with the shapes of botocore's {@code data/cloudtrail/2013-11-01/service-2.json}.
 * The one trail is the organization trail of the management account. Member accounts see it as a shadow trail:
 * DescribeTrails lists it unless {@code includeShadowTrails} is false, GetTrail finds it by ARN. An unknown name
 * or ARN is {@code TrailNotFoundException} (HTTP 400 in the model the SDK is generated from). That member
 * accounts may GetTrail the organization trail by ARN but not by name, and that a multi-Region trail answers in
 * every Region, are the simulator's reading of the CloudTrail guide, not documented API behaviour.
 */
final class CloudTrailService implements JsonService {

    private static final String TARGET_PREFIX = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.";
    private static final List<String> OPERATIONS = List.of("GetTrail", "DescribeTrails");

    private final SimulatedOrganization organization;

    CloudTrailService(SimulatedOrganization organization) {
        this.organization = organization;
    }

    static boolean targets(String target) {
        return target != null && target.startsWith(TARGET_PREFIX);
    }

    @Override
    public String signingName() {
        return "cloudtrail";
    }

    @Override
    public String operation(SimRequest request) {
        String target = request.header("x-amz-target");
        if (targets(target) && OPERATIONS.contains(target.substring(TARGET_PREFIX.length()))) {
            return target.substring(TARGET_PREFIX.length());
        }
        throw new AwsError(400, "UnknownOperationException", "Unknown operation " + target);
    }

    @Override
    public SimResponse handle(String operation, SimRequest request, Identity caller, String region, String requestId) {
        JsonNode input = request.body().length == 0 ? Protocols.JSON.createObjectNode()
                : Protocols.JSON.readTree(request.body());
        ObjectNode body = Protocols.JSON.createObjectNode();
        OrganizationTrail trail = organization.trail();
        boolean home = caller.accountId().equals(organization.managementAccountId());
        if (operation.equals("GetTrail")) {
            String name = Protocols.text(input, "Name");
            if (name == null || !(name.equals(trail.arn()) || home && name.equals(trail.name()))) {
                throw new AwsError(400, "TrailNotFoundException", "Unknown trail: " + name + " for the user: "
                        + caller.accountId());
            }
            body.set("Trail", trailJson(trail));
            return Protocols.json11Success(body);
        }
        boolean shadows = input.path("includeShadowTrails").asBoolean(true);
        List<String> names = new ArrayList<>();
        input.path("trailNameList").forEach(n -> names.add(n.asString()));
        ArrayNode list = body.putArray("trailList");
        boolean visible = home || shadows;
        boolean named = names.isEmpty() || names.contains(trail.arn()) || home && names.contains(trail.name());
        if (visible && named) {
            list.add(trailJson(trail));
        }
        return Protocols.json11Success(body);
    }

    private static ObjectNode trailJson(OrganizationTrail trail) {
        ObjectNode node = Protocols.JSON.createObjectNode();
        node.put("Name", trail.name());
        node.put("S3BucketName", trail.bucket());
        node.put("IncludeGlobalServiceEvents", true);
        node.put("IsMultiRegionTrail", true);
        node.put("HomeRegion", trail.homeRegion());
        node.put("TrailARN", trail.arn());
        node.put("LogFileValidationEnabled", true);
        if (trail.kmsKeyArn() != null) {
            node.put("KmsKeyId", trail.kmsKeyArn());
        }
        node.put("HasCustomEventSelectors", false);
        node.put("HasInsightSelectors", false);
        node.put("IsOrganizationTrail", true);
        return node;
    }

    @Override
    public SimResponse render(AwsError error, String requestId) {
        return Protocols.json11Error(error);
    }

    @Override
    public AwsError throttled() {
        return new AwsError(400, "ThrottlingException", "Rate exceeded");
    }

    @Override
    public AwsError internalError() {
        return new AwsError(500, "InternalFailure", "An internal error occurred. Try again.");
    }
}
