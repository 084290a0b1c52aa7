package io.policygen.throttle;

import io.policygen.time.Sleeper;
import io.policygen.time.Ticker;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** One rate limiter per scope (an account, or an account in a Region) and operation, and one per operation over all. */
public final class CallRateLimits {

    private record Key(RateScope scope, String operation) {
    }

    private final ThrottleProperties properties;
    private final Ticker ticker;
    private final Sleeper sleeper;
    private final Map<String, RateLimiter> overall = new ConcurrentHashMap<>();
    /** Per account (the management scope under ""), its limiters by scope and operation: released in one step. */
    private final Map<String, Map<Key, RateLimiter>> perScope = new ConcurrentHashMap<>();

    public CallRateLimits(ThrottleProperties properties, Ticker ticker, Sleeper sleeper) {
        this.properties = properties;
        this.ticker = ticker;
        this.sleeper = sleeper;
    }

    /** Waits until both the overall limit and the scope's allow one more call of this operation. */
    public void acquire(RateScope scope, String operation) throws InterruptedException {
        overall.computeIfAbsent(operation, op -> new RateLimiter(properties.overallRate(), ticker, sleeper)).acquire();
        perScope.computeIfAbsent(Objects.requireNonNullElse(scope.accountId(), ""), account -> new ConcurrentHashMap<>())
                .computeIfAbsent(new Key(scope, operation), key -> new RateLimiter(properties.perAccountRate(), ticker, sleeper))
                .acquire();
    }

    /** Forgets an account's limiters (in every Region) once its work is done, so memory stays bounded over thousands of accounts. */
    public void release(String accountId) {
        perScope.remove(Objects.requireNonNullElse(accountId, ""));
    }

    /** Limiters kept now, per scope and operation: what {@link #release} frees. */
    int limiters() {
        return perScope.values().stream().mapToInt(Map::size).sum();
    }
}
