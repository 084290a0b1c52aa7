package io.policygen.run;

import java.time.Instant;

/**
 * What the finished runs say, as an operator's alerts need it: the exit code of the last one, when a run last
 * succeeded (exit 0 or 3: a quota stop is a normal night), and how many runs in a row failed (exit 1, killed runs
 * included). Read from the {@code run} table, never counted in memory, so that every process agrees.
 *
 * @param lastExitCode the last finished run's exit code, or null before any finished
 * @param lastSuccessAt the end of the last run that exited 0 or 3; before any did, the start of the first run, so
 *                      that "no success for 36 hours" also holds for a job that never succeeded
 * @param failuresInARow finished runs since the last one that did not exit 1
 */
public record RunHistory(Integer lastExitCode, Instant lastSuccessAt, int failuresInARow) {

    public static final RunHistory NONE = new RunHistory(null, null, 0);
}
