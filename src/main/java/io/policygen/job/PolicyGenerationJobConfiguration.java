package io.policygen.job;

import io.policygen.aws.AwsClients;
import io.policygen.aws.AwsProperties;
import io.policygen.generation.DurationEstimator;
import io.policygen.generation.GenerationProperties;
import io.policygen.generation.GenerationStore;
import io.policygen.generation.GenerationTasklet;
import io.policygen.organization.AccountReader;
import io.policygen.organization.AccountStore;
import io.policygen.organization.AwsOrganizationAccounts;
import io.policygen.organization.OrgAccount;
import io.policygen.organization.OrganizationProperties;
import io.policygen.principal.AwsIamPrincipals;
import io.policygen.principal.DiscoveredPrincipal;
import io.policygen.principal.IamPrincipalReader;
import io.policygen.job.PrincipalListingListener;
import io.policygen.principal.PrincipalProperties;
import io.policygen.principal.PrincipalStore;
import io.policygen.run.CurrentRun;
import io.policygen.run.RunControl;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code policyGenerationJob}: discoverAccounts, then discoverPrincipals and generate, both partitioned per account.
 * Bean and step names are the keys restart uses in the batch tables: don't rename them.
 * <p>
 * The steps' own transaction manager is resourceless: readers call AWS, and a database transaction (and its
 * connection) must never stay open while AWS is waited on. The stores run each statement in a transaction of
 * its own ({@link io.policygen.store.OwnTransaction}), which releases its connection at once.
 */
@Configuration(proxyBeanMethods = false)
public class PolicyGenerationJobConfiguration {

    public static final String JOB_NAME = "policyGenerationJob";
    static final String ACCOUNT_ID = "accountId";
    static final String REGION = "region";

    private final PlatformTransactionManager noDatabaseTransaction = new ResourcelessTransactionManager();

    @Bean
    Job policyGenerationJob(JobRepository jobRepository, Step discoverAccounts, Step discoverPrincipals, Step generate) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .start(discoverAccounts)
                .next(discoverPrincipals)
                .next(generate)
                .build();
    }

    @Bean
    Step discoverAccounts(JobRepository jobRepository, AwsClients clients, OrganizationProperties organization,
                          AccountStore accounts, Clock clock, CurrentRun run) {
        return new StepBuilder("discoverAccounts", jobRepository)
                .<OrgAccount, OrgAccount>chunk(100)
                .transactionManager(noDatabaseTransaction)
                .reader(new AccountReader(new AwsOrganizationAccounts(clients.organizations()), organization.ouIds()))
                .writer(chunk -> accounts.upsert(chunk.getItems(), organization, run.id(), clock.instant()))
                .listener(new StepExecutionListener() {
                    @Override
                    public ExitStatus afterStep(StepExecution stepExecution) {
                        // only a complete listing says which accounts are gone
                        if (stepExecution.getStatus() == BatchStatus.COMPLETED) {
                            accounts.markUnseenOutOfScope(run.id());
                        }
                        return null;
                    }
                })
                .build();
    }

    @Bean
    Step discoverPrincipals(JobRepository jobRepository, Step discoverPrincipalsWorker, AccountStore accounts,
                            PrincipalProperties principals) {
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("discover-");
        executor.setVirtualThreads(true);
        executor.setConcurrencyLimit(principals.discoveryConcurrency());
        return new StepBuilder("discoverPrincipals", jobRepository)
                .partitioner("discoverPrincipalsWorker", perAccount(accounts))
                .step(discoverPrincipalsWorker)
                .taskExecutor(executor)
                .build();
    }

    @Bean
    Step discoverPrincipalsWorker(JobRepository jobRepository, IamPrincipalReader iamPrincipalReader,
                                  PrincipalListingListener principalListingListener, PrincipalStore principals,
                                  PrincipalProperties properties, Clock clock, CurrentRun run) {
        return new StepBuilder("discoverPrincipalsWorker", jobRepository)
                .<DiscoveredPrincipal, DiscoveredPrincipal>chunk(properties.pageSize())
                .transactionManager(noDatabaseTransaction)
                .reader(iamPrincipalReader)
                .writer(chunk -> principals.upsert(chunk.getItems(), run.id(), clock.instant()))
                .listener(principalListingListener)
                .build();
    }

    @Bean
    @StepScope
    IamPrincipalReader iamPrincipalReader(@Value("#{stepExecutionContext['accountId']}") String accountId,
                                          AwsClients clients, PrincipalProperties properties) {
        return new IamPrincipalReader(new AwsIamPrincipals(clients, properties.pageSize()), accountId, properties);
    }

    @Bean
    @StepScope
    PrincipalListingListener principalListingListener(@Value("#{stepExecutionContext['accountId']}") String accountId,
                                                      AccountStore accounts, PrincipalStore principals, Clock clock, CurrentRun run) {
        return new PrincipalListingListener(accountId, accounts, principals, clock, run.id());
    }

    @Bean
    Step generate(JobRepository jobRepository, Step generateWorker, AccountStore accounts, GenerationProperties generation,
                  AwsProperties aws) {
        // Every account waits on its own generation at once: virtual threads make 5,000 waiting accounts cheap.
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("generate-");
        executor.setVirtualThreads(true);
        return new StepBuilder("generate", jobRepository)
                .partitioner("generateWorker", perAccountAndRegion(accounts, generation, aws))
                .step(generateWorker)
                .taskExecutor(executor)
                .build();
    }

    @Bean
    Step generateWorker(JobRepository jobRepository, GenerationTasklet generationTasklet) {
        return new StepBuilder("generateWorker", jobRepository)
                .tasklet(generationTasklet, noDatabaseTransaction)
                .build();
    }

    @Bean
    @StepScope
    GenerationTasklet generationTasklet(@Value("#{stepExecutionContext['accountId']}") String accountId,
                                        @Value("#{stepExecutionContext['region']}") String region,
                                        AwsClients clients, GenerationStore store, GenerationProperties properties,
                                        DurationEstimator estimator, Clock clock, RunControl control, CurrentRun run) {
        return new GenerationTasklet(accountId, region, clients, store, properties, estimator, clock, control, run);
    }

    private static Partitioner perAccount(AccountStore accounts) {
        return gridSize -> {
            Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
            for (String accountId : accounts.workableAccounts()) {
                ExecutionContext context = new ExecutionContext();
                context.putString(ACCOUNT_ID, accountId);
                partitions.put("account-" + accountId, context);
            }
            return partitions;
        };
    }

    private static Partitioner perAccountAndRegion(AccountStore accounts, GenerationProperties generation, AwsProperties aws) {
        return gridSize -> {
            Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
            for (String accountId : accounts.enterableAccounts()) {
                for (String region : generation.regionsOr(aws.region())) {
                    ExecutionContext context = new ExecutionContext();
                    context.putString(ACCOUNT_ID, accountId);
                    context.putString(REGION, region);
                    partitions.put("account-" + accountId + "-" + region, context);
                }
            }
            return partitions;
        };
    }
}
