package io.policygen.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Everything the simulator can be told at start. Build with {@link #builder()}; every option has a
 * default, so {@code SimulatorOptions.defaults()} gives a small organization on an ephemeral port.
 *
 * @param port                 TCP port on 127.0.0.1; 0 picks a free one
 * @param seed                 makes the organization, principals, activity and fault decisions reproducible
 * @param accounts             accounts in the organization, the management account included (it is the first)
 * @param principalsPerAccount roles + users per account (mean for SKEWED, exact for UNIFORM); service-linked roles on top
 * @param distribution         how principals (and, for SKEWED, CloudTrail activity) spread over accounts
 * @param suspendedAccounts    member accounts in state SUSPENDED
 * @param unassumableAccounts  member accounts whose member role cannot be assumed (AccessDenied)
 * @param accountStates        member accounts in state PENDING_ACTIVATION, PENDING_CLOSURE, CLOSED
 * @param delegatedAdministrator a member account registered as delegated administrator for Organizations, or null
 * @param memberRoleName       role the management account assumes in every account
 * @param memberRoleMaxSession the member role's MaxSessionDuration: AssumeRole refuses a longer DurationSeconds
 * @param accessRoleName       role (with path) Access Analyzer uses to read CloudTrail, in every account
 * @param trailName            name of the organization trail (in the management account, {@code region})
 * @param trailKmsKey          true: the trail's log files are encrypted with a KMS key (GetTrail shows KmsKeyId)
 * @param region               home Region of the organization and its trail; the default signing Region
 * @param accessKeyId          the management account's long-term access key id
 * @param secretAccessKey      its secret
 * @param externalId           if not null, AssumeRole requires this ExternalId
 * @param generationTime       time a generation takes for a 30-day, one-Region window of an account at the base
 *                             log-file rate; linear in the files it reads (see {@link CloudTrailActivity})
 * @param generationJitter     +/- this much, deterministic per job (default: a sixth of generationTime)
 * @param durations            how durations spread beyond the jitter: uniform, or a long tail per job or account
 * @param failureRate          share of generations that end FAILED with SERVICE_ERROR
 * @param activeRegions        Regions with CloudTrail activity per account, the home Region among them
 * @param logFilesPerRegionDay CloudTrail log files an account writes per active Region and day (busier accounts x4)
 * @param logFileKilobytes     a log file's mean size, so a generation's CloudTrail data (25 GB at most)
 * @param setup                broken roles, bucket, PassRole, and job errors per account or principal
 * @param concurrentQuota      in-progress generations per (account, Region)
 * @param concurrencyError     how a start beyond the concurrent quota is refused
 * @param quotaScope           whether the quotas count per (account, Region) or across the account's Regions
 * @param dailyQuota           generations started per (account, Region) in 24 h; 0 = AWS's quota per Region
 * @param defaultRate          requests per second per (account, operation); 0 = unlimited
 * @param operationRates       per-operation rates overriding {@code defaultRate}
 * @param faults               faults for every operation at start
 * @param manualClock          true: the simulated clock moves only when advanced; false: real time plus advances
 * @param clockStart           start of the manual clock (null = now); ignored for the real-time clock
 * @param nanoTicker           nanosecond ticker for the rate limiters (and the credential report's generation)
 * @param mix                  shares of unused, new and opted-out principals among the seeded ones
 * @param credentialReportTime real time IAM takes to generate an account's credential report
 * @param permissionSets       IAM Identity Center permission sets, 0 to 3, each with its role in the accounts it is
 *                             assigned to ({@link IdentityCenter})
 */
public record SimulatorOptions(
        int port, long seed, int accounts, int principalsPerAccount, Distribution distribution,
        int suspendedAccounts, int unassumableAccounts, AccountStates accountStates, String delegatedAdministrator,
        String memberRoleName, Duration memberRoleMaxSession, String accessRoleName, String trailName,
        boolean trailKmsKey, String region, String accessKeyId, String secretAccessKey, String externalId,
        Duration generationTime, Duration generationJitter, DurationDistribution durations, double failureRate, int activeRegions,
        int logFilesPerRegionDay, int logFileKilobytes, SetupFaults setup, int concurrentQuota, ConcurrencyError concurrencyError,
        QuotaScope quotaScope, int dailyQuota, double defaultRate, Map<String, Double> operationRates, FaultSettings faults,
        boolean manualClock, Instant clockStart, LongSupplier nanoTicker, PrincipalMix mix,
        Duration credentialReportTime, int permissionSets) {

    public static final String DEFAULT_ACCESS_KEY_ID = "AKIAPOLICYGENSIM0001";
    public static final String DEFAULT_SECRET_ACCESS_KEY = "policygen+simulator+management+secret+0001";

    /** How principals are spread over accounts. */
    public enum Distribution {
        /** A few accounts much larger (and busier in CloudTrail) than the rest; the total is about accounts x principalsPerAccount. */
        SKEWED,
        /** Exactly principalsPerAccount in every account, every account as busy (benchmarks). */
        UNIFORM
    }

    public SimulatorOptions {
        for (Object required : new Object[] {distribution, accountStates, memberRoleName, memberRoleMaxSession,
                accessRoleName, trailName, region, accessKeyId, secretAccessKey, generationTime, generationJitter,
                durations, setup, concurrencyError, quotaScope, faults, nanoTicker, mix, credentialReportTime}) {
            Objects.requireNonNull(required, "every option but externalId, delegatedAdministrator and clockStart is required");
        }
        operationRates = Map.copyOf(operationRates == null ? Map.of() : operationRates);
    }

    public static SimulatorOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder().port(port).seed(seed).accounts(accounts).principalsPerAccount(principalsPerAccount)
                .distribution(distribution).suspendedAccounts(suspendedAccounts).unassumableAccounts(unassumableAccounts)
                .accountStates(accountStates).delegatedAdministrator(delegatedAdministrator)
                .memberRoleName(memberRoleName).memberRoleMaxSession(memberRoleMaxSession).accessRoleName(accessRoleName)
                .trailName(trailName).trailKmsKey(trailKmsKey).region(region).accessKeyId(accessKeyId)
                .secretAccessKey(secretAccessKey).externalId(externalId).generationTime(generationTime)
                .generationJitter(generationJitter).durations(durations).failureRate(failureRate).activeRegions(activeRegions)
                .logFilesPerRegionDay(logFilesPerRegionDay).logFileKilobytes(logFileKilobytes).setup(setup).concurrentQuota(concurrentQuota)
                .concurrencyError(concurrencyError).quotaScope(quotaScope).dailyQuota(dailyQuota).defaultRate(defaultRate).faults(faults)
                .nanoTicker(nanoTicker).mix(mix).credentialReportTime(credentialReportTime).permissionSets(permissionSets);
        operationRates.forEach(b::rate);
        b.manualClock = manualClock;
        b.clockStart = clockStart;
        return b;
    }

    /** The rate for an operation: its own if set, else the default; 0 = unlimited. */
    public double rateFor(String operation) {
        return operationRates.getOrDefault(operation, defaultRate);
    }

    /** Mutable builder; every setter returns this. */
    public static final class Builder {
        private int port = 0;
        private long seed = 7;
        private int accounts = 10;
        private int principalsPerAccount = 20;
        private Distribution distribution = Distribution.SKEWED;
        private Integer suspendedAccounts;
        private Integer unassumableAccounts;
        private AccountStates accountStates = AccountStates.NONE;
        private String delegatedAdministrator;
        private String memberRoleName = "OrganizationAccountAccessRole";
        private Duration memberRoleMaxSession = Duration.ofHours(1);
        private String accessRoleName = "service-role/AccessAnalyzerMonitorServiceRole";
        private String trailName = "organization-trail";
        private boolean trailKmsKey = false;
        private String region = "us-east-1";
        private String accessKeyId = DEFAULT_ACCESS_KEY_ID;
        private String secretAccessKey = DEFAULT_SECRET_ACCESS_KEY;
        private String externalId;
        private Duration generationTime = Duration.ofSeconds(30);
        /** Null until set: then a sixth of the generation time, so a short generation time keeps a sane spread. */
        private Duration generationJitter;
        private DurationDistribution durations = DurationDistribution.UNIFORM;
        private double failureRate = 0.0;
        private int activeRegions = 4;
        private int logFilesPerRegionDay = 288;
        private int logFileKilobytes = 20;
        private SetupFaults setup = SetupFaults.NONE;
        private int concurrentQuota = 1;
        private ConcurrencyError concurrencyError = ConcurrencyError.QUOTA;
        private QuotaScope quotaScope = QuotaScope.REGION;
        private int dailyQuota = 0;
        private double defaultRate = 0;
        private final Map<String, Double> operationRates = new TreeMap<>();
        private FaultSettings faults = FaultSettings.NONE;
        private boolean manualClock = false;
        private Instant clockStart;
        private LongSupplier nanoTicker = System::nanoTime;
        private PrincipalMix mix = PrincipalMix.REALISTIC;
        private Duration credentialReportTime = Duration.ofMillis(200);
        private int permissionSets = 0;

        private Builder() {
        }

        public Builder port(int port) { this.port = port; return this; }
        public Builder seed(long seed) { this.seed = seed; return this; }
        public Builder accounts(int accounts) { this.accounts = accounts; return this; }
        public Builder principalsPerAccount(int n) { this.principalsPerAccount = n; return this; }
        public Builder distribution(Distribution d) { this.distribution = d; return this; }
        public Builder suspendedAccounts(int n) { this.suspendedAccounts = n; return this; }
        public Builder unassumableAccounts(int n) { this.unassumableAccounts = n; return this; }
        public Builder accountStates(AccountStates states) { this.accountStates = states; return this; }
        public Builder pendingActivationAccounts(int n) { return accountStates(new AccountStates(n, accountStates.pendingClosure(), accountStates.closed())); }
        public Builder pendingClosureAccounts(int n) { return accountStates(new AccountStates(accountStates.pendingActivation(), n, accountStates.closed())); }
        public Builder closedAccounts(int n) { return accountStates(new AccountStates(accountStates.pendingActivation(), accountStates.pendingClosure(), n)); }
        /** A member account (see {@link SimulatedOrganization#accountId(long, int)}) that may call Organizations' read operations. */
        public Builder delegatedAdministrator(String accountId) { this.delegatedAdministrator = accountId; return this; }
        public Builder memberRoleName(String name) { this.memberRoleName = name; return this; }
        public Builder memberRoleMaxSession(Duration d) { this.memberRoleMaxSession = d; return this; }
        public Builder accessRoleName(String name) { this.accessRoleName = name; return this; }
        public Builder trailName(String name) { this.trailName = name; return this; }
        public Builder trailKmsKey(boolean encrypted) { this.trailKmsKey = encrypted; return this; }
        public Builder region(String region) { this.region = region; return this; }
        public Builder accessKeyId(String id) { this.accessKeyId = id; return this; }
        public Builder secretAccessKey(String secret) { this.secretAccessKey = secret; return this; }
        public Builder externalId(String externalId) { this.externalId = externalId; return this; }
        public Builder generationTime(Duration d) { this.generationTime = d; return this; }
        public Builder generationJitter(Duration d) { this.generationJitter = d; return this; }
        public Builder durations(DurationDistribution d) { this.durations = d; return this; }
        public Builder failureRate(double share) { this.failureRate = share; return this; }
        public Builder activeRegions(int n) { this.activeRegions = n; return this; }
        public Builder logFilesPerRegionDay(int n) { this.logFilesPerRegionDay = n; return this; }
        public Builder logFileKilobytes(int n) { this.logFileKilobytes = n; return this; }
        public Builder setup(SetupFaults setup) { this.setup = setup; return this; }
        public Builder failingAccount(String accountId, JobErrorCode code) { setup = setup.withFailingAccount(accountId, code); return this; }
        public Builder failingPrincipal(String principalArn, JobErrorCode code) { setup = setup.withFailingPrincipal(principalArn, code); return this; }
        public Builder brokenAccessRole(String accountId, AccessRoleBreak how) { setup = setup.withBrokenAccessRole(accountId, how); return this; }
        public Builder brokenTrailBucket(boolean broken) { setup = setup.withBrokenTrailBucket(broken); return this; }
        public Builder noPassRole(String accountId) { setup = setup.withNoPassRole(accountId); return this; }
        public Builder concurrentQuota(int n) { this.concurrentQuota = n; return this; }
        public Builder concurrencyError(ConcurrencyError e) { this.concurrencyError = e; return this; }
        public Builder quotaScope(QuotaScope scope) { this.quotaScope = scope; return this; }
        /** Overrides AWS's daily quota (5 or 50 by Region) in every Region; 0 goes back to AWS's. */
        public Builder dailyQuota(int n) { this.dailyQuota = n; return this; }
        public Builder defaultRate(double perSecond) { this.defaultRate = perSecond; return this; }
        public Builder rate(String operation, double perSecond) { operationRates.put(operation, perSecond); return this; }
        public Builder faults(FaultSettings faults) { this.faults = faults; return this; }
        public Builder manualClock(boolean manual) { this.manualClock = manual; return this; }
        /** A manual clock starting at {@code start}. */
        public Builder manualClock(Instant start) { this.manualClock = true; this.clockStart = start; return this; }
        public Builder nanoTicker(LongSupplier ticker) { this.nanoTicker = ticker; return this; }
        /** Shares of unused, new and opted-out principals; {@link PrincipalMix#ALL_ACTIVE}: all worth a generation. */
        public Builder mix(PrincipalMix mix) { this.mix = mix; return this; }
        public Builder credentialReportTime(Duration d) { this.credentialReportTime = d; return this; }
        public Builder permissionSets(int n) { this.permissionSets = n; return this; }

        public SimulatorOptions build() {
            // small organizations get no suspended / unassumable accounts unless asked for
            int members = accounts - 1;
            int suspended = suspendedAccounts != null ? suspendedAccounts : members >= 4 ? 1 : 0;
            int unassumable = unassumableAccounts != null ? unassumableAccounts : members >= 4 ? 1 : 0;
            Duration jitter = generationJitter != null ? generationJitter : generationTime.dividedBy(6);
            return SimulatorOptionsCheck.check(new SimulatorOptions(port, seed, accounts, principalsPerAccount, distribution, suspended, unassumable,
                    accountStates, delegatedAdministrator, memberRoleName, memberRoleMaxSession, accessRoleName,
                    trailName, trailKmsKey, region, accessKeyId, secretAccessKey, externalId, generationTime, jitter,
                    durations, failureRate, activeRegions, logFilesPerRegionDay, logFileKilobytes, setup, concurrentQuota, concurrencyError,
                    quotaScope, dailyQuota, defaultRate, operationRates, faults, manualClock, clockStart, nanoTicker, mix,
                    credentialReportTime, permissionSets));
        }
    }
}
