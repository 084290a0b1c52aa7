package io.policygen.preflight;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Checks accounts in parallel, a few at a time, each on a virtual thread. The calls themselves wait for the
 * client-side rate limits that the clients carry; the bound keeps thousands of accounts from all waiting at once.
 */
final class AccountChecks {

    private final AccountCheck check;
    private final int concurrency;

    AccountChecks(AccountCheck check, int concurrency) {
        this.check = check;
        this.concurrency = concurrency;
    }

    void run(List<String> accountIds, Findings findings) {
        Semaphore permits = new Semaphore(concurrency);
        List<Future<?>> checks = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String accountId : accountIds) {
                permits.acquire();
                checks.add(executor.submit(() -> {
                    try {
                        check.check(accountId, findings);
                    } finally {
                        permits.release();
                    }
                }));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the accounts", e);
        }
        for (Future<?> done : checks) {
            try {
                done.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while checking the accounts", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
            }
        }
    }
}
