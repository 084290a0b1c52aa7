package io.policygen.generation;

import java.time.Clock;
import java.util.Optional;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * The throttled writer: for each due principal, commits a request with a new clientToken, calls
 * StartPolicyGeneration and follows the generation to its end before the next (one generation in progress per
 * account and Region). Chunks of one: each principal's outcome is committed before the next is started. Before the
 * slot's first start it waits at the {@link SetupGate} while the organization's setup is unproven; a generation over
 * the CloudTrail limits (log files, data size) is asked for again on a smaller window.
 */
public class GenerationWriter implements ItemWriter<DuePrincipal> {

    private final AccountSlot slot;
    private final GenerationStore store;
    private final GenerationSettler settler;
    private final CloudTrailWindow window;
    private final SetupGate gate;
    private final SlotControl control;
    private final Clock clock;

    GenerationWriter(AccountSlot slot, GenerationStore store, GenerationSettler settler, CloudTrailWindow window, SetupGate gate,
                     SlotControl control, Clock clock) {
        this.slot = slot;
        this.store = store;
        this.settler = settler;
        this.window = window;
        this.gate = gate;
        this.control = control;
        this.clock = clock;
    }

    @Override
    public void write(Chunk<? extends DuePrincipal> principals) throws InterruptedException {
        for (DuePrincipal principal : principals) {
            if (slot.stopped() || !gate.awaitClearance(slot, control)) {
                return;
            }
            Optional<OpenGeneration> request = claim(principal);
            while (request.isPresent() && window.settled(slot, request.get().request(), settler.settle(slot, request.get()))
                    && !slot.stopped()) {
                request = claim(principal);
            }
        }
    }

    /** The principal's new request, unless another Region's slot claimed it first. */
    private Optional<OpenGeneration> claim(DuePrincipal principal) {
        return store.insertPending(principal, slot.id(), window.request(slot, principal, clock.instant()), slot.runId(), clock.instant());
    }
}
