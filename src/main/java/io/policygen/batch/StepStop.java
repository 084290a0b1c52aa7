package io.policygen.batch;

import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;

/** A reader's way to end the step it reads for as STOPPED rather than COMPLETED. */
public final class StepStop {

    private StepStop() {
    }

    /**
     * Marks the step being executed on this thread to end STOPPED once its reader has returned null: its listeners see
     * a listing cut short, not a complete one (nothing it did not list is taken for gone), and a restart runs it again.
     * Outside a step (a reader's unit test), nothing.
     */
    public static void stopCurrentStep() {
        StepContext step = StepSynchronizationManager.getContext();
        if (step != null) {
            step.getStepExecution().setTerminateOnly();
        }
    }
}
