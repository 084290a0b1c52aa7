package io.policygen.job;

import io.policygen.gap.ActionCatalog;
import io.policygen.gap.GapCalculator;
import io.policygen.gap.GapInput;
import io.policygen.gap.GapProperties;
import io.policygen.gap.GapReader;
import io.policygen.gap.GapStore;
import io.policygen.gap.GapsPrunedListener;
import io.policygen.gap.GapWriter;
import io.policygen.gap.StoredGapSource;
import io.policygen.gap.StoredPolicies;
import io.policygen.organization.AccountStore;
import io.policygen.run.RunControl;
import java.util.Map;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The job's last step, {@code computeGaps}: every account's principals whose least-privilege gap is due (never
 * computed, or their policies, latest generation or the catalog changed since), partitioned per account and computed
 * a few accounts at a time; at its end, the gaps of principals gone are removed. A part of
 * {@link PolicyGenerationJobConfiguration}'s job, in a class of its own to keep each under the size a reader takes in.
 * Bean, step and partition names are restart keys: don't rename them.
 */
@Configuration(proxyBeanMethods = false)
public class GapStepConfiguration {

    private static final String ACCOUNT_ID = "#{stepExecutionContext['" + AccountPartitioner.ACCOUNT_ID + "']}";

    @Bean
    Step computeGaps(JobRepository jobRepository, Step computeGapsWorker, AccountStore accounts, GapProperties gap,
                     GapStore gapStore) {
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("gap-");
        executor.setConcurrencyLimit(gap.concurrency());
        Partitioner partitioner = gap.enabled() ? AccountPartitioner.perAccountForGaps(accounts) : gridSize -> Map.of();
        return new StepBuilder("computeGaps", jobRepository)
                .partitioner("computeGapsWorker", partitioner)
                .step(computeGapsWorker)
                .taskExecutor(executor)
                .listener(new GapsPrunedListener(gapStore))
                .build();
    }

    /** One account: its due principals read a page at a time, their gaps computed and stored a chunk at a time. */
    @Bean
    Step computeGapsWorker(JobRepository jobRepository, GapReader gapReader, GapWriter gapWriter, GapProperties gap) {
        return new StepBuilder("computeGapsWorker", jobRepository)
                .<GapInput, GapInput>chunk(gap.chunkSize())
                .transactionManager(new ResourcelessTransactionManager()) // the store commits each chunk itself
                .reader(gapReader)
                .writer(gapWriter)
                .build();
    }

    @Bean
    @StepScope
    GapReader gapReader(@Value(ACCOUNT_ID) String accountId, JdbcTemplate jdbc, GapProperties gap,
                        ActionCatalog actionCatalog, RunControl control) {
        String catalog = GapStore.catalogVersion(actionCatalog);
        return new GapReader(new StoredGapSource(jdbc, accountId, StoredGapSource.Scope.CHANGED, catalog, new StoredPolicies(jdbc)),
                gap.chunkSize(), control::stopRequested);
    }

    @Bean
    GapWriter gapWriter(GapCalculator gapCalculator, GapStore gapStore, ActionCatalog actionCatalog) {
        return new GapWriter(gapCalculator, gapStore, GapStore.catalogVersion(actionCatalog));
    }
}
