package io.policygen.simulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Request rates per (account, operation): a token bucket each, refilled from an injectable
 * nanosecond ticker (real time, independent of the simulated clock). Burst = one second's worth,
 * at least one request. A rate of 0 means unlimited.
 */
public final class RateLimits {

    private static final double NANOS = 1e9;

    private final LongSupplier ticker;
    private final Map<String, Double> rates = new ConcurrentHashMap<>();
    private volatile double defaultRate;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        final double rate;
        double tokens;
        long last;

        Bucket(double rate, long now) {
            this.rate = rate;
            this.tokens = capacity(rate);
            this.last = now;
        }

        static double capacity(double rate) {
            return Math.max(1, rate);
        }

        synchronized boolean tryAcquire(long now) {
            tokens = Math.min(capacity(rate), tokens + (now - last) * rate / NANOS);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }
    }

    RateLimits(SimulatorOptions options) {
        this.ticker = options.nanoTicker();
        this.defaultRate = options.defaultRate();
        this.rates.putAll(options.operationRates());
    }

    /** Sets the default rate (requests per second per account and operation; 0 = unlimited). */
    public void setDefaultRate(double perSecond) {
        this.defaultRate = perSecond;
    }

    /** Sets one operation's rate (0 = unlimited). */
    public void setRate(String operation, double perSecond) {
        rates.put(operation, perSecond);
    }

    public double rate(String operation) {
        return rates.getOrDefault(operation, defaultRate);
    }

    /** True if the call may go ahead; false if it is beyond the rate. */
    boolean tryAcquire(String accountId, String operation) {
        double rate = rate(operation);
        if (rate <= 0) {
            return true;
        }
        long now = ticker.getAsLong();
        String key = accountId + "/" + operation;
        Bucket bucket = buckets.compute(key, (k, b) -> b == null || b.rate != rate ? new Bucket(rate, now) : b);
        return bucket.tryAcquire(now);
    }
}
