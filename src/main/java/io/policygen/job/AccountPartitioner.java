package io.policygen.job;

import io.policygen.generation.SlotId;
import io.policygen.generation.SlotScope;
import io.policygen.log.LogEvent;
import io.policygen.organization.AccountStore;
import io.policygen.organization.EnterableAccounts;
import java.util.EnumMap;
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
    static final String SCOPE = "scope";

    private static final Logger log = LoggerFactory.getLogger(AccountPartitioner.class);

    private final String step;
    private final Supplier<EnterableAccounts> accounts;
    private final List<String> regions;
    private final Supplier<List<SlotId>> leftOpen;

    private AccountPartitioner(String step, Supplier<EnterableAccounts> accounts, List<String> regions, Supplier<List<SlotId>> leftOpen) {
        this.step = step;
        this.accounts = accounts;
        this.regions = regions;
        this.leftOpen = leftOpen;
    }

    /** Every workable account (in scope, ACTIVE): discovery's partitions. */
    static AccountPartitioner perAccount(AccountStore store) {
        return new AccountPartitioner("discoverPrincipals", () -> workable(store), List.of(), List::of);
    }

    /** Every workable account: the computeGaps step's partitions, one account's principals' gaps each. */
    static AccountPartitioner perAccountForGaps(AccountStore store) {
        return new AccountPartitioner("computeGaps", () -> workable(store), List.of(), List::of);
    }

    /**
     * Every account in scope discovery could enter, in every generation Region: the generate step's partitions; and,
     * where requests are still open ({@code leftOpen}), every Region left out of the list since they were made in such
     * an account and every Region of an enterable account the settings now leave out, whose slots settle them and
     * start nothing.
     */
    static AccountPartitioner perAccountAndRegion(Supplier<EnterableAccounts> accounts, List<String> regions,
                                                  Supplier<List<SlotId>> leftOpen) {
        return new AccountPartitioner("generate", accounts, regions, leftOpen);
    }

    private static EnterableAccounts workable(AccountStore store) {
        return new EnterableAccounts(store.workableAccounts(), List.of());
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        EnterableAccounts enterable = accounts.get();
        for (String accountId : enterable.inScope()) {
            if (regions.isEmpty()) {
                partitions.put("account-" + accountId, context(accountId, null));
            }
            for (String region : regions) {
                partitions.put("account-" + accountId + "-" + region, context(accountId, region));
            }
        }
        List<SlotId> open = leftOpen.get();
        if (!open.isEmpty()) {
            Set<String> inScope = new HashSet<>(enterable.inScope());
            Set<String> leftOut = new HashSet<>(enterable.leftOut());
            Map<SlotScope, Integer> settling = new EnumMap<>(SlotScope.class);
            for (SlotId slot : open) {
                SlotScope scope = leftOut.contains(slot.accountId()) ? SlotScope.ACCOUNT_LEFT_OUT
                        : inScope.contains(slot.accountId()) && !regions.contains(slot.region()) ? SlotScope.REGION_LEFT_OUT : null;
                if (scope != null) {
                    ExecutionContext context = context(slot.accountId(), slot.region());
                    context.putString(SCOPE, scope.name());
                    partitions.put("account-" + slot.accountId() + "-" + slot.region(), context);
                    settling.merge(scope, 1, Integer::sum);
                }
            }
            logSettling(settling.getOrDefault(SlotScope.REGION_LEFT_OUT, 0), "settling-outside-regions",
                    "requests are still open in Regions no longer in policygen.generation.regions: their slots settle them and"
                            + " start nothing");
            logSettling(settling.getOrDefault(SlotScope.ACCOUNT_LEFT_OUT, 0), "settling-outside-scope",
                    "requests are still open in accounts the settings now leave out: their slots read the generations AWS"
                            + " holds and send nothing");
        }
        LogEvent.info(log, "partitions-created").with("step", step).with("partitions", partitions.size()).log();
        return partitions;
    }

    private static void logSettling(int slots, String event, String detail) {
        if (slots > 0) {
            LogEvent.warn(log, event).with("slots", slots).quoted("detail", detail).log();
        }
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
