package io.policygen.gap;

import io.policygen.log.LogEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/** The end of {@code computeGaps}: the gaps of principals gone since are removed, and the step's count logged. */
public class GapsPrunedListener implements StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(GapsPrunedListener.class);

    private final GapStore gaps;

    public GapsPrunedListener(GapStore gaps) {
        this.gaps = gaps;
    }

    @Override
    public ExitStatus afterStep(StepExecution step) {
        int pruned = gaps.prune();
        LogEvent.info(log, "gaps-computed").with("principals", step.getWriteCount()).with("removed", pruned).log();
        return null;
    }
}
