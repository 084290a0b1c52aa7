package io.policygen.organization;

import io.policygen.batch.StepStop;
import java.util.Iterator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Streams the organization's accounts. It keeps no position: listing accounts is cheap and the writer's upserts
 * are idempotent, so a restarted step simply lists again. Asked to stop (SIGTERM), it ends the step STOPPED at once.
 */
public class AccountReader implements ItemStreamReader<OrgAccount> {

    private final OrganizationAccounts organization;
    private final List<String> ouIds;
    private final BooleanSupplier stopRequested;
    private Stream<OrgAccount> stream;
    private Iterator<OrgAccount> accounts;

    public AccountReader(OrganizationAccounts organization, List<String> ouIds, BooleanSupplier stopRequested) {
        this.organization = organization;
        this.ouIds = ouIds;
        this.stopRequested = stopRequested;
    }

    @Override
    public void open(ExecutionContext executionContext) {
        stream = organization.accounts(ouIds);
        accounts = stream.iterator();
    }

    @Override
    public OrgAccount read() {
        if (stopRequested.getAsBoolean()) {
            // a listing cut short: the accounts it did not return are not out of scope
            StepStop.stopCurrentStep();
            return null;
        }
        return accounts.hasNext() ? accounts.next() : null;
    }

    @Override
    public void close() {
        if (stream != null) {
            stream.close();
        }
    }
}
