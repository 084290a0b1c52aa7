package io.policygen.run;

import io.policygen.time.Ticker;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A progress line at a fixed interval while a run lasts: slots done, generations started and finished (this run's,
 * as the summary and {@code report_runs} count them), rate, and the time left: the longer of the planned generations
 * at the overall rate and the busiest slot's backlog at a slot's pace (a slot works one generation at a time, so the
 * few large accounts that stop at their daily quota set the run's end).
 */
public final class ProgressLine implements AutoCloseable {

    private final CurrentRun run;
    private final PrintStream out;
    private final boolean sameLine;
    private final Ticker ticker;
    private final long startNanos;
    private final ScheduledExecutorService timer;

    private ProgressLine(CurrentRun run, Ticker ticker, PrintStream out, boolean sameLine, Duration interval) {
        this.run = run;
        this.ticker = ticker;
        this.startNanos = ticker.nanos();
        this.out = out;
        this.sameLine = sameLine;
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("progress").factory());
        timer.scheduleAtFixedRate(this::print, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Prints a line at each interval; {@code sameLine} rewrites one terminal line instead (the demo). */
    public static ProgressLine start(CurrentRun run, Ticker ticker, PrintStream out, Duration interval, boolean sameLine) {
        return new ProgressLine(run, ticker, out, sameLine, interval);
    }

    String line() {
        double seconds = (ticker.nanos() - startNanos) / 1e9;
        long finished = run.generationsFinished();
        double rate = seconds > 0 ? finished / seconds : 0;
        long left = Math.max(0, run.generationsPlanned() - finished);
        Duration slotBound = run.longestSlotRemaining();
        String eta = rate > 0 && slotBound != null ? format(max(Duration.ofSeconds((long) (left / rate)), slotBound)) : "?";
        String lost = run.generationsLost() > 0 ? ", " + run.generationsLost() + " lost" : "";
        return String.format("progress: slots %d/%d done, generations started %d, finished %d (%d failed%s), %.1f/s, ETA %s",
                run.slotsEnded(), run.slotsStarted(), run.generationsStarted(), finished, run.generationsFailed(), lost, rate, eta);
    }

    private void print() {
        if (sameLine) {
            out.print("\r" + line() + "   ");
        } else {
            out.println(line());
        }
        out.flush();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String format(Duration duration) {
        return String.format("%d:%02d:%02d", duration.toHours(), duration.toMinutesPart(), duration.toSecondsPart());
    }

    @Override
    public void close() {
        timer.shutdownNow();
        if (sameLine) {
            out.println("\r" + line() + "   ");
        }
    }
}
