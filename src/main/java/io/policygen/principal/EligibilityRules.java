package io.policygen.principal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Who is worth a generation, first rule that applies: opted out by the tag {@value #OPT_OUT_TAG} (no value: for
 * good; an ISO date, {@code 2026-12-31}: to the end of that day, UTC; any other value: for good, the value quoted
 * in the reason), younger than {@code minAge}, not used within {@code lookback} (the CloudTrail window a generation
 * reads: it would find nothing). A principal whose last use IAM could not tell is not taken for unused.
 */
public record EligibilityRules(Duration lookback, Duration minAge) {

    public static final String OPT_OUT_TAG = "policygen:skip";

    /**
     * The verdict and, unless ELIGIBLE with a known last use, why, in words for the reports: dates, not "n days ago",
     * which would change the stored principal every night ({@link ContentHash}).
     */
    public record Verdict(Eligibility eligibility, String reason) {
    }

    public Verdict assess(Instant createdAt, LastUse lastUse, Map<String, String> tags, Instant now) {
        String skip = tags.get(OPT_OUT_TAG);
        if (skip != null) {
            String value = skip.strip();
            if (value.isEmpty()) {
                return new Verdict(Eligibility.OPTED_OUT, "tag " + OPT_OUT_TAG + " (no end date)");
            }
            try {
                LocalDate until = LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value);
                if (now.isBefore(until.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())) {
                    return new Verdict(Eligibility.OPTED_OUT, "tag " + OPT_OUT_TAG + " until " + until);
                }
            } catch (DateTimeParseException e) {
                return new Verdict(Eligibility.OPTED_OUT, "tag " + OPT_OUT_TAG + "=\"" + value + "\" (not a date: no end date)");
            }
        }
        if (createdAt != null && createdAt.isAfter(now.minus(minAge))) {
            return new Verdict(Eligibility.TOO_NEW, "created " + day(createdAt) + "; min-age is " + minAge.toDays() + " days");
        }
        if (!lastUse.known()) {
            return new Verdict(Eligibility.ELIGIBLE, "last use unknown (" + lastUse.source() + ")");
        }
        if (lastUse.at() == null) {
            return new Verdict(Eligibility.UNUSED, "never used, as far as IAM tracks");
        }
        if (lastUse.at().isBefore(now.minus(lookback))) {
            return new Verdict(Eligibility.UNUSED, "last used " + day(lastUse.at()) + " (" + lastUse.source() + "); lookback is "
                    + lookback.toDays() + " days");
        }
        return new Verdict(Eligibility.ELIGIBLE, null);
    }

    private static String day(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate().toString();
    }

}
