package io.policygen.store;

import java.util.function.Supplier;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs database work in a transaction of its own (REQUIRES_NEW), committed and its connection returned before
 * it returns. Steps run inside a long, resourceless "transaction" while they wait on AWS; without this, the
 * first statement's connection would stay bound to that transaction, and thousands of waiting accounts would
 * hold the whole pool.
 */
public final class OwnTransaction {

    private final TransactionTemplate template;

    public OwnTransaction(PlatformTransactionManager databaseTransactions) {
        this.template = new TransactionTemplate(databaseTransactions);
        this.template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public <T> T get(Supplier<T> work) {
        return template.execute(status -> work.get());
    }

    public void run(Runnable work) {
        template.executeWithoutResult(status -> work.run());
    }
}
