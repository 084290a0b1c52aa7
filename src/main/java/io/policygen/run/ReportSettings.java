package io.policygen.run;

import java.time.Duration;

/** The job's settings the reports need to say how far along accounts are (written to {@code report_setting} by each run). */
public record ReportSettings(int dailyQuota, Duration refreshAfter, int maxFailures) {
}
