package io.policygen.generation;

import java.time.Clock;
import java.time.Instant;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * The throttled writer: for each due principal, commits a request with a new clientToken, calls
 * StartPolicyGeneration and follows the generation to its end before the next (one generation in progress per
 * account and Region). Chunks of one: each principal's outcome is committed before the next is started.
 */
public class GenerationWriter implements ItemWriter<DuePrincipal> {

    private final AccountSlot slot;
    private final GenerationStore store;
    private final GenerationSettler settler;
    private final GenerationProperties properties;
    private final Clock clock;

    GenerationWriter(AccountSlot slot, GenerationStore store, GenerationSettler settler, GenerationProperties properties, Clock clock) {
        this.slot = slot;
        this.store = store;
        this.settler = settler;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void write(Chunk<? extends DuePrincipal> principals) throws InterruptedException {
        for (DuePrincipal principal : principals) {
            if (slot.stopped()) {
                return;
            }
            OpenGeneration request = store.insertPending(principal, slot.id(), requestFor(principal), slot.runId(), clock.instant());
            settler.settle(slot, request);
        }
    }

    private GenerationRequest requestFor(DuePrincipal principal) {
        Instant end = clock.instant();
        return new GenerationRequest(principal.principalArn(), properties.trails(),
                properties.accessRoleArn(slot.id().accountId()), end.minus(properties.lookback()), end);
    }
}
