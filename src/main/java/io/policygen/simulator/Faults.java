package io.policygen.simulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Faults on demand, per operation (or {@code *} for all), in every account or in one (the calls its member sessions
 * sign, as one account's IAM having a bad night), changeable while the simulator runs.
 * Decisions are deterministic from the seed and the operation's call count, so a test run with the
 * same call sequence sees the same faults. {@link #failNext} / {@link #throttleNext} fail exactly
 * the next N calls of an operation.
 */
public final class Faults {

    public static final String ALL = "*";

    /** What to do with one call. */
    enum Decision { NONE, ERROR, THROTTLE }

    private final long seed;
    private final Map<String, FaultSettings> settings = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failNext = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> throttleNext = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
    private final AtomicLong startCalls = new AtomicLong();

    Faults(long seed, FaultSettings initial) {
        this.seed = seed;
        settings.put(ALL, initial);
    }

    /** Sets the faults of one operation ({@code *}: the default for all operations without their own). */
    public void set(String operation, FaultSettings faults) {
        settings.put(operation, faults);
    }

    /** Sets the faults of one operation in one account, which take the place of the operation's own there. */
    public void set(String operation, String accountId, FaultSettings faults) {
        settings.put(key(operation, accountId), faults);
    }

    /** The faults in force for an operation. */
    public FaultSettings settings(String operation) {
        FaultSettings own = settings.get(operation);
        return own != null ? own : settings.getOrDefault(ALL, FaultSettings.NONE);
    }

    /** The faults in force for an operation called as an account: its own there, or the operation's. */
    public FaultSettings settings(String operation, String accountId) {
        FaultSettings own = accountId == null ? null : settings.get(key(operation, accountId));
        return own != null ? own : settings(operation);
    }

    /** Every operation's own settings, {@code *} included; one account's are keyed "Operation@account". */
    public Map<String, FaultSettings> all() {
        return new TreeMap<>(settings);
    }

    /** Removes every fault, pending failNext / throttleNext included. */
    public void clear() {
        settings.clear();
        settings.put(ALL, FaultSettings.NONE);
        failNext.clear();
        throttleNext.clear();
    }

    /** The next {@code n} calls of the operation answer the service's own 5xx error. */
    public void failNext(String operation, int n) {
        failNext.computeIfAbsent(operation, k -> new AtomicInteger()).addAndGet(n);
    }

    /** The next {@code n} calls of the operation answer the service's own throttling error. */
    public void throttleNext(String operation, int n) {
        throttleNext.computeIfAbsent(operation, k -> new AtomicInteger()).addAndGet(n);
    }

    /** The next {@code n} calls of the operation as the account answer the service's own 5xx error. */
    public void failNext(String operation, String accountId, int n) {
        failNext(key(operation, accountId), n);
    }

    Decision decide(String operation, String accountId) {
        if (takeOne(failNext, key(operation, accountId)) || takeOne(failNext, operation)) {
            return Decision.ERROR;
        }
        if (takeOne(throttleNext, operation)) {
            return Decision.THROTTLE;
        }
        FaultSettings f = settings(operation, accountId);
        if (f.errorRate() == 0 && f.throttleRate() == 0) {
            return Decision.NONE;
        }
        long n = calls.computeIfAbsent(operation, k -> new AtomicLong()).incrementAndGet();
        double u = Hashing.unit(Hashing.hash(seed, operation.hashCode(), n));
        if (u < f.errorRate()) {
            return Decision.ERROR;
        }
        return u < f.errorRate() + f.throttleRate() ? Decision.THROTTLE : Decision.NONE;
    }

    /** Whether this StartPolicyGeneration, which did start a generation, should lose its response. */
    boolean loseStartResponse() {
        double share = settings("StartPolicyGeneration").lostStartResponses();
        return share > 0 && Hashing.unit(Hashing.hash(seed, 71, startCalls.incrementAndGet())) < share;
    }

    private static String key(String operation, String accountId) {
        return operation + "@" + accountId;
    }

    private static boolean takeOne(Map<String, AtomicInteger> counters, String operation) {
        for (String key : new String[] {operation, ALL}) {
            AtomicInteger left = counters.get(key);
            if (left != null && left.getAndUpdate(v -> v > 0 ? v - 1 : 0) > 0) {
                return true;
            }
        }
        return false;
    }
}
