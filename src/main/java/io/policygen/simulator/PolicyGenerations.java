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
 * The Access Analyzer policy-generation engine: starts jobs under the quotas ({@link GenerationQuotas}),
 * honours clientToken idempotency, lets the {@link GenerationPlanner} fix how each one ends, and keeps the
 * record of every generation, the job's and others' alike.
 */
final class PolicyGenerations {

    static final Duration LIST_WINDOW = Duration.ofDays(7);
    private static final long DAY = Duration.ofDays(1).toMillis();

    /** The generations of one account and Region; guarded by the owning {@link AccountState}. */
    private static final class Slot {
        final List<Generation> all = new ArrayList<>();
        final ArrayDeque<Generation> lastDay = new ArrayDeque<>();
        final List<Generation> inFlight = new ArrayList<>();
    }

    /** Per account: its Regions' slots (and the slot that counts the quotas across them), its clientTokens. */
    private static final class AccountState {
        final Map<String, Slot> regions = new HashMap<>();
        final Slot acrossRegions = new Slot();
        final Map<String, Generation> byClientToken = new HashMap<>();
    }

    private final long seed;
    private final SimulatedClock clock;
    private final GenerationQuotas quotas;
    private final GenerationPlanner planner;
    private final Map<String, AccountState> accounts = new ConcurrentHashMap<>();
    private final Map<String, Generation> byJobId = new ConcurrentHashMap<>();
    private final List<Generation> record = new ArrayList<>();
    private final AtomicLong sequence = new AtomicLong();

    PolicyGenerations(long seed, SimulatedClock clock, GenerationQuotas quotas, GenerationPlanner planner) {
        this.seed = seed;
        this.clock = clock;
        this.quotas = quotas;
        this.planner = planner;
    }

    GenerationQuotas quotas() {
        return quotas;
    }

    /**
     * Starts a generation, or returns the one already started with the same clientToken and request.
     * Idempotency is checked before the quotas, as AWS does: a retried start never trips a quota.
     *
     * @param console true for someone else's generation (a console user's): no clientToken of the job's
     */
    Generation start(String accountId, String region, String clientToken, Principal principal, boolean console,
                     Generation.Request request) {
        AccountState state = accounts.computeIfAbsent(accountId, k -> new AccountState());
        synchronized (state) {
            long now = clock.nowMillis();
            if (clientToken != null) {
                Generation earlier = state.byClientToken.get(clientToken);
                if (earlier != null) {
                    if (earlier.request.fingerprint() == request.fingerprint() && earlier.region.equals(region)) {
                        return earlier;
                    }
                    throw new AwsError(409, "ConflictException", "A different request was already made with "
                            + "clientToken " + clientToken + ".",
                            Map.of("resourceId", earlier.jobId, "resourceType", "PolicyGeneration"));
                }
            }
            Slot slot = state.regions.computeIfAbsent(region, k -> new Slot());
            Slot counted = quotas.scope() == QuotaScope.ACCOUNT ? state.acrossRegions : slot;
            counted.inFlight.removeIf(g -> !g.status(now).equals("IN_PROGRESS"));
            if (counted.inFlight.size() >= quotas.concurrent()) {
                throw quotas.concurrentRefusal(accountId, region, counted.inFlight.getFirst().jobId);
            }
            while (!counted.lastDay.isEmpty() && counted.lastDay.peekFirst().startedOn <= now - DAY) {
                counted.lastDay.pollFirst();
            }
            if (counted.lastDay.size() >= quotas.daily(region)) {
                throw quotas.dailyRefusal(accountId, region);
            }
            long seq = sequence.incrementAndGet();
            String jobId = jobId(seq);
            Generation g = new Generation(seq, jobId, accountId, region, clientToken, principal, console, request, now,
                    planner.plan(accountId, region, request, jobId));
            slot.all.add(g);
            counted.lastDay.addLast(g);
            counted.inFlight.add(g);
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

    private String jobId(long seq) {
        long msb = (Hashing.hash(seed, 61, seq) & ~0xF000L) | 0x4000L;
        long lsb = (Hashing.hash(seed, 62, seq) & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    /**
     * A generation of the calling account and Region that can still be fetched, or 404. 7 days: the window
     * ListPolicyGenerations documents ("policy generations requested in the last seven days"); how long
     * GetGeneratedPolicy answers for a job is not documented (botocore accessanalyzer/2019-11-01 service-2.json), a guess.
     */
    Generation find(String accountId, String region, String jobId) {
        Generation g = jobId == null ? null : byJobId.get(jobId);
        if (g == null || !g.accountId.equals(accountId) || !g.region.equals(region)
                || g.startedOn < clock.nowMillis() - LIST_WINDOW.toMillis()) {
            throw notFound(jobId);
        }
        return g;
    }

    static AwsError notFound(String jobId) {
        return new AwsError(404, "ResourceNotFoundException", "Policy generation " + jobId + " not found.",
                Map.of("resourceId", String.valueOf(jobId), "resourceType", "PolicyGeneration"));
    }

    /**
     * Newest first, started in the last 7 days, of one principal or (principalArn null) every generation of
     * the account and Region, others' included; from {@code beforeSeq} down.
     */
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
                if (g.seq < beforeSeq && (principalArn == null || principalArn.equals(g.principalArn()))) {
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
        JobError error = g.error(now);
        return new GenerationRecord(g.accountId, g.region, g.principalArn(), g.clientToken, g.jobId, g.status(now),
                Instant.ofEpochMilli(g.startedOn), completed < 0 ? null : Instant.ofEpochMilli(completed),
                error == null ? null : error.code(), g.plan.logFiles(), g.console,
                g.endSeenOn() < 0 ? null : Instant.ofEpochMilli(g.endSeenOn()));
    }
}
