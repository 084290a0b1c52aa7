package io.policygen.simulator;

import io.policygen.simulator.Principal.Kind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * IAM's credential report, per account: GenerateCredentialReport starts one (State STARTED), which takes
 * {@code --credential-report-time} of real time (INPROGRESS, then COMPLETE); a report younger than four hours (by the
 * simulated clock) is kept rather than generated again. GetCredentialReport answers the CSV, base64 in the XML, or
 * ReportNotPresent (410), ReportInProgress (404), ReportExpired (410, after four hours) as IAM does
 * (IAM User Guide, "Getting credential reports"). One row per user and one for the root user; a user's password
 * and access keys were last used as its {@link PrincipalDetails#lastUsed()} says (people sign in with a password,
 * service users only use keys; "no_information": a password never used, "N/A": no password, or a key never used).
 * The rows are those of when the report is read, not when it was generated: the simulator's simplification.
 */
final class CredentialReports {

    private static final Duration FRESH = Duration.ofHours(4);
    private static final String HEADER = "user,arn,user_creation_time,password_enabled,password_last_used,"
            + "password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,"
            + "access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
            + "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,"
            + "access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.UTC);

    private record Report(long startedNanos, Instant generatedAt) {
    }

    private final SimulatedOrganization organization;
    private final IamContent content;
    private final SimulatedClock clock;
    private final LongSupplier ticker;
    private final long generationNanos;
    private final long seed;
    private final Map<String, Report> reports = new ConcurrentHashMap<>();

    CredentialReports(SimulatedOrganization organization, IamContent content, SimulatedClock clock, SimulatorOptions options) {
        this.organization = organization;
        this.content = content;
        this.clock = clock;
        this.ticker = options.nanoTicker();
        this.generationNanos = options.credentialReportTime().toNanos();
        this.seed = options.seed();
    }

    Xml generate(Account account) {
        boolean[] started = {false};
        Report report = reports.compute(account.id(), (id, r) -> {
            Report current = r == null ? null : ready(r);
            if (current == null || expired(current)) {
                started[0] = true;
                return new Report(ticker.getAsLong(), null);
            }
            return current;
        });
        String state = started[0] ? "STARTED" : report.generatedAt() == null ? "INPROGRESS" : "COMPLETE";
        String description = switch (state) {
            case "STARTED" -> "No report exists. Starting a new report generation task";
            case "INPROGRESS" -> "Report generation task is in progress";
            default -> "Report generation completed";
        };
        return new Xml().element("State", state).element("Description", description);
    }

    Xml get(Account account) {
        Report report = reports.computeIfPresent(account.id(), (id, r) -> ready(r));
        if (report == null) {
            throw new AwsError(410, "ReportNotPresent", "Credential report does not exist. Use GenerateCredentialReport to generate a report.");
        }
        if (report.generatedAt() == null) {
            throw new AwsError(404, "ReportInProgress", "Credential report is being generated.");
        }
        if (expired(report)) {
            throw new AwsError(410, "ReportExpired", "Credential report has expired. Use GenerateCredentialReport to generate a new report.");
        }
        String csv = csv(account);
        return new Xml().element("Content", Base64.getEncoder().encodeToString(csv.getBytes(StandardCharsets.UTF_8)))
                .element("ReportFormat", "text/csv").element("GeneratedTime", DateTimeFormatter.ISO_INSTANT.format(report.generatedAt()));
    }

    private Report ready(Report r) {
        return r.generatedAt() == null && ticker.getAsLong() - r.startedNanos() >= generationNanos
                ? new Report(r.startedNanos(), clock.instant()) : r;
    }

    private boolean expired(Report r) {
        return r.generatedAt() != null && r.generatedAt().plus(FRESH).isBefore(clock.instant());
    }

    private String csv(Account account) {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        csv.append("<root_account>,arn:aws:iam::").append(account.id()).append(":root,").append(time(account.joined()))
                .append(",not_supported,no_information,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,")
                .append("N/A,N/A,false,N/A,false,N/A\n");
        AccountPrincipals principals = organization.principalsOf(account);
        for (int position = 0; position < principals.size(Kind.USER); position++) {
            principals.at(Kind.USER, position).ifPresent(user -> row(csv, user, content.details(user)));
        }
        return csv.toString();
    }

    private void row(StringBuilder csv, Principal user, PrincipalDetails d) {
        long h = Hashing.hash(seed, user.id() + "/credentials");
        boolean person = !user.path().equals("/service-users/");
        Instant used = d.lastUsed();
        boolean key = !person || Hashing.below(h, 10) < 4;
        // a person's key was used before the password (the password is the latest use); a service user's key is
        Instant keyUsed = used == null ? null : person ? used.minus(Duration.ofDays(Hashing.below(h >>> 8, 30))) : used;
        if (keyUsed != null && keyUsed.isBefore(user.createDate())) {
            keyUsed = user.createDate();
        }
        String rotated = time(user.createDate().plus(Duration.ofDays(Hashing.below(h >>> 16, 10))));
        csv.append(user.name()).append(',').append(user.arn()).append(',').append(time(user.createDate())).append(',')
                .append(person).append(',').append(!person ? "N/A" : used == null ? "no_information" : time(used)).append(',')
                .append(person ? time(user.createDate()) : "N/A").append(",N/A,").append(person && Hashing.below(h >>> 24, 3) > 0)
                .append(',').append(key).append(',').append(key ? rotated : "N/A").append(',')
                .append(key && keyUsed != null ? time(keyUsed) : "N/A").append(',')
                .append(key && keyUsed != null ? d.lastUsedRegion() : "N/A").append(',')
                .append(key && keyUsed != null ? "s3" : "N/A").append(",false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n");
    }

    private static String time(Instant instant) {
        return TIME.format(instant);
    }
}
