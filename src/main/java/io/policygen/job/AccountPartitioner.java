package io.policygen.job;

import io.policygen.organization.AccountStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * One partition per account (discovery) or per account and generation Region (generation): AWS's quotas and rates
 * are per account, so accounts are worked in parallel, each on its own. Partition names are restart keys.
 */
final class AccountPartitioner implements Partitioner {

    static final String ACCOUNT_ID = "accountId";
    static final String REGION = "region";

    private static final Logger log = LoggerFactory.getLogger(AccountPartitioner.class);

    private final String step;
    private final Supplier<List<String>> accounts;
    private final List<String> regions;

    private AccountPartitioner(String step, Supplier<List<String>> accounts, List<String> regions) {
        this.step = step;
        this.accounts = accounts;
        this.regions = regions;
    }

    /** Every workable account (in scope, ACTIVE): discovery's partitions. */
    static AccountPartitioner perAccount(AccountStore store) {
        return new AccountPartitioner("discoverPrincipals", store::workableAccounts, List.of());
    }

    /** Every account discovery could enter, in every generation Region: the generate step's partitions. */
    static AccountPartitioner perAccountAndRegion(AccountStore store, List<String> regions) {
        return new AccountPartitioner("generate", store::enterableAccounts, regions);
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        for (String accountId : accounts.get()) {
            if (regions.isEmpty()) {
                partitions.put("account-" + accountId, context(accountId, null));
            }
            for (String region : regions) {
                partitions.put("account-" + accountId + "-" + region, context(accountId, region));
            }
        }
        log.info("event=partitions-created step={} partitions={}", step, partitions.size());
        return partitions;
    }

    private static ExecutionContext context(String accountId, String region) {
        ExecutionContext context = new ExecutionContext();
        context.putString(ACCOUNT_ID, accountId);
        if (region != null) {
            context.putString(REGION, region);
        }
        return context;
    }
}
