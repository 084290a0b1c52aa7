package io.policygen.simulator;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON answers of GetGeneratedPolicy and ListPolicyGenerations (shapes {@code GetGeneratedPolicyResponse}
 * and {@code ListPolicyGenerationsResponse} of the Access Analyzer model). Timestamps are ISO-8601 strings.
 */
final class GenerationViews {

    private final SimulatedOrganization organization;
    private final IamContent iam;
    private final long seed;

    GenerationViews(SimulatedOrganization organization, IamContent iam, long seed) {
        this.organization = organization;
        this.iam = iam;
        this.seed = seed;
    }

    ObjectNode generatedPolicy(Generation g, long now, Map<String, String> query) {
        boolean placeholders = Boolean.parseBoolean(query.get("includeResourcePlaceholders"));
        boolean serviceLevel = Boolean.parseBoolean(query.get("includeServiceLevelTemplate"));
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
        JobError error = g.error(now);
        if (error != null) {
            ObjectNode jobError = job.putObject("jobError");
            jobError.put("code", error.code().name());
            jobError.put("message", error.message());
        }
        boolean succeeded = status.equals("SUCCEEDED");
        ObjectNode result = body.putObject("generatedPolicyResult");
        ObjectNode properties = result.putObject("properties");
        // the principal as it started: CloudTrail keeps what it did after it is deleted
        PrincipalDetails details = succeeded ? iam.details(g.principal) : null;
        GeneratedPolicies.Generated generated = succeeded && calledWithin(g, details) ? GeneratedPolicies.generate(seed,
                g.principalArn(), iam.granted(g.principal, details), placeholders, serviceLevel) : null;
        properties.put("isComplete", succeeded && (generated == null || generated.usage().complete()));
        properties.put("principalArn", g.principalArn());
        ObjectNode trailProperties = properties.putObject("cloudTrailProperties");
        ObjectNode trail = trailProperties.putArray("trailProperties").addObject();
        trail.put("cloudTrailArn", organization.trailArn());
        g.request.regions().forEach(trail.putArray("regions")::add);
        trail.put("allRegions", g.request.allRegions());
        trailProperties.put("startTime", iso(g.request.trailStart()));
        trailProperties.put("endTime", iso(g.request.trailEnd()));
        ArrayNode policies = result.putArray("generatedPolicies");
        if (generated != null) {
            generated.documents().forEach(document -> policies.addObject().put("policy", document));
        }
        return body;
    }

    /**
     * Whether the principal called anything in the generation's window: its calls end at its last use, so a window that
     * starts after that day (or a principal never used) reads none of them, and the generation succeeds without a
     * document. AWS documents no answer for a window without activity; this one is the simulator's guess.
     */
    private static boolean calledWithin(Generation g, PrincipalDetails details) {
        Instant lastUsed = details.lastUsed();
        return lastUsed != null && !lastUsed.isBefore(Instant.ofEpochMilli(g.request.trailStart()));
    }

    /** One page: {@code page} holds up to max + 1 generations, the last only telling that there is more. */
    ObjectNode listPage(List<Generation> page, int max, long now, String nextToken) {
        ObjectNode body = Protocols.JSON.createObjectNode();
        ArrayNode items = body.putArray("policyGenerations");
        for (Generation g : page.subList(0, Math.min(max, page.size()))) {
            ObjectNode item = items.addObject();
            item.put("jobId", g.jobId);
            item.put("principalArn", g.principalArn());
            item.put("status", g.status(now));
            item.put("startedOn", iso(g.startedOn));
            long completed = g.completedOn(now);
            if (completed >= 0) {
                item.put("completedOn", iso(completed));
            }
        }
        if (nextToken != null) {
            body.put("nextToken", nextToken);
        }
        return body;
    }

    static String iso(long epochMillis) {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(epochMillis));
    }
}
