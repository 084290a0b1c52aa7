package io.policygen.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Access Analyzer policy-generation engine: starts jobs under the quotas, honours clientToken
 * idempotency, and keeps the record of every generation. Quotas are per (account, Region), from
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-quotas.html : one generation in
 * progress, 50 started a day (cancelled ones count).
 */
final class PolicyGenerations {

    static final Duration LIST_WINDOW = Duration.ofDays(7);
    private static final long DAY = Duration.ofDays(1).toMillis();

    /** A validated StartPolicyGeneration request. */
    record StartRequest(String principalArn, long trailStart, long trailEnd, long fingerprint) {
    }

    /** The generations of one account and Region; guarded by the owning {@link AccountState}. */
    private static final class Slot {
        final List<Generation> all = new ArrayList<>();
        final ArrayDeque<Generation> lastDay = new ArrayDeque<>();
        final List<Generation> inFlight = new ArrayList<>();
    }

    /** Per account: its Regions' slots and its clientTokens. */
    private static final class AccountState {
        final Map<String, Slot> regions = new HashMap<>();
        final Map<String, Generation> byClientToken = new HashMap<>();
    }

    private final SimulatorOptions options;
    private final SimulatedClock clock;
    private final Map<String, AccountState> accounts = new ConcurrentHashMap<>();
    private final Map<String, Generation> byJobId = new ConcurrentHashMap<>();
    private final List<Generation> record = new ArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    private volatile int concurrentQuota;
    private volatile int dailyQuota;

    PolicyGenerations(SimulatorOptions options, SimulatedClock clock) {
        this.options = options;
        this.clock = clock;
        this.concurrentQuota = options.concurrentQuota();
        this.dailyQuota = options.dailyQuota();
    }

    /**
     * Starts a generation, or returns the one already started with the same clientToken and request.
     * Idempotency is checked before the quotas, as AWS does: a retried start never trips a quota.
     */
    Generation start(String accountId, String region, String clientToken, StartRequest request) {
        AccountState state = accounts.computeIfAbsent(accountId, k -> new AccountState());
        synchronized (state) {
            long now = clock.nowMillis();
            if (clientToken != null) {
                Generation earlier = state.byClientToken.get(clientToken);
                if (earlier != null) {
                    if (earlier.fingerprint == request.fingerprint() && earlier.region.equals(region)) {
                        return earlier;
                    }
                    throw new AwsError(409, "ConflictException", "A different request was already made with "
                            + "clientToken " + clientToken + ".",
                            Map.of("resourceId", earlier.jobId, "resourceType", "PolicyGeneration"));
                }
            }
            Slot slot = state.regions.computeIfAbsent(region, k -> new Slot());
            slot.inFlight.removeIf(g -> !g.status(now).equals("IN_PROGRESS"));
            if (slot.inFlight.size() >= concurrentQuota) {
                throw quotaExceeded(accountId, "Concurrent policy generations quota exceeded: at most "
                        + concurrentQuota + " policy generation(s) in progress per account and Region (account "
                        + accountId + ", " + region + "). Wait for " + slot.inFlight.getFirst().jobId + " to finish.");
            }
            while (!slot.lastDay.isEmpty() && slot.lastDay.peekFirst().startedOn <= now - DAY) {
                slot.lastDay.pollFirst();
            }
            if (slot.lastDay.size() >= dailyQuota) {
                throw quotaExceeded(accountId, "Daily policy generations quota exceeded: at most " + dailyQuota
                        + " policy generations started per account and Region in 24 hours (account " + accountId
                        + ", " + region + ").");
            }
            long seq = sequence.incrementAndGet();
            String jobId = jobId(seq);
            long h = Hashing.hash(options.seed(), jobId);
            long jitter = options.generationJitter().toMillis();
            long duration = options.generationTime().toMillis()
                    + (jitter == 0 ? 0 : Long.remainderUnsigned(h, 2 * jitter + 1) - jitter);
            boolean fails = Hashing.unit(Hashing.mix(h)) < options.failureRate();
            Generation g = new Generation(seq, jobId, accountId, region, request.principalArn(), clientToken,
                    request.fingerprint(), now, now + Math.max(0, duration), fails, request.trailStart(),
                    request.trailEnd());
            slot.all.add(g);
            slot.lastDay.addLast(g);
            slot.inFlight.add(g);
            if (clientToken != null) {
                state.byClientToken.put(clientToken, g);
            }
            byJobId.put(jobId, g);
            synchronized (record) {
                record.add(g);
            }
            return g;
        }
    }

    private static AwsError quotaExceeded(String accountId, String message) {
        return new AwsError(402, "ServiceQuotaExceededException", message,
                Map.of("resourceId", accountId, "resourceType", "PolicyGeneration"));
    }

    private String jobId(long seq) {
        long msb = (Hashing.hash(options.seed(), 61, seq) & ~0xF000L) | 0x4000L;
        long lsb = (Hashing.hash(options.seed(), 62, seq) & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    /** A generation of the calling account and Region that can still be fetched (7 days), or 404. */
    Generation find(String accountId, String region, String jobId) {
        Generation g = jobId == null ? null : byJobId.get(jobId);
        if (g == null || !g.accountId.equals(accountId) || !g.region.equals(region)
                || g.startedOn < clock.nowMillis() - LIST_WINDOW.toMillis()) {
            throw new AwsError(404, "ResourceNotFoundException", "Policy generation " + jobId + " not found.",
                    Map.of("resourceId", String.valueOf(jobId), "resourceType", "PolicyGeneration"));
        }
        return g;
    }

    /** Newest first, started in the last 7 days, optionally of one principal; from {@code beforeSeq} down. */
    List<Generation> list(String accountId, String region, String principalArn, long beforeSeq, int max) {
        AccountState state = accounts.get(accountId);
        if (state == null) {
            return List.of();
        }
        long from = clock.nowMillis() - LIST_WINDOW.toMillis();
        List<Generation> page = new ArrayList<>();
        synchronized (state) {
            Slot slot = state.regions.get(region);
            if (slot == null) {
                return List.of();
            }
            for (int i = slot.all.size() - 1; i >= 0 && page.size() < max; i--) {
                Generation g = slot.all.get(i);
                if (g.startedOn < from) {
                    break;
                }
                if (g.seq < beforeSeq && (principalArn == null || principalArn.equals(g.principalArn))) {
                    page.add(g);
                }
            }
        }
        return page;
    }

    /** Every generation ever started, in start order. */
    List<GenerationRecord> records() {
        List<Generation> copy;
        synchronized (record) {
            copy = new ArrayList<>(record);
        }
        long now = clock.nowMillis();
        List<GenerationRecord> out = new ArrayList<>(copy.size());
        for (Generation g : copy) {
            out.add(toRecord(g, now));
        }
        return out;
    }

    int count() {
        synchronized (record) {
            return record.size();
        }
    }

    static GenerationRecord toRecord(Generation g, long now) {
        long completed = g.completedOn(now);
        return new GenerationRecord(g.accountId, g.region, g.principalArn, g.clientToken, g.jobId, g.status(now),
                Instant.ofEpochMilli(g.startedOn), completed < 0 ? null : Instant.ofEpochMilli(completed));
    }

    void setConcurrentQuota(int quota) {
        this.concurrentQuota = quota;
    }

    void setDailyQuota(int quota) {
        this.dailyQuota = quota;
    }

    int concurrentQuota() {
        return concurrentQuota;
    }

    int dailyQuota() {
        return dailyQuota;
    }
}
