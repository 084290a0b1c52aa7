package io.policygen.generation;

import io.policygen.time.TimeSource;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * The slot's opening and closing. Opening settles what earlier runs left open in the account and Region (their
 * jobs may still hold the slot), before the reader counts the budget. Closing records why the slot stopped (the
 * deferral the reports show) or that it is done, tells the run, and ends the step with the outcome as exit status.
 */
public class AccountSlotListener implements StepExecutionListener {

    private final AccountSlot slot;
    private final SlotRecords records;
    private final GenerationSettler settler;
    private final CloudTrailWindow window;
    private final SetupGate gate;
    private final SlotControl control;
    private final TimeSource time;
    private final GenerationEvents events;
    private final Supplier<SlotOpenings> openings;

    AccountSlotListener(AccountSlot slot, Supplier<SlotOpenings> openings, SlotRecords records, GenerationSettler settler,
                        CloudTrailWindow window, SetupGate gate, SlotControl control, TimeSource time, GenerationEvents events) {
        this.slot = slot;
        this.openings = openings;
        this.records = records;
        this.settler = settler;
        this.window = window;
        this.gate = gate;
        this.control = control;
        this.time = time;
        this.events = events;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        slot.attach(stepExecution);
        events.slotOpened(slot.id());
        SlotOpenings past = openings.get();
        window.load(slot, past);
        try {
            for (OpenGeneration open : past.open(slot.id())) {
                if (slot.stopped()) {
                    return;
                }
                // on a smaller window the principal stays due: the writer asks for it again
                window.settled(slot, open.request(), settler.settle(slot, open));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            slot.stop(SlotOutcome.STOPPED, "interrupted");
        }
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        stepExecution.getFailureExceptions().stream()
                .filter(DataAccessResourceFailureException.class::isInstance)
                .findFirst()
                // Without its database the run cannot record anything: every slot stops starting generations now.
                .ifPresent(e -> control.requestStop("the database is unreachable: "
                        + ((DataAccessResourceFailureException) e).getMostSpecificCause().getMessage()));
        SlotOutcome outcome = slot.outcome();
        gate.slotEnded(slot, slot.hadOutcome());
        if (stepExecution.getFailureExceptions().isEmpty()) {
            records.record(slot);
        }
        events.slotEnded(slot.id(), outcome, Duration.ofNanos(time.ticker().nanos() - slot.openedNanos()), slot.busy());
        return new ExitStatus(outcome.name(), slot.stopReason() == null ? "" : slot.stopReason());
    }
}
