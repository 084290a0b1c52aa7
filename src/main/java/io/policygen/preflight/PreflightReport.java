package io.policygen.preflight;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * What {@code policygen check} found: every problem on one line with its fix, and a summary.
 *
 * @param caller          who policygen runs as; null when the credentials did not work
 * @param accountsListed  accounts Organizations listed (under the configured OUs, if any)
 * @param accountsInScope of those, the ACTIVE ones the include / exclude lists let in
 * @param sample          0 when every account in scope was checked, else the sample size asked for
 * @param checkedAccounts the accounts checked, by id
 * @param trails          the configured trails as CloudTrail describes them
 * @param estimate        the log files a generation would read with the configured window
 * @param problems        the organization's first, then by account
 * @param counts          checks passed, failed and not made, per kind
 */
public record PreflightReport(Caller caller, int accountsListed, int accountsInScope, int sample,
                              List<String> checkedAccounts, List<TrailFacts> trails, LogFileEstimate estimate,
                              List<Problem> problems, List<CheckCount> counts) {

    /** design.md "Exit codes": all is well. */
    public static final int ALL_WELL = 0;
    /** design.md "Exit codes": the setup needs fixing; running will not help until it is. */
    public static final int NEEDS_FIXING = 5;

    /** The identity policygen's credentials resolve to (STS GetCallerIdentity). */
    public record Caller(String accountId, String arn) {
    }

    public PreflightReport {
        checkedAccounts = List.copyOf(checkedAccounts);
        trails = List.copyOf(trails);
        problems = List.copyOf(problems);
        counts = List.copyOf(counts);
    }

    public int exitCode() {
        return problems.isEmpty() ? ALL_WELL : NEEDS_FIXING;
    }

    public CheckCount count(CheckKind kind) {
        return counts.stream().filter(count -> count.kind() == kind).findFirst().orElseThrow();
    }

    /** The summary, the problems and the table of checks, as the command prints them. */
    public void print(Appendable out) {
        try {
            new ReportPrinter(this, out).print();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
