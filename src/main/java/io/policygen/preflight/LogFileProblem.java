package io.policygen.preflight;

import java.util.Locale;

/** The problem line for a window over the log-file limit, with the largest lookback that fits. */
final class LogFileProblem {

    private LogFileProblem() {
    }

    static Problem of(LogFileEstimate estimate) {
        String what = String.format(Locale.ROOT, "a generation would read about %,d CloudTrail log files (an estimate: "
                        + "%d days x %d Region%s x %d files per Region and day), over the %,d it may read: it would be "
                        + "accepted, then fail, and still count against the account's daily quota",
                estimate.files(), estimate.days(), estimate.regions(), estimate.regions() == 1 ? "" : "s",
                LogFileEstimate.FILES_PER_REGION_DAY, LogFileEstimate.LIMIT);
        long fits = estimate.largestDaysThatFit();
        String fix = fits == 0
                ? "list fewer Regions in policygen.generation.trails[].regions: not even one day of these fits"
                : "set policygen.generation.lookback to P" + fits + "D or less (the largest that fits), or list fewer "
                        + "Regions in policygen.generation.trails[].regions";
        return new Problem(CheckKind.LOG_FILES, null, "policygen.generation.lookback", what, fix);
    }
}
