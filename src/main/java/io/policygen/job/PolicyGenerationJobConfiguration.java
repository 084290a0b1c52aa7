package io.policygen.job;

import io.policygen.aws.AskAgain;
import io.policygen.aws.AwsClients;
import io.policygen.aws.AwsProperties;
import io.policygen.generation.AccountSlotListener;
import io.policygen.generation.DuePrincipal;
import io.policygen.generation.DuePrincipalReader;
import io.policygen.generation.GenerationProperties;
import io.policygen.generation.GenerationSlot;
import io.policygen.generation.GenerationSlots;
import io.policygen.generation.GenerationStore;
import io.policygen.generation.GenerationWriter;
import io.policygen.generation.SlotId;
import io.policygen.generation.SlotScope;
import io.policygen.organization.AccountListingListener;
import io.policygen.organization.AccountReader;
import io.policygen.organization.AccountStore;
import io.policygen.organization.AccountWriter;
import io.policygen.organization.AwsOrganizationPages;
import io.policygen.organization.OrgAccount;
import io.policygen.organization.OrganizationProperties;
import io.policygen.principal.AwsIamPrincipals;
import io.policygen.principal.CatalogStore;
import io.policygen.principal.EligibilityRules;
import io.policygen.principal.IamItem;
import io.policygen.principal.IamPrincipalReader;
import io.policygen.principal.PrincipalProperties;
import io.policygen.principal.PrincipalStore;
import io.policygen.principal.PrincipalWriter;
import io.policygen.run.CurrentRun;
import io.policygen.run.RunControl;
import java.time.Clock;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code policyGenerationJob}: discoverAccounts, then discoverPrincipals and generate, both partitioned per account
 * (generate per account and Region), then computeGaps ({@link GapStepConfiguration}). Bean, step and partition names are the keys restart uses in the batch tables:
 * don't rename them.
 * <p>
 * The steps' own transaction manager is resourceless: readers and writers call AWS, and a database transaction
 * (and its connection) must never stay open while AWS is waited on. The stores run each statement in a transaction
 * of their own ({@link io.policygen.store.OwnTransaction}), which releases its connection at once.
 */
@Configuration(proxyBeanMethods = false)
public class PolicyGenerationJobConfiguration {

    private static final String ACCOUNT_ID = "#{stepExecutionContext['" + AccountPartitioner.ACCOUNT_ID + "']}";
    private static final String REGION = "#{stepExecutionContext['" + AccountPartitioner.REGION + "']}";
    private static final String SCOPE = "#{stepExecutionContext['" + AccountPartitioner.SCOPE + "']}";

    private final PlatformTransactionManager noDatabaseTransaction = new ResourcelessTransactionManager();

    @Bean
    Job policyGenerationJob(JobRepository jobRepository, Step discoverAccounts, Step discoverPrincipals, Step generate,
                            Step computeGaps) {
        return new JobBuilder("policyGenerationJob", jobRepository)
                .start(discoverAccounts)
                .next(discoverPrincipals)
                .next(generate)
                .next(computeGaps) // GapStepConfiguration
                .build();
    }

    // discoverAccounts: the organization's accounts, page by page

    @Bean
    Step discoverAccounts(JobRepository jobRepository, AccountReader accountReader, AccountWriter accountWriter,
                          AccountListingListener accountListingListener) {
        return new StepBuilder("discoverAccounts", jobRepository)
                .<OrgAccount, OrgAccount>chunk(100)
                .transactionManager(noDatabaseTransaction)
                .reader(accountReader)
                .writer(accountWriter)
                .listener(accountListingListener)
                // a restart (up to restart-within later) lists the accounts again: one suspended or closed since is
                // left, not refused AssumeRole and taken for a member role to fix; the principals keep their listing
                .allowStartIfComplete(true)
                .build();
    }

    @Bean
    @StepScope
    AccountReader accountReader(AwsClients clients, OrganizationProperties organization, RunControl control) {
        return new AccountReader(new AwsOrganizationPages(clients.organizations()), organization.ouIds(),
                new AskAgain("organization-listing-asked-again", null, control::stopRequested, control, organization.listingRetryAfter()));
    }

    @Bean
    @StepScope
    AccountWriter accountWriter(AccountStore accounts, OrganizationProperties organization, CurrentRun run, Clock clock) {
        return new AccountWriter(accounts, organization, run.id(), clock);
    }

    @Bean
    @StepScope
    AccountListingListener accountListingListener(AccountStore accounts, CurrentRun run) {
        return new AccountListingListener(accounts, run.id());
    }

    // discoverPrincipals: each account's roles and users, accounts in parallel

    @Bean
    Step discoverPrincipals(JobRepository jobRepository, Step discoverPrincipalsWorker, AccountStore accounts,
                            PrincipalProperties principals) {
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("discover-");
        executor.setVirtualThreads(true);
        executor.setConcurrencyLimit(principals.discoveryConcurrency());
        return new StepBuilder("discoverPrincipals", jobRepository)
                .partitioner("discoverPrincipalsWorker", AccountPartitioner.perAccount(accounts))
                .step(discoverPrincipalsWorker)
                .taskExecutor(executor)
                .build();
    }

    @Bean
    Step discoverPrincipalsWorker(JobRepository jobRepository, IamPrincipalReader iamPrincipalReader,
                                  PrincipalWriter principalWriter, PrincipalListingListener principalListingListener,
                                  PrincipalProperties properties) {
        return new StepBuilder("discoverPrincipalsWorker", jobRepository)
                .<IamItem, IamItem>chunk(properties.pageSize())
                .transactionManager(noDatabaseTransaction)
                .reader(iamPrincipalReader)
                .writer(principalWriter)
                .listener(principalListingListener)
                .build();
    }

    @Bean
    @StepScope
    IamPrincipalReader iamPrincipalReader(@Value(ACCOUNT_ID) String accountId, AwsClients clients, PrincipalProperties properties,
                                          GenerationProperties generation, Clock clock, RunControl control) {
        AwsIamPrincipals iam = new AwsIamPrincipals(clients, properties.pageSize(), control, properties.listingRetryAfter());
        return new IamPrincipalReader(iam, accountId, properties,
                new EligibilityRules(generation.lookback(), generation.minAge()), clock, control);
    }

    @Bean
    @StepScope
    PrincipalWriter principalWriter(@Value(ACCOUNT_ID) String accountId, PrincipalStore principals, CatalogStore catalog,
                                    CurrentRun run, Clock clock) {
        return new PrincipalWriter(accountId, principals, catalog, run.id(), clock);
    }

    @Bean
    @StepScope
    PrincipalListingListener principalListingListener(@Value(ACCOUNT_ID) String accountId, OrganizationProperties organization,
                                                      AccountStore accounts, PrincipalStore principals,
                                                      PrincipalWriter principalWriter, CatalogStore catalog, Clock clock,
                                                      CurrentRun run) {
        return new PrincipalListingListener(accountId, organization.memberRole().arn(accountId), accounts, principals,
                principalWriter, catalog, clock, run.id());
    }

    // generate: every account's slot in every generation Region, all at once

    @Bean
    Step generate(JobRepository jobRepository, Step generateWorker, AccountStore accounts, GenerationStore generations,
                  GenerationProperties generation, AwsProperties aws, CurrentRun run, GenerationSlots slots, Clock clock) {
        // Every slot waits on its own generation at once: virtual threads make 10,000 waiting slots cheap.
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("generate-");
        executor.setVirtualThreads(true);
        StrandedGenerations stranded = new StrandedGenerations(generations, accounts, clock, run);
        return new StepBuilder("generate", jobRepository)
                .partitioner("generateWorker", AccountPartitioner.perAccountAndRegion(() -> accounts.enterableAccounts(run.id()),
                        generation.regionsOr(aws.region()), generations::slotsWithOpenRequests))
                .step(generateWorker)
                .taskExecutor(executor)
                .listener(new StepExecutionListener() {
                    @Override
                    public void beforeStep(StepExecution stepExecution) {
                        stranded.recordLost(run.id());
                    }

                    @Override
                    public ExitStatus afterStep(StepExecution stepExecution) {
                        slots.allEnded();
                        return null;
                    }
                })
                .build();
    }

    /**
     * One account's slot in one Region: a reader of its due principals within the daily budget and the throttled
     * writer that starts each one's generation and follows it to its end, in chunks of one; the listener settles
     * what earlier runs left open before the reader counts the budget, and records how the slot ended.
     */
    @Bean
    Step generateWorker(JobRepository jobRepository, DuePrincipalReader duePrincipalReader, GenerationWriter generationWriter,
                        AccountSlotListener accountSlotListener) {
        return new StepBuilder("generateWorker", jobRepository)
                .<DuePrincipal, DuePrincipal>chunk(1)
                .transactionManager(noDatabaseTransaction)
                .reader(duePrincipalReader)
                .writer(generationWriter)
                .listener(accountSlotListener)
                .build();
    }

    /** The partition's slot, closed (its account's clients released) when the step ends. */
    @Bean
    @StepScope
    GenerationSlot generationSlot(@Value(ACCOUNT_ID) String accountId, @Value(REGION) String region, @Value(SCOPE) String scope,
                                  GenerationSlots slots, CurrentRun run, GenerationProperties generation, AwsProperties aws) {
        // only settle-only partitions carry a scope: the others (and a restarted run's stored before scopes were) are
        // a generation Region's slot, worked, or a Region left out of the list
        SlotScope slotScope = scope != null ? SlotScope.valueOf(scope)
                : generation.regionsOr(aws.region()).contains(region) ? SlotScope.WORKED : SlotScope.REGION_LEFT_OUT;
        return slots.open(new SlotId(accountId, region), run.id(), slotScope);
    }

    @Bean
    @StepScope
    DuePrincipalReader duePrincipalReader(GenerationSlot generationSlot) {
        return generationSlot.reader();
    }

    @Bean
    @StepScope
    GenerationWriter generationWriter(GenerationSlot generationSlot) {
        return generationSlot.writer();
    }

    @Bean
    @StepScope
    AccountSlotListener accountSlotListener(GenerationSlot generationSlot) {
        return generationSlot.listener();
    }
}
