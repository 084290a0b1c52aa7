package io.policygen.organization;

import java.time.Clock;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/** Upserts a page of listed accounts, marking each in or out of scope by the include / exclude lists. */
public class AccountWriter implements ItemWriter<OrgAccount> {

    private final AccountStore accounts;
    private final OrganizationProperties scope;
    private final long runId;
    private final Clock clock;

    public AccountWriter(AccountStore accounts, OrganizationProperties scope, long runId, Clock clock) {
        this.accounts = accounts;
        this.scope = scope;
        this.runId = runId;
        this.clock = clock;
    }

    @Override
    public void write(Chunk<? extends OrgAccount> chunk) {
        accounts.upsert(chunk.getItems(), scope, runId, clock.instant());
    }
}
