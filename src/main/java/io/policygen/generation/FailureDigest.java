package io.policygen.generation;

import io.policygen.log.LogEvent;
import io.policygen.time.Ticker;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run's failed calls of one kind (looks at generations, listings), logged so that an Access Analyzer outage is a
 * few lines, not one a slot a look: ten thousand slots looking every few seconds wrote thousands of lines a second.
 * The first failure of a stretch is logged whole as it comes; then at most one summary an {@code interval} (slots
 * failing, failures since the last line, the latest detail and where); and one line at the first success once no
 * failure has come for a {@code quiet} while (shorter than the interval: a small run's outage ends with a line saying so
 * before the run does). A stretch still open when the run's slots end is closed then, saying whether the last call
 * answered, so that no outage ends unsaid. The failures are the slots' to retry; this only says so.
 */
final class FailureDigest {

    private static final Logger log = LoggerFactory.getLogger(FailureDigest.class);

    private final String event;
    private final Ticker ticker;
    private final long interval;
    private final long quiet;
    private final Set<SlotId> slots = new HashSet<>();
    /** Read without the lock by every success: most runs never fail, and their looks should not queue for it. */
    private volatile boolean open;
    private long startedAt;
    private long lastFailureAt;
    private long lastLineAt;
    private long lastAnsweredAt;
    private long failures;
    private long failuresSinceLine;

    FailureDigest(String event, Ticker ticker, Duration interval, Duration quiet) {
        this.event = event;
        this.ticker = ticker;
        this.interval = interval.toNanos();
        this.quiet = quiet.toNanos();
    }

    synchronized void failed(SlotId slot, String jobId, String detail) {
        long now = ticker.nanos();
        if (!open) {
            open = true;
            startedAt = now;
            lastLineAt = now;
            failures = 0;
            failuresSinceLine = 0;
            slots.clear();
            at(LogEvent.warn(log, event).with(slot), jobId).quoted("detail", detail).log();
        } else {
            failuresSinceLine++;
        }
        failures++;
        slots.add(slot);
        lastFailureAt = now;
        if (failuresSinceLine > 0 && now - lastLineAt >= interval) {
            at(LogEvent.warn(log, event + "-repeatedly").with("slots", slots.size()).with("failures", failuresSinceLine)
                    .with("seconds", seconds(now - startedAt)).with("latestAccount", slot.accountId())
                    .with("latestRegion", slot.region()), jobId).quoted("detail", detail).log();
            lastLineAt = now;
            failuresSinceLine = 0;
        }
    }

    void answered() {
        if (!open) {
            return;
        }
        synchronized (this) {
            long now = ticker.nanos();
            lastAnsweredAt = now;
            if (open && now - lastFailureAt >= quiet) {
                answeredAgain();
            }
        }
    }

    /** The run's slots have ended: a stretch still open is said to have ended, answered or not. */
    synchronized void ended() {
        if (!open) {
            return;
        }
        if (lastAnsweredAt > lastFailureAt) {
            answeredAgain();
        } else {
            LogEvent.warn(log, event + "-unanswered").with("slots", slots.size()).with("failures", failures)
                    .with("seconds", seconds(lastFailureAt - startedAt))
                    .quoted("detail", "the run's slots ended before a call of this kind answered again").log();
            open = false;
        }
    }

    private void answeredAgain() {
        LogEvent.info(log, event + "-answered-again").with("slots", slots.size()).with("failures", failures)
                .with("seconds", seconds(lastFailureAt - startedAt)).log();
        open = false;
    }

    private static LogEvent at(LogEvent line, String jobId) {
        return jobId == null ? line : line.with("jobId", jobId);
    }

    private static long seconds(long nanos) {
        return Duration.ofNanos(nanos).toSeconds();
    }
}
