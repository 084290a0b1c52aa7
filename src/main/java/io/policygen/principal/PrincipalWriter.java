package io.policygen.principal;

import java.time.Clock;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/** Upserts a page of an account's principals in one batched statement; a principal seen again is no longer deleted. */
public class PrincipalWriter implements ItemWriter<DiscoveredPrincipal> {

    private final PrincipalStore principals;
    private final long runId;
    private final Clock clock;

    public PrincipalWriter(PrincipalStore principals, long runId, Clock clock) {
        this.principals = principals;
        this.runId = runId;
        this.clock = clock;
    }

    @Override
    public void write(Chunk<? extends DiscoveredPrincipal> chunk) {
        principals.upsert(chunk.getItems(), runId, clock.instant());
    }
}
