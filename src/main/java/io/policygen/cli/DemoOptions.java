package io.policygen.cli;

import java.time.Duration;

/** The demo's organization and its pace; {@link DemoCommand} gives every one a default. */
record DemoOptions(boolean keep, int accounts, int principalsPerAccount, long seed, Duration generationTime, int dailyQuota) {
}
