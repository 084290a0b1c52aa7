package io.policygen.preflight;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/** Prints a {@link PreflightReport}: the summary, one line per problem, the table of checks, the outcome. */
final class ReportPrinter {

    private static final String ROW = "  %-12s  %s%n";

    private final PreflightReport report;
    private final Appendable out;

    ReportPrinter(PreflightReport report, Appendable out) {
        this.report = report;
        this.out = out;
    }

    void print() throws IOException {
        line("policygen check: what a run needs, read without starting any policy generation%n");
        if (report.caller() != null) {
            row("caller", report.caller().arn() + " (account " + report.caller().accountId() + ")");
            row("accounts", report.accountsListed() + " listed, " + report.accountsInScope() + " ACTIVE in scope, "
                    + report.checkedAccounts().size() + " checked" + (report.sample() == 0 ? ""
                    : " (a sample: the account policygen runs in and the first " + report.sample() + " others by id)"));
        }
        for (TrailFacts trail : report.trails()) {
            row("trail", trail.describe());
        }
        estimate(report.estimate());
        row("not checked", "the trail bucket's policy and its KMS key policy, which policygen cannot read: see "
                + "config/iam/README.md#trail-bucket-policy; the size of the log files (a generation may read 25 GB),"
                + " which only the bucket holds: a run learns a smaller window where it is over");
        List<Problem> problems = report.problems();
        line("%n%s%n", problems.isEmpty() ? "No problems." : problems.size() + (problems.size() == 1 ? " problem:" : " problems:"));
        for (Problem problem : problems) {
            line("  %s%n", problem.line());
        }
        line("%n  %-12s  %6s  %6s  %11s%n", "check", "passed", "failed", "not checked");
        for (CheckCount count : report.counts()) {
            line("  %-12s  %6d  %6d  %11d%n", count.kind().label(), count.passed(), count.failed(), count.notChecked());
        }
        line("%n%s%n", report.exitCode() == PreflightReport.ALL_WELL
                ? "Exit 0: the setup is ready for a run. No policy generation was started."
                : "Exit " + report.exitCode() + ": fix the problems above; until then a run spends quota where it "
                + "cannot generate. No policy generation was started.");
    }

    private void estimate(LogFileEstimate estimate) throws IOException {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%,d of the %,d a generation may read "
                        + "(an estimate: %d days x %d Region%s x %d files per Region and day",
                estimate.files(), LogFileEstimate.LIMIT, estimate.days(), estimate.regions(),
                estimate.regions() == 1 ? "" : "s", LogFileEstimate.FILES_PER_REGION_DAY));
        for (int i = 0; i < estimate.trails().size(); i++) {
            text.append("; trails[").append(i).append("] ").append(estimate.trails().get(i).basis());
        }
        text.append(")");
        if (estimate.assumed() && estimate.fits()) {
            text.append(String.format(Locale.ROOT, "; accounts active in more Regions read more: at most %d Regions "
                    + "fit in %d days", estimate.largestRegionsThatFit(), estimate.days()));
        }
        row("log files", text.toString());
    }

    private void row(String name, String value) throws IOException {
        line(ROW, name, value);
    }

    private void line(String format, Object... args) throws IOException {
        out.append(String.format(Locale.ROOT, format, args));
    }
}
