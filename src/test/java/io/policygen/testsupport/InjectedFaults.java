package io.policygen.testsupport;

import io.policygen.store.OwnTransaction;
import io.policygen.generation.GenerationStore;
import javax.sql.DataSource;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** Faults injected into a started job context, at exactly the point a test needs them. */
public final class InjectedFaults {

    private InjectedFaults() {
    }

    /**
     * The crash between StartPolicyGeneration and the jobId's commit: the first jobId AWS hands out is never
     * recorded (the write fails right after the call). The step-scoped tasklets look the store up per partition,
     * so the replaced bean takes effect for the run about to start.
     */
    public static void loseFirstJobIdCommit(ConfigurableApplicationContext context) {
        GenerationStore losing = new GenerationStore(JdbcClient.create(context.getBean(DataSource.class)),
                context.getBean(OwnTransaction.class), JsonMapper.builder().build()) {
            private boolean lost;

            @Override
            public synchronized void recordStarted(long generationId, String jobId) {
                if (!lost) {
                    lost = true;
                    throw new IllegalStateException("injected crash between StartPolicyGeneration and the jobId commit");
                }
                super.recordStarted(generationId, jobId);
            }
        };
        DefaultListableBeanFactory factory = (DefaultListableBeanFactory) context.getBeanFactory();
        factory.destroySingleton("generationStore");
        factory.registerSingleton("generationStore", losing);
    }
}
