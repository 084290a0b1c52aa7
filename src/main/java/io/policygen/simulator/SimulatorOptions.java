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
 * @param port               TCP port on 127.0.0.1; 0 picks a free one
 * @param seed               makes the organization, principals, activity and fault decisions reproducible
 * @param accounts           number of accounts in the organization, the management account included (it is the first)
 * @param principalsPerAccount roles + users per account (mean for {@code SKEWED}, exact for {@code UNIFORM});
 *                           service-linked roles come on top
 * @param distribution       how principals spread over accounts
 * @param suspendedAccounts  member accounts in state SUSPENDED
 * @param unassumableAccounts member accounts whose member role cannot be assumed (AccessDenied)
 * @param memberRoleName     role the management account assumes in every account
 * @param accessRoleName     role (with path) Access Analyzer uses to read CloudTrail, in every account
 * @param trailName          name of the organization trail (in the management account, {@code region})
 * @param region             region of the trail and the default signing region
 * @param accessKeyId        the management account's long-term access key id
 * @param secretAccessKey    its secret
 * @param externalId         if not null, AssumeRole requires this ExternalId
 * @param generationTime     simulated time a policy generation takes
 * @param generationJitter   +/- this much, deterministic per job (default: a sixth of generationTime)
 * @param failureRate        share of generations that end FAILED
 * @param concurrentQuota    in-progress generations per (account, region)
 * @param dailyQuota         generations started per (account, region) in the last 24 h of simulated time
 * @param defaultRate        requests per second per (account, operation); 0 = unlimited
 * @param operationRates     per-operation rates overriding {@code defaultRate}
 * @param faults             faults for every operation at start
 * @param manualClock        true: the simulated clock moves only when advanced; false: real time plus advances
 * @param clockStart         start of the manual clock (null = now); ignored for the real-time clock
 * @param nanoTicker         nanosecond ticker for the rate limiters
 */
public record SimulatorOptions(
        int port,
        long seed,
        int accounts,
        int principalsPerAccount,
        Distribution distribution,
        int suspendedAccounts,
        int unassumableAccounts,
        String memberRoleName,
        String accessRoleName,
        String trailName,
        String region,
        String accessKeyId,
        String secretAccessKey,
        String externalId,
        Duration generationTime,
        Duration generationJitter,
        double failureRate,
        int concurrentQuota,
        int dailyQuota,
        double defaultRate,
        Map<String, Double> operationRates,
        FaultSettings faults,
        boolean manualClock,
        Instant clockStart,
        LongSupplier nanoTicker) {

    public static final String DEFAULT_ACCESS_KEY_ID = "AKIAPOLICYGENSIM0001";
    public static final String DEFAULT_SECRET_ACCESS_KEY = "policygen+simulator+management+secret+0001";

    /** How principals are spread over accounts. */
    public enum Distribution {
        /** A few accounts much larger than the rest; the total is about accounts x principalsPerAccount. */
        SKEWED,
        /** Exactly principalsPerAccount in every account (benchmarks). */
        UNIFORM
    }

    public SimulatorOptions {
        Objects.requireNonNull(distribution, "distribution");
        Objects.requireNonNull(memberRoleName, "memberRoleName");
        Objects.requireNonNull(accessRoleName, "accessRoleName");
        Objects.requireNonNull(trailName, "trailName");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        Objects.requireNonNull(generationTime, "generationTime");
        Objects.requireNonNull(generationJitter, "generationJitter");
        Objects.requireNonNull(faults, "faults");
        Objects.requireNonNull(nanoTicker, "nanoTicker");
        operationRates = Map.copyOf(operationRates == null ? Map.of() : operationRates);
        require(port >= 0 && port <= 65535, "port", "must be 0-65535");
        require(accounts >= 1 && accounts <= 100_000, "accounts", "must be 1-100000");
        require(principalsPerAccount >= 0 && principalsPerAccount <= 100_000, "principals-per-account", "must be 0-100000");
        require(suspendedAccounts >= 0, "suspended-accounts", "must be >= 0");
        require(unassumableAccounts >= 0, "unassumable-accounts", "must be >= 0");
        require(suspendedAccounts + unassumableAccounts <= accounts - 1, "suspended-accounts",
                "suspended + unassumable accounts must leave the management account out (at most accounts - 1)");
        require(!generationTime.isNegative(), "generation-time", "must not be negative");
        require(!generationJitter.isNegative(), "generation-jitter", "must not be negative");
        require(failureRate >= 0 && failureRate <= 1, "failure-rate", "must be 0-1");
        require(concurrentQuota >= 1, "concurrent-quota", "must be >= 1");
        require(dailyQuota >= 1, "daily-quota", "must be >= 1");
        require(defaultRate >= 0, "rate", "must be >= 0 (0 = unlimited)");
        operationRates.forEach((op, rate) -> require(rate >= 0, "rate", op + " must be >= 0"));
        require(accessKeyId.matches("[A-Z0-9]{16,128}"), "access-key-id", "must be 16-128 upper-case letters or digits");
        require(!accessRoleName.startsWith("/") && !accessRoleName.endsWith("/"), "access-role",
                "give the role name with an optional path and no leading slash, e.g. service-role/Name");
        require(memberRoleName.matches("[\\w+=,.@-]{1,64}"), "member-role", "must be a role name without a path");
    }

    private static void require(boolean condition, String option, String message) {
        if (!condition) {
            throw new IllegalArgumentException("--" + option + ": " + message);
        }
    }

    public static SimulatorOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
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
        private String memberRoleName = "OrganizationAccountAccessRole";
        private String accessRoleName = "service-role/AccessAnalyzerMonitorServiceRole";
        private String trailName = "organization-trail";
        private String region = "us-east-1";
        private String accessKeyId = DEFAULT_ACCESS_KEY_ID;
        private String secretAccessKey = DEFAULT_SECRET_ACCESS_KEY;
        private String externalId;
        private Duration generationTime = Duration.ofSeconds(30);
        /** Null until set: then a sixth of the generation time, so a short generation time keeps a sane spread. */
        private Duration generationJitter;
        private double failureRate = 0.0;
        private int concurrentQuota = 1;
        private int dailyQuota = 50;
        private double defaultRate = 0;
        private final Map<String, Double> operationRates = new TreeMap<>();
        private FaultSettings faults = FaultSettings.NONE;
        private boolean manualClock = false;
        private Instant clockStart;
        private LongSupplier nanoTicker = System::nanoTime;

        private Builder() {
        }

        private Builder(SimulatorOptions o) {
            port = o.port;
            seed = o.seed;
            accounts = o.accounts;
            principalsPerAccount = o.principalsPerAccount;
            distribution = o.distribution;
            suspendedAccounts = o.suspendedAccounts;
            unassumableAccounts = o.unassumableAccounts;
            memberRoleName = o.memberRoleName;
            accessRoleName = o.accessRoleName;
            trailName = o.trailName;
            region = o.region;
            accessKeyId = o.accessKeyId;
            secretAccessKey = o.secretAccessKey;
            externalId = o.externalId;
            generationTime = o.generationTime;
            generationJitter = o.generationJitter;
            failureRate = o.failureRate;
            concurrentQuota = o.concurrentQuota;
            dailyQuota = o.dailyQuota;
            defaultRate = o.defaultRate;
            operationRates.putAll(o.operationRates);
            faults = o.faults;
            manualClock = o.manualClock;
            clockStart = o.clockStart;
            nanoTicker = o.nanoTicker;
        }

        public Builder port(int port) { this.port = port; return this; }
        public Builder seed(long seed) { this.seed = seed; return this; }
        public Builder accounts(int accounts) { this.accounts = accounts; return this; }
        public Builder principalsPerAccount(int n) { this.principalsPerAccount = n; return this; }
        public Builder distribution(Distribution d) { this.distribution = d; return this; }
        public Builder suspendedAccounts(int n) { this.suspendedAccounts = n; return this; }
        public Builder unassumableAccounts(int n) { this.unassumableAccounts = n; return this; }
        public Builder memberRoleName(String name) { this.memberRoleName = name; return this; }
        public Builder accessRoleName(String name) { this.accessRoleName = name; return this; }
        public Builder trailName(String name) { this.trailName = name; return this; }
        public Builder region(String region) { this.region = region; return this; }
        public Builder accessKeyId(String id) { this.accessKeyId = id; return this; }
        public Builder secretAccessKey(String secret) { this.secretAccessKey = secret; return this; }
        public Builder externalId(String externalId) { this.externalId = externalId; return this; }
        public Builder generationTime(Duration d) { this.generationTime = d; return this; }
        public Builder generationJitter(Duration d) { this.generationJitter = d; return this; }
        public Builder failureRate(double share) { this.failureRate = share; return this; }
        public Builder concurrentQuota(int n) { this.concurrentQuota = n; return this; }
        public Builder dailyQuota(int n) { this.dailyQuota = n; return this; }
        public Builder defaultRate(double perSecond) { this.defaultRate = perSecond; return this; }
        public Builder rate(String operation, double perSecond) { operationRates.put(operation, perSecond); return this; }
        public Builder faults(FaultSettings faults) { this.faults = faults; return this; }
        public Builder manualClock(boolean manual) { this.manualClock = manual; return this; }
        /** A manual clock starting at {@code start}. */
        public Builder manualClock(Instant start) { this.manualClock = true; this.clockStart = start; return this; }
        public Builder nanoTicker(LongSupplier ticker) { this.nanoTicker = ticker; return this; }

        public SimulatorOptions build() {
            // small organizations get no suspended / unassumable accounts unless asked for
            int members = accounts - 1;
            int suspended = suspendedAccounts != null ? suspendedAccounts : members >= 4 ? 1 : 0;
            int unassumable = unassumableAccounts != null ? unassumableAccounts : members >= 4 ? 1 : 0;
            return new SimulatorOptions(port, seed, accounts, principalsPerAccount, distribution, suspended,
                    unassumable, memberRoleName, accessRoleName, trailName, region, accessKeyId, secretAccessKey,
                    externalId, generationTime, generationJitter != null ? generationJitter : generationTime.dividedBy(6), failureRate, concurrentQuota, dailyQuota,
                    defaultRate, operationRates, faults, manualClock, clockStart, nanoTicker);
        }
    }
}
