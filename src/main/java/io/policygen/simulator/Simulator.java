package io.policygen.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * The AWS organization simulator, in process: {@code Simulator.start(options)}, point the SDK
 * clients at {@link #endpoint()} with the management credentials, {@link #close()} when done.
 * Speaks Organizations and CloudTrail (JSON 1.1), STS and IAM (Query), Access Analyzer (REST-JSON).
 */
public final class Simulator implements AutoCloseable {

    private final SimulatorOptions options;
    private final SimulatedClock clock;
    private final SimulatedOrganization organization;
    private final CredentialStore credentials;
    private final CloudTrailActivity activity;
    private final SetupState setup;
    private final PolicyGenerations generations;
    private final Faults faults;
    private final RateLimits rates;
    private final IamContent iam;
    private final RequestCounts counts = new RequestCounts();
    private final SimulatorServer server;

    private Simulator(SimulatorOptions options) throws IOException {
        this.options = options;
        this.clock = options.manualClock()
                ? SimulatedClock.manual(options.clockStart() != null ? options.clockStart()
                        : SimulatedClock.defaultManualStart())
                : SimulatedClock.realTime();
        this.organization = new SimulatedOrganization(options, clock.instant());
        this.credentials = new CredentialStore(options, organization.managementAccountId());
        this.activity = new CloudTrailActivity(options, organization);
        this.setup = new SetupState(options.setup(), organization);
        this.generations = new PolicyGenerations(options.seed(), clock, new GenerationQuotas(options),
                new GenerationPlanner(options, organization, activity, setup));
        this.faults = new Faults(options.seed(), options.faults());
        this.rates = new RateLimits(options);
        this.iam = new IamContent(organization, clock, options.seed());
        List<AwsService> services = List.of(
                new OrganizationsService(organization, options.seed()),
                new StsService(organization, credentials, options),
                new IamService(organization, new IamRoles(organization, options, setup),
                        new RoleUserListing(organization, options.seed()),
                        new AuthorizationDetails(organization, iam, options.seed()),
                        new CredentialReports(organization, iam, clock, options)),
                new AccessAnalyzerService(organization, generations, setup, clock, faults,
                        new GenerationViews(organization, iam, options.seed())),
                new CloudTrailService(organization));
        this.server = new SimulatorServer(options.port(), services, credentials, setup, faults, rates, counts,
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

    /**
     * Expires the management account's credentials (true) or renews them (false): each call they sign answers
     * ExpiredToken(Exception), as when the temporary credentials a job was started with run out mid-run.
     */
    public void expireManagementCredentials(boolean expired) {
        credentials.expireManagement(expired);
    }

    public boolean managementCredentialsExpired() {
        return credentials.managementExpired();
    }

    /** Ends every member session handed out so far (their SDK still reckons them valid); answers how many. */
    public int expireMemberSessions() {
        return credentials.expireSessions();
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

    /** CloudTrail activity per account: active Regions, log files per Region and day, the duration rule. */
    public CloudTrailActivity activity() {
        return activity;
    }

    /** What is broken in the organization's setup; change it while the simulator runs. */
    public SetupState setup() {
        return setup;
    }

    /** The shape of a principal's generated policy (within its grants): complete or not, split or not, empty or not. */
    public PrincipalUsage usage(String principalArn) {
        return GeneratedPolicies.usage(options.seed(), principalArn, iam.granted(requirePrincipal(principalArn)));
    }

    /** What IAM holds for a principal: its policies, tags, groups and last use. */
    public PrincipalDetails details(String principalArn) {
        return iam.details(requirePrincipal(principalArn));
    }

    /** Gives a principal (this one: not one created later under the same name) its own policies, tags and last use. */
    public void setDetails(String principalArn, PrincipalDetails details) {
        iam.set(requirePrincipal(principalArn), Objects.requireNonNull(details));
    }

    private Principal requirePrincipal(String arn) {
        return organization.principal(arn).orElseThrow(() -> new IllegalArgumentException("no principal " + arn));
    }

    public void setConcurrentQuota(int quota) {
        if (quota < 1) {
            throw new IllegalArgumentException("concurrent quota must be >= 1");
        }
        generations.quotas().setConcurrent(quota);
    }

    /** Overrides the daily quota of every Region; 0 goes back to AWS's quotas per Region (5 or 50). */
    public void setDailyQuota(int quota) {
        if (quota < 0) {
            throw new IllegalArgumentException("daily quota must be >= 1, or 0 for AWS's quota per Region");
        }
        generations.quotas().setDailyOverride(quota);
    }

    public void setConcurrencyError(ConcurrencyError error) {
        generations.quotas().setConcurrencyError(Objects.requireNonNull(error));
    }

    public int concurrentQuota() {
        return generations.quotas().concurrent();
    }

    /** The daily quota in the organization's home Region. */
    public int dailyQuota() {
        return dailyQuota(organization.region());
    }

    /** Generations that may start per account and day in a Region: the override if set, else AWS's 5 or 50. */
    public int dailyQuota(String region) {
        return generations.quotas().daily(region);
    }

    public ConcurrencyError concurrencyError() {
        return generations.quotas().concurrencyError();
    }

    public QuotaScope quotaScope() {
        return generations.quotas().scope();
    }

    /**
     * Starts a generation in an account as a console user would: no clientToken of the job's, the principal's
     * CloudTrail of {@code window} up to now in {@code region}; it holds the slot and counts against the daily
     * quota like any other, and ListPolicyGenerations lists it.
     *
     * @param principalArn null: the account's first role or user
     * @throws GenerationRefusedException when Access Analyzer would refuse it (quota)
     */
    public GenerationRecord startConsoleGeneration(String accountId, String principalArn, String region,
                                                   Duration window) {
        try {
            return PolicyGenerations.toRecord(consoleGeneration(accountId, principalArn, region, window),
                    clock.nowMillis());
        } catch (AwsError refusal) {
            throw new GenerationRefusedException(refusal);
        }
    }

    Generation consoleGeneration(String accountId, String principalArn, String region, Duration window) {
        Account account = organization.account(accountId).filter(Account::usable).orElseThrow(() ->
                new IllegalArgumentException("no usable account " + accountId + " in the organization"));
        Principal principal = principalArn == null ? organization.principals(accountId).stream()
                .filter(p -> !p.serviceLinked()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("account " + accountId + " has no principal"))
                : organization.principal(principalArn).filter(p -> p.accountId().equals(account.id())).orElseThrow(() ->
                        new IllegalArgumentException("no principal " + principalArn + " in account " + accountId));
        long now = clock.nowMillis();
        return generations.start(accountId, region, null, principal, true, new Generation.Request(principal.arn(),
                false, List.of(region), now - window.toMillis(), now, Hashing.hash(now, principal.arn())));
    }

    /** The JSON of {@code GET /_simulator/state}. */
    ObjectNode state(boolean includeGenerations) {
        return new SimulatorState(this, generations).json(includeGenerations);
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
