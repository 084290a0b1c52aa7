package io.policygen.organization;

import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Streams the organization's accounts. It keeps no position: listing accounts is cheap and the writer's upserts
 * are idempotent, so a restarted step simply lists again.
 */
public class AccountReader implements ItemStreamReader<OrgAccount> {

    private final OrganizationAccounts organization;
    private final List<String> ouIds;
    private Stream<OrgAccount> stream;
    private Iterator<OrgAccount> accounts;

    public AccountReader(OrganizationAccounts organization, List<String> ouIds) {
        this.organization = organization;
        this.ouIds = ouIds;
    }

    @Override
    public void open(ExecutionContext executionContext) {
        stream = organization.accounts(ouIds);
        accounts = stream.iterator();
    }

    @Override
    public OrgAccount read() {
        return accounts.hasNext() ? accounts.next() : null;
    }

    @Override
    public void close() {
        if (stream != null) {
            stream.close();
        }
    }
}
