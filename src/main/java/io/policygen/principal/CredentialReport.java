package io.policygen.principal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Users' last use from IAM's credential report (IAM User Guide, "Getting credential reports"): the latest of
 * {@code password_last_used}, {@code access_key_1_last_used_date} and {@code access_key_2_last_used_date}, whose
 * values are ISO-8601 times, or {@code N/A} (no password, a key never used), {@code no_information} (a password
 * never used), {@code not_supported}. Keyed by user ARN; the root user's row is left out. IAM names may hold commas
 * and the report does not quote them: a row with more fields than the header has its name (and ARN) split, and is
 * put back together.
 */
final class CredentialReport {

    private static final List<String> SOURCES = List.of("password_last_used", "access_key_1_last_used_date",
            "access_key_2_last_used_date");

    private CredentialReport() {
    }

    static Map<String, LastUse> lastUses(String csv) {
        List<String> lines = csv.lines().filter(l -> !l.isBlank()).toList();
        Map<String, LastUse> uses = new HashMap<>();
        if (lines.isEmpty()) {
            return uses;
        }
        List<String> header = List.of(lines.getFirst().split(",", -1));
        int arnColumn = header.indexOf("arn");
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",", -1);
            int extra = fields.length - header.size();
            if (extra < 0 || extra % 2 != 0 || fields[0].equals("<root_account>")) {
                continue;
            }
            int shift = extra / 2;
            String arn = String.join(",", java.util.Arrays.copyOfRange(fields, arnColumn + shift, arnColumn + 2 * shift + 1));
            LastUse latest = LastUse.never();
            for (String source : SOURCES) {
                int column = header.indexOf(source);
                Instant at = column < 0 ? null : time(fields[column + extra]);
                if (at != null && (latest.at() == null || at.isAfter(latest.at()))) {
                    latest = new LastUse(at, source.startsWith("password") ? "password" : source.substring(0, 12), true);
                }
            }
            uses.put(arn, latest);
        }
        return uses;
    }

    private static Instant time(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            return null; // N/A, no_information, not_supported
        }
    }
}
