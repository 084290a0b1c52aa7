package io.policygen.job;

import io.policygen.generation.SlotId;
import io.policygen.log.LogEvent;
import io.policygen.organization.AccountStore;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    private final Supplier<List<SlotId>> leftOpen;

    private AccountPartitioner(String step, Supplier<List<String>> accounts, List<String> regions, Supplier<List<SlotId>> leftOpen) {
        this.step = step;
        this.accounts = accounts;
        this.regions = regions;
        this.leftOpen = leftOpen;
    }

    /** Every workable account (in scope, ACTIVE): discovery's partitions. */
    static AccountPartitioner perAccount(AccountStore store) {
        return new AccountPartitioner("discoverPrincipals", store::workableAccounts, List.of(), List::of);
    }

    /** Every workable account: the computeGaps step's partitions, one account's principals' gaps each. */
    static AccountPartitioner perAccountForGaps(AccountStore store) {
        return new AccountPartitioner("computeGaps", store::workableAccounts, List.of(), List::of);
    }

    /**
     * Every account discovery could enter, in every generation Region: the generate step's partitions; and, in such an
     * account, every Region left out of the list since requests were made there that are still open ({@code leftOpen}),
     * whose slot settles them and starts nothing.
     */
    static AccountPartitioner perAccountAndRegion(AccountStore store, List<String> regions, Supplier<List<SlotId>> leftOpen) {
        return new AccountPartitioner("generate", store::enterableAccounts, regions, leftOpen);
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        List<String> accountIds = accounts.get();
        for (String accountId : accountIds) {
            if (regions.isEmpty()) {
                partitions.put("account-" + accountId, context(accountId, null));
            }
            for (String region : regions) {
                partitions.put("account-" + accountId + "-" + region, context(accountId, region));
            }
        }
        Set<String> enterable = new HashSet<>(accountIds);
        int settling = 0;
        for (SlotId open : leftOpen.get()) {
            if (!regions.isEmpty() && !regions.contains(open.region()) && enterable.contains(open.accountId())) {
                partitions.put("account-" + open.accountId() + "-" + open.region(), context(open.accountId(), open.region()));
                settling++;
            }
        }
        if (settling > 0) {
            LogEvent.warn(log, "settling-outside-regions").with("slots", settling)
                    .quoted("detail", "requests are still open in Regions no longer in policygen.generation.regions: their"
                            + " slots settle them and start nothing").log();
        }
        LogEvent.info(log, "partitions-created").with("step", step).with("partitions", partitions.size()).log();
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
