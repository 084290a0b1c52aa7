package io.policygen.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * How much CloudTrail each account writes, and so how much a policy generation reads and how long it takes.
 *
 * <p>Every account is active in {@code activeRegions} Regions (seeded; the organization's home Region is
 * always one of them) and writes {@code logFilesPerRegionDay} log files per active Region and day there
 * (an organization trail delivers about one file per account, Region and 5 minutes: 288 a day); under the
 * SKEWED distribution the few large accounts write four times as many.
 *
 * <p>A generation reads the files of its account in the Regions it asks for (every active one with
 * {@code allRegions}; the listed {@code regions} otherwise; the Region it is called in when the trail names
 * neither, a guess) over its time window: files = files per Region-day x active Regions asked for x days.
 * Above {@value #LOG_FILE_LIMIT} files it fails with SERVICE_QUOTA_EXCEEDED_ERROR, as AWS documents
 * (<a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-quotas.html">IAM Access
 * Analyzer quotas</a>). Its duration is linear in the files it reads, up to the limit where it stops:
 * {@code generationTime x min(files, 100000) / (30 x logFilesPerRegionDay)}, plus the jitter; so
 * {@code generationTime} is the time of a 30-day, one-Region window of an account at the base rate. AWS
 * publishes no such rule: it is the simulator's guess.
 *
 * <p>A log file holds {@code logFileKilobytes} on average, so a generation also reads files x that much data; above
 * the quota's 25 GB (taken as GiB) it fails with SERVICE_QUOTA_EXCEEDED_ERROR too, stopping there. The quota is
 * documented ("Policy generation AWS CloudTrail data size", the page above); its failure's message is not, and the
 * simulator's is a guess after the quota's name.
 */
public final class CloudTrailActivity {

    /** AWS CloudTrail log files processed per policy generation (not adjustable). */
    public static final long LOG_FILE_LIMIT = 100_000;
    /** Policy generation AWS CloudTrail data size (not adjustable). */
    public static final long DATA_LIMIT_BYTES = 25L << 30;
    /** Commercial Regions an account may be active in. */
    static final List<String> REGIONS = List.of("us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1",
            "sa-east-1", "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-north-1", "eu-south-1",
            "ap-northeast-1", "ap-northeast-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-south-1",
            "ap-east-1", "af-south-1", "me-south-1");
    private static final int REFERENCE_DAYS = 30;
    private static final long DAY = Duration.ofDays(1).toMillis();

    private final SimulatorOptions options;
    private final SimulatedOrganization organization;

    CloudTrailActivity(SimulatorOptions options, SimulatedOrganization organization) {
        this.options = options;
        this.organization = organization;
    }

    /** The Regions an account writes CloudTrail log files in: the home Region first, then the others seeded. */
    public List<String> activeRegions(String accountId) {
        int index = requireAccount(accountId).index();
        List<String> others = new ArrayList<>(REGIONS);
        others.remove(options.region());
        List<String> active = new ArrayList<>(List.of(options.region()));
        for (int k = 0; active.size() < options.activeRegions() && !others.isEmpty(); k++) {
            active.add(others.remove(Hashing.below(Hashing.hash(options.seed(), 91, index, k), others.size())));
        }
        return List.copyOf(active);
    }

    /** Log files the account writes per active Region and day. */
    public int logFilesPerRegionDay(String accountId) {
        boolean busy = AccountSizes.large(options, requireAccount(accountId).index());
        return options.logFilesPerRegionDay() * (busy ? AccountSizes.BUSY_FACTOR : 1);
    }

    /** The Regions a generation asks to read: all active ones, the listed ones, or the Region it is called in. */
    public List<String> regionsAskedFor(String accountId, boolean allRegions, List<String> listed, String callRegion) {
        if (allRegions) {
            return activeRegions(accountId);
        }
        return listed.isEmpty() ? List.of(callRegion) : List.copyOf(listed);
    }

    /** Files a generation of the account reads in these Regions over [start, end). */
    public long logFilesRead(String accountId, Collection<String> regions, Instant start, Instant end) {
        List<String> active = activeRegions(accountId);
        long activeAskedFor = regions.stream().distinct().filter(active::contains).count();
        long windowMillis = Math.max(0, end.toEpochMilli() - start.toEpochMilli());
        return logFilesPerRegionDay(accountId) * activeAskedFor * windowMillis / DAY;
    }

    /** The CloudTrail data, in bytes, of this many log files. */
    public long dataRead(long logFiles) {
        return logFiles * options.logFileKilobytes() * 1024L;
    }

    /** How long a generation that reads this many files takes, before jitter: it stops at either limit. */
    public Duration generationTime(long logFiles) {
        double reference = (double) REFERENCE_DAYS * options.logFilesPerRegionDay();
        long withinData = DATA_LIMIT_BYTES / (options.logFileKilobytes() * 1024L);
        double share = Math.min(logFiles, Math.min(LOG_FILE_LIMIT, withinData)) / reference;
        return Duration.ofMillis(Math.round(options.generationTime().toMillis() * share));
    }

    private Account requireAccount(String accountId) {
        return organization.account(accountId)
                .orElseThrow(() -> new IllegalArgumentException("no account " + accountId + " in the organization"));
    }
}
