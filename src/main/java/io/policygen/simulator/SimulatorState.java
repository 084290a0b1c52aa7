package io.policygen.simulator;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The JSON of {@code GET /_simulator/state}: organization, quotas, setup, accounts, generations, clock, requests. */
final class SimulatorState {

    private final Simulator simulator;
    private final PolicyGenerations generations;

    SimulatorState(Simulator simulator, PolicyGenerations generations) {
        this.simulator = simulator;
        this.generations = generations;
    }

    ObjectNode json(boolean includeGenerations) {
        SimulatedOrganization organization = simulator.organization();
        SimulatorOptions options = simulator.options();
        ObjectNode state = Protocols.JSON.createObjectNode();
        ObjectNode org = state.putObject("organization");
        org.put("organizationId", organization.organizationId());
        org.put("managementAccountId", organization.managementAccountId());
        organization.delegatedAdministrator().ifPresent(id -> org.put("delegatedAdministrator", id));
        org.put("memberRoleName", organization.memberRoleName());
        org.put("memberRoleMaxSessionDuration", options.memberRoleMaxSession().toSeconds());
        org.put("accessRoleName", organization.accessRoleName());
        org.put("trailArn", organization.trailArn());
        OrganizationTrail trail = organization.trail();
        org.put("trailBucket", trail.bucket());
        org.put("trailKmsKeyId", trail.kmsKeyArn());
        org.put("region", organization.region());
        org.put("rootId", organization.root().id());
        if (options.externalId() != null) {
            org.put("externalId", options.externalId());
        }
        ObjectNode creds = org.putObject("credentials");
        creds.put("accessKeyId", simulator.credentials().accessKeyId());
        creds.put("secretAccessKey", simulator.credentials().secretAccessKey());
        creds.put("expired", simulator.managementCredentialsExpired());
        org.put("principals", organization.principalCount());
        ObjectNode quotas = state.putObject("quotas");
        quotas.put("concurrent", simulator.concurrentQuota());
        quotas.put("daily", simulator.dailyQuota());
        int override = generations.quotas().dailyOverride();
        if (override > 0) {
            quotas.put("dailyOverride", override);
        } else {
            quotas.putNull("dailyOverride");
        }
        ObjectNode byRegion = quotas.putObject("dailyByRegion");
        byRegion.put("default", simulator.dailyQuota("us-east-1"));
        GenerationQuotas.SMALL_REGIONS.stream().sorted().forEach(r -> byRegion.put(r, simulator.dailyQuota(r)));
        quotas.put("concurrencyError", simulator.concurrencyError().name().toLowerCase(Locale.ROOT));
        quotas.put("scope", simulator.quotaScope().name().toLowerCase(Locale.ROOT));
        quotas.put("logFilesPerGeneration", CloudTrailActivity.LOG_FILE_LIMIT);
        state.set("setup", SetupControl.json(simulator.setup()));
        accounts(state.putArray("accounts"));
        if (includeGenerations) {
            ArrayNode list = state.putArray("generations");
            for (GenerationRecord g : simulator.generations()) {
                ObjectNode node = list.addObject();
                node.put("accountId", g.accountId());
                node.put("region", g.region());
                node.put("principalArn", g.principalArn());
                node.put("clientToken", g.clientToken());
                node.put("console", g.console());
                node.put("jobId", g.jobId());
                node.put("status", g.status());
                node.put("errorCode", g.errorCode() == null ? null : g.errorCode().name());
                node.put("logFilesRead", g.logFilesRead());
                node.put("startedOn", g.startedOn().toString());
                node.put("completedOn", g.completedOn() == null ? null : g.completedOn().toString());
                node.put("endSeenOn", g.endSeenOn() == null ? null : g.endSeenOn().toString());
            }
        } else {
            state.put("generationCount", generations.count());
        }
        state.put("clock", simulator.clock().instant().toString());
        state.set("requests", Protocols.JSON.valueToTree(simulator.requestCounts().snapshot()));
        ObjectNode faultNode = state.putObject("faults");
        simulator.faults().all().forEach((op, f) -> faultNode.set(op, Protocols.JSON.valueToTree(faultJson(f))));
        return state;
    }

    private void accounts(ArrayNode accounts) {
        SimulatedOrganization organization = simulator.organization();
        CloudTrailActivity activity = simulator.activity();
        for (Account account : organization.accounts()) {
            ObjectNode a = accounts.addObject();
            a.put("id", account.id());
            a.put("name", account.name());
            a.put("state", account.state());
            a.put("status", account.status());
            a.put("ou", account.parentId());
            a.put("ouName", organization.unitName(account.parentId()));
            a.put("principals", organization.principalCount(account.id()));
            a.put("assumable", account.assumable());
            activity.activeRegions(account.id()).forEach(a.putArray("activeRegions")::add);
            a.put("logFilesPerRegionDay", activity.logFilesPerRegionDay(account.id()));
        }
    }

    static Map<String, Object> faultJson(FaultSettings f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("errorRate", f.errorRate());
        m.put("throttleRate", f.throttleRate());
        m.put("latency", f.latency().toString());
        m.put("lostStartResponses", f.lostStartResponses());
        m.put("unreadableFor", f.unreadableFor().toString());
        return m;
    }
}
