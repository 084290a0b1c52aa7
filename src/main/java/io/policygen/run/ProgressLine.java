package io.policygen.run;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A progress line at a fixed interval while a run lasts: accounts done, generations started and finished, rate,
 * and the time left for this run's planned generations at that rate.
 */
public final class ProgressLine implements AutoCloseable {

    private final CurrentRun run;
    private final PrintStream out;
    private final boolean sameLine;
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService timer;

    private ProgressLine(CurrentRun run, PrintStream out, boolean sameLine, Duration interval) {
        this.run = run;
        this.out = out;
        this.sameLine = sameLine;
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("progress").factory());
        timer.scheduleAtFixedRate(this::print, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Prints a line at each interval; {@code sameLine} rewrites one terminal line instead (the demo). */
    public static ProgressLine start(CurrentRun run, PrintStream out, Duration interval, boolean sameLine) {
        return new ProgressLine(run, out, sameLine, interval);
    }

    String line() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        long finished = run.generationsSucceeded() + run.generationsFailed();
        double rate = seconds > 0 ? finished / seconds : 0;
        long left = Math.max(0, run.generationsPlanned() - finished);
        String eta = rate > 0 ? format(Duration.ofSeconds((long) (left / rate))) : "?";
        return String.format("progress: accounts %d/%d done, generations started %d, finished %d (%d failed), %.1f/s, ETA %s",
                run.slotsEnded(), run.slotsStarted(), run.generationsStarted(), finished, run.generationsFailed(), rate, eta);
    }

    private void print() {
        if (sameLine) {
            out.print("\r" + line() + "   ");
        } else {
            out.println(line());
        }
        out.flush();
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
