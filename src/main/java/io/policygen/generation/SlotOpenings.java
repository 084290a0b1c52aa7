package io.policygen.generation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What every slot reads of its own past when it opens (the requests earlier runs left open, the generations started in
 * the last 24 hours, the CloudTrail window it learnt), read for all slots at once, in three statements, when the run's
 * first slot opens, instead of three statements for each of ten thousand slots. Safe to share: only a slot itself
 * changes these rows for its account and Region, and no slot has run before the first one opens.
 */
final class SlotOpenings {

    private static final Duration DAY = Duration.ofDays(1);

    private final Map<SlotId, List<OpenGeneration>> open;
    private final Map<SlotId, Integer> startedInTheLastDay;
    private final Map<SlotId, SlotStore.LearntWindow> windows;

    private SlotOpenings(Map<SlotId, List<OpenGeneration>> open, Map<SlotId, Integer> startedInTheLastDay,
                         Map<SlotId, SlotStore.LearntWindow> windows) {
        this.open = open;
        this.startedInTheLastDay = startedInTheLastDay;
        this.windows = windows;
    }

    static SlotOpenings read(GenerationStore generations, SlotStore slots, Instant now) {
        return new SlotOpenings(generations.openBySlot(), generations.startedSinceBySlot(now.minus(DAY)), slots.windowsBySlot());
    }

    /** The slot's requests without an outcome yet, oldest first. */
    List<OpenGeneration> open(SlotId slot) {
        return open.getOrDefault(slot, List.of());
    }

    /** The job's generations started (or sent, outcome unknown) in the slot in the 24 hours before the run's slots opened. */
    int startedInTheLastDay(SlotId slot) {
        return startedInTheLastDay.getOrDefault(slot, 0);
    }

    Optional<SlotStore.LearntWindow> window(SlotId slot) {
        return Optional.ofNullable(windows.get(slot));
    }
}
