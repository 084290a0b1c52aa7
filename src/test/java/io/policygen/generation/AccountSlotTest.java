package io.policygen.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AccountSlotTest {

    private static final Instant OPENED = Instant.parse("2026-12-01T02:00:00Z");

    private final AccountSlot slot = new AccountSlot(new SlotId("111122223333", "us-east-1"), 2, OPENED, 0);

    @Test
    void shouldCountAsBusyOnlyTheTimeAGenerationRanWhileTheSlotWasOpen() {
        slot.countBusy(OPENED.minus(Duration.ofHours(1)), OPENED.plusSeconds(30));
        slot.countBusy(OPENED.plusSeconds(60), OPENED.plusSeconds(120));
        slot.countBusy(OPENED.minus(Duration.ofHours(2)), OPENED.minus(Duration.ofHours(1)));

        assertThat(slot.busy()).as("30 s of the earlier run's, 60 s of its own, none of one that ended before").isEqualTo(Duration.ofSeconds(90));
    }
}
