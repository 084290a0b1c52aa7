package io.policygen.store;

import io.policygen.time.Sleeper;
import java.util.function.Supplier;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs database work in a transaction of its own (REQUIRES_NEW), committed and its connection returned before
 * it returns. Steps run inside a long, resourceless "transaction" while they wait on AWS; without this, the
 * first statement's connection would stay bound to that transaction, and thousands of waiting accounts would
 * hold the whole pool.
 * <p>
 * Work that fails because the database went away (a failover, a restart) is done again once it is back, within the
 * {@link DatabaseOutage}'s tolerance, also when it is the commit that failed (which may have gone through): every
 * store's statement is idempotent or guarded (a claim done again with its token finds its own request), so doing it
 * again is safe.
 */
public final class OwnTransaction {

    private final TransactionTemplate template;
    private final DatabaseOutage outage;
    private final Sleeper sleeper;

    public OwnTransaction(PlatformTransactionManager databaseTransactions, DatabaseOutage outage, Sleeper sleeper) {
        this.template = new TransactionTemplate(databaseTransactions);
        this.template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.outage = outage;
        this.sleeper = sleeper;
    }

    /** Without riding out outages: a failure is the caller's at once. */
    public OwnTransaction(PlatformTransactionManager databaseTransactions) {
        this(databaseTransactions, null, Sleeper.SYSTEM);
    }

    public <T> T get(Supplier<T> work) {
        while (true) {
            try {
                return template.execute(status -> work.get());
            } catch (RuntimeException e) {
                if (outage == null || !DatabaseOutage.isUnreachable(e) || !outage.unreachable(e)) {
                    throw e;
                }
            }
            try {
                sleeper.sleep(outage.retryPause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the database", e);
            }
        }
    }

    public void run(Runnable work) {
        get(() -> {
            work.run();
            return null;
        });
    }
}
