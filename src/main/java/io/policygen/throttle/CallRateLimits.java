package io.policygen.throttle;

import io.policygen.time.Sleeper;
import io.policygen.time.Ticker;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One rate limiter per account and operation, and one per operation over all accounts. */
public final class CallRateLimits {

    private final ThrottleProperties properties;
    private final Ticker ticker;
    private final Sleeper sleeper;
    private final Map<String, RateLimiter> overall = new ConcurrentHashMap<>();
    private final Map<String, RateLimiter> perAccount = new ConcurrentHashMap<>();

    public CallRateLimits(ThrottleProperties properties, Ticker ticker, Sleeper sleeper) {
        this.properties = properties;
        this.ticker = ticker;
        this.sleeper = sleeper;
    }

    /** Waits until both the overall limit and the scope's (an account, or an account in a Region) allow one more call of this operation. */
    public void acquire(String scope, String operation) throws InterruptedException {
        overall.computeIfAbsent(operation, op -> new RateLimiter(properties.overallRate(), ticker, sleeper)).acquire();
        perAccount.computeIfAbsent(scope + '/' + operation,
                key -> new RateLimiter(properties.perAccountRate(), ticker, sleeper)).acquire();
    }

    /** Forgets an account's limiters once its work is done, so memory stays bounded over thousands of accounts. */
    public void release(String accountId) {
        perAccount.keySet().removeIf(key -> key.startsWith(accountId + '/'));
    }
}
