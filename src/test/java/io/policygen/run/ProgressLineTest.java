package io.policygen.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.policygen.generation.GenerationEvents;
import io.policygen.generation.SlotId;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

    private final SlotId slot = new SlotId("111122223333", "us-east-1");
    private final AtomicLong nanos = new AtomicLong();

    @Test
    void shouldCountALostGenerationAsFinishedSoThatTheTimeLeftReachesZero() {
        CurrentRun run = new CurrentRun(nanos::get);
        run.slotOpened(slot);
        run.planned(slot, 3);
        for (String status : new String[] {"SUCCEEDED", "FAILED", GenerationEvents.LOST}) {
            run.started(slot);
            run.finished(slot, status, true);
        }
        nanos.set(Duration.ofSeconds(30).toNanos());

        try (ProgressLine progress = ProgressLine.start(run, nanos::get, new PrintStream(new ByteArrayOutputStream()),
                Duration.ofHours(1), false)) {
            nanos.set(Duration.ofSeconds(60).toNanos());
            assertThat(progress.line()).isEqualTo(
                    "progress: slots 0/1 done, generations started 3, finished 3 (1 failed, 1 lost), 0.1/s, ETA 0:00:00");
        }
    }
}
