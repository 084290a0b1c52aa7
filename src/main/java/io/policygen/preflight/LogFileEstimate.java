package io.policygen.preflight;

import io.policygen.generation.GenerationProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An estimate, not a count, of the CloudTrail log files one generation reads with the configured window: days x
 * Regions x 288. Access Analyzer reads at most 100,000 files per generation; above that a generation is accepted,
 * then fails, and still counts against the account's daily quota
 * (<a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-quotas.html">IAM Access Analyzer
 * quotas</a>). policygen cannot see in which Regions an account is active, so where the configuration does not list
 * the Regions the estimate assumes some and says which.
 *
 * @param days   the lookback, in days begun
 * @param trails the Regions each configured trail adds to a generation
 */
public record LogFileEstimate(long days, List<TrailRegions> trails) {

    /** CloudTrail log files processed per policy generation (not adjustable). */
    public static final long LIMIT = 100_000;
    /** An organization trail delivers about one file per account, Region and 5 minutes. */
    public static final int FILES_PER_REGION_DAY = 288;

    /**
     * The Regions one trail makes a generation read.
     *
     * @param count   how many
     * @param assumed true where the configuration does not say and the estimate assumes
     * @param basis   which Regions, and where they come from
     */
    public record TrailRegions(String trailArn, int count, boolean assumed, String basis) {
    }

    public LogFileEstimate {
        trails = List.copyOf(trails);
    }

    /**
     * @param homeRegions       each trail's home Region, as CloudTrail gave it or its ARN says
     * @param generationRegions the Regions generations run in
     */
    static LogFileEstimate of(Duration lookback, List<GenerationProperties.Trail> trails, List<String> homeRegions,
                              List<String> generationRegions) {
        long days = Math.ceilDiv(lookback.toSeconds(), Duration.ofDays(1).toSeconds());
        List<TrailRegions> regions = new ArrayList<>();
        for (int i = 0; i < trails.size(); i++) {
            regions.add(regionsOf(trails.get(i), homeRegions.get(i), generationRegions));
        }
        return new LogFileEstimate(days, regions);
    }

    private static TrailRegions regionsOf(GenerationProperties.Trail trail, String homeRegion,
                                          List<String> generationRegions) {
        if (!trail.regions().isEmpty()) {
            Set<String> listed = new LinkedHashSet<>(trail.regions());
            return new TrailRegions(trail.arn(), listed.size(), false, "listed: " + String.join(", ", listed));
        }
        if (trail.allRegions()) {
            Set<String> known = new LinkedHashSet<>();
            known.add(homeRegion);
            known.addAll(generationRegions);
            return new TrailRegions(trail.arn(), known.size(), true, "all-regions reads every Region an account is "
                    + "active in; assumed " + String.join(", ", known) + ", the trail's home Region and the generation "
                    + "Regions, the only ones policygen sees");
        }
        return new TrailRegions(trail.arn(), 1, true, "neither listed nor all-regions; assumed the one Region each "
                + "generation runs in");
    }

    public int regions() {
        return trails.stream().mapToInt(TrailRegions::count).sum();
    }

    public long files() {
        return days * regions() * FILES_PER_REGION_DAY;
    }

    public boolean fits() {
        return files() <= LIMIT;
    }

    public boolean assumed() {
        return trails.stream().anyMatch(TrailRegions::assumed);
    }

    /** The longest lookback, in days, whose files fit with these Regions; 0 when not even one day does. */
    public long largestDaysThatFit() {
        return regions() == 0 ? days : LIMIT / ((long) regions() * FILES_PER_REGION_DAY);
    }

    /** The most Regions whose files fit in this lookback. */
    public long largestRegionsThatFit() {
        return days == 0 ? Long.MAX_VALUE : LIMIT / (days * FILES_PER_REGION_DAY);
    }
}
