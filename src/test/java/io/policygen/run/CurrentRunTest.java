package io.policygen.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.policygen.generation.GenerationEvents;
import io.policygen.generation.SlotId;
import org.junit.jupiter.api.Test;

class CurrentRunTest {

    private final SlotId slot = new SlotId("111122223333", "us-east-1");

    @Test
    void shouldCountALostResultApartFromTheFailedAsReportRunsDoes() {
        CurrentRun run = new CurrentRun(() -> 0L);
        run.slotOpened(slot);
        for (String status : new String[] {"SUCCEEDED", "FAILED", "CANCELED", GenerationEvents.LOST}) {
            run.started(slot);
            run.finished(slot, status, true);
        }
        run.finished(slot, GenerationEvents.LOST, false);

        assertThat(run.generationsStarted()).isEqualTo(4);
        assertThat(run.generationsSucceeded()).isOne();
        assertThat(run.generationsFailed()).isEqualTo(2);
        assertThat(run.generationsLost()).isOne();
        assertThat(run.generationsSettledFromEarlierRuns()).isOne();
    }
}
