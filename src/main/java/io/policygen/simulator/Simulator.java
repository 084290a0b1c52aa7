package io.policygen.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The AWS organization simulator, in process: {@code Simulator.start(options)}, point the SDK
 * clients at {@link #endpoint()} with the management credentials, {@link #close()} when done.
 * Speaks Organizations (JSON 1.1), STS and IAM (Query), Access Analyzer (REST-JSON).
 */
public final class Simulator implements AutoCloseable {

    private final SimulatorOptions options;
    private final SimulatedClock clock;
    private final SimulatedOrganization organization;
    private final CredentialStore credentials;
    private final PolicyGenerations generations;
    private final Faults faults;
    private final RateLimits rates;
    private final RequestCounts counts = new RequestCounts();
    private final SimulatorServer server;

    private Simulator(SimulatorOptions options) throws IOException {
        this.options = options;
        this.clock = options.manualClock()
                ? SimulatedClock.manual(options.clockStart() != null ? options.clockStart()
                        : SimulatedClock.defaultManualStart())
                : SimulatedClock.realTime();
        this.organization = new SimulatedOrganization(options);
        this.credentials = new CredentialStore(options, organization.managementAccountId());
        this.generations = new PolicyGenerations(options, clock);
        this.faults = new Faults(options.seed(), options.faults());
        this.rates = new RateLimits(options);
        List<AwsService> services = List.of(
                new OrganizationsService(organization, options.seed()),
                new StsService(organization, credentials, options.externalId()),
                new IamService(organization, options.seed()),
                new AccessAnalyzerService(organization, generations, clock, options.seed()));
        this.server = new SimulatorServer(options.port(), services, credentials, faults, rates, counts,
                new ControlEndpoint(this), options.seed());
    }

    /** Builds the organization and starts serving on 127.0.0.1. */
    public static Simulator start(SimulatorOptions options) {
        try {
            return new Simulator(options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the simulator on port " + options.port(), e);
        }
    }

    /** {@code http://127.0.0.1:PORT}: the endpoint override for every SDK client. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    public int port() {
        return server.port();
    }

    public SimulatorOptions options() {
        return options;
    }

    public SimulatedOrganization organization() {
        return organization;
    }

    public ManagementCredentials credentials() {
        return organization.credentials();
    }

    public SimulatedClock clock() {
        return clock;
    }

    public Faults faults() {
        return faults;
    }

    public RateLimits rates() {
        return rates;
    }

    public RequestCounts requestCounts() {
        return counts;
    }

    /** Every generation started so far, in start order, with its status now. */
    public List<GenerationRecord> generations() {
        return generations.records();
    }

    public void setConcurrentQuota(int quota) {
        if (quota < 1) {
            throw new IllegalArgumentException("concurrent quota must be >= 1");
        }
        generations.setConcurrentQuota(quota);
    }

    public void setDailyQuota(int quota) {
        if (quota < 1) {
            throw new IllegalArgumentException("daily quota must be >= 1");
        }
        generations.setDailyQuota(quota);
    }

    public int concurrentQuota() {
        return generations.concurrentQuota();
    }

    public int dailyQuota() {
        return generations.dailyQuota();
    }

    /** The JSON of {@code GET /_simulator/state}. */
    ObjectNode state(boolean includeGenerations) {
        ObjectNode state = Protocols.JSON.createObjectNode();
        ObjectNode org = state.putObject("organization");
        org.put("organizationId", organization.organizationId());
        org.put("managementAccountId", organization.managementAccountId());
        org.put("memberRoleName", organization.memberRoleName());
        org.put("accessRoleName", organization.accessRoleName());
        org.put("trailArn", organization.trailArn());
        org.put("region", organization.region());
        org.put("rootId", organization.root().id());
        if (options.externalId() != null) {
            org.put("externalId", options.externalId());
        }
        ObjectNode creds = org.putObject("credentials");
        creds.put("accessKeyId", credentials().accessKeyId());
        creds.put("secretAccessKey", credentials().secretAccessKey());
        org.put("principals", organization.principalCount());
        ObjectNode quotas = state.putObject("quotas");
        quotas.put("concurrent", concurrentQuota());
        quotas.put("daily", dailyQuota());
        ArrayNode accounts = state.putArray("accounts");
        for (Account account : organization.accounts()) {
            ObjectNode a = accounts.addObject();
            a.put("id", account.id());
            a.put("name", account.name());
            a.put("state", account.state());
            a.put("ou", account.parentId());
            a.put("ouName", organization.unitName(account.parentId()));
            a.put("principals", organization.principalCount(account.id()));
            a.put("assumable", account.assumable());
        }
        if (includeGenerations) {
            ArrayNode list = state.putArray("generations");
            for (GenerationRecord g : generations()) {
                ObjectNode node = list.addObject();
                node.put("accountId", g.accountId());
                node.put("region", g.region());
                node.put("principalArn", g.principalArn());
                node.put("clientToken", g.clientToken());
                node.put("jobId", g.jobId());
                node.put("status", g.status());
                node.put("startedOn", g.startedOn().toString());
                node.put("completedOn", g.completedOn() == null ? null : g.completedOn().toString());
            }
        } else {
            state.put("generationCount", generations.count());
        }
        state.put("clock", clock.instant().toString());
        state.set("requests", Protocols.JSON.valueToTree(counts.snapshot()));
        ObjectNode faultNode = state.putObject("faults");
        faults.all().forEach((op, f) -> faultNode.set(op, Protocols.JSON.valueToTree(faultJson(f))));
        return state;
    }

    static Map<String, Object> faultJson(FaultSettings f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("errorRate", f.errorRate());
        m.put("throttleRate", f.throttleRate());
        m.put("latency", f.latency().toString());
        m.put("lostStartResponses", f.lostStartResponses());
        return m;
    }

    /** The state as JSON text. */
    public String stateJson(boolean includeGenerations) {
        return Protocols.JSON.writeValueAsString(state(includeGenerations));
    }

    @Override
    public void close() {
        server.close();
    }
}
