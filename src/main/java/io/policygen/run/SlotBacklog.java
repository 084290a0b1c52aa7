package io.policygen.run;

import io.policygen.generation.SlotId;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each open slot still plans to start, and how fast slots go through generations: a slot works one generation
 * at a time, so the run ends no sooner than its largest backlog allows, whatever the overall rate says.
 */
final class SlotBacklog {

    private static final class Slot {
        final long openedNanos;
        int planned;
        int finished;

        Slot(long openedNanos) {
            this.openedNanos = openedNanos;
        }
    }

    private final Map<SlotId, Slot> open = new ConcurrentHashMap<>();
    private long endedSlotNanos;
    private long endedSlotGenerations;

    void opened(SlotId slot, long nanos) {
        open.put(slot, new Slot(nanos));
    }

    void planned(SlotId slot, int generations) {
        Slot state = open.get(slot);
        if (state != null) {
            synchronized (state) {
                state.planned += generations;
            }
        }
    }

    void finished(SlotId slot) {
        Slot state = open.get(slot);
        if (state != null) {
            synchronized (state) {
                state.finished++;
            }
        }
    }

    synchronized void ended(SlotId slot, long nanos) {
        Slot state = open.remove(slot);
        if (state != null && state.finished > 0) {
            endedSlotNanos += nanos - state.openedNanos;
            endedSlotGenerations += state.finished;
        }
    }

    /**
     * The time the busiest open slot still needs: its planned generations not yet finished, at the time a slot has
     * taken per generation so far in this run. Null while no generation has finished.
     */
    synchronized Duration longestRemaining(long nowNanos) {
        long slotNanos = endedSlotNanos;
        long generations = endedSlotGenerations;
        int mostLeft = 0;
        for (Slot state : open.values()) {
            synchronized (state) {
                if (state.finished > 0) {
                    slotNanos += nowNanos - state.openedNanos;
                    generations += state.finished;
                }
                mostLeft = Math.max(mostLeft, state.planned - state.finished);
            }
        }
        return generations == 0 ? null : Duration.ofNanos(slotNanos / generations * mostLeft);
    }
}
