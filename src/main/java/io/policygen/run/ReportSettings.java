package io.policygen.run;

import java.time.Duration;
import java.util.List;

/**
 * The job's settings the reports need to say how far along accounts are (written to {@code report_setting} by each
 * run), and the generation Regions it works in.
 */
public record ReportSettings(int dailyQuota, Duration refreshAfter, int maxFailures, List<String> regions) {
}
