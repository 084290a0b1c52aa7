package io.policygen.simulator;

import io.policygen.simulator.SimulatorOptions.Distribution;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;

/** The standalone command's options, read into {@link SimulatorOptions}; a bad one names itself. */
final class SimulatorArguments {

    /** Thrown for --help. */
    static final class HelpRequested extends RuntimeException {
        HelpRequested() {
            super(null, null, false, false);
        }
    }

    private static final Set<String> FLAGS = Set.of("--manual-clock", "--broken-trail-bucket", "--trail-kms-key");

    private SimulatorArguments() {
    }

    static SimulatorOptions parse(String[] args) {
        SimulatorOptions.Builder b = SimulatorOptions.builder().port(4566);
        FaultSettings faults = FaultSettings.NONE;
        DurationDistribution.Shape shape = DurationDistribution.Shape.UNIFORM;
        double spread = 0.5;
        boolean perAccount = false;
        PrincipalMix mix = PrincipalMix.REALISTIC;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                throw new HelpRequested();
            }
            if (FLAGS.contains(option)) {
                switch (option) {
                    case "--manual-clock" -> b.manualClock(true);
                    case "--broken-trail-bucket" -> b.brokenTrailBucket(true);
                    default -> b.trailKmsKey(true);
                }
                continue;
            }
            if (!option.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + option + "'");
            }
            String value;
            int eq = option.indexOf('=');
            if (eq > 0) {
                value = option.substring(eq + 1);
                option = option.substring(0, eq);
            } else {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(option + ": a value is required");
                }
                value = args[++i];
            }
            try {
                switch (option) {
                    case "--port" -> b.port(Integer.parseInt(value));
                    case "--seed" -> b.seed(Long.parseLong(value));
                    case "--accounts" -> b.accounts(Integer.parseInt(value));
                    case "--principals-per-account" -> b.principalsPerAccount(Integer.parseInt(value));
                    case "--distribution" -> b.distribution(switch (value.toLowerCase(Locale.ROOT)) {
                        case "skewed" -> Distribution.SKEWED;
                        case "uniform" -> Distribution.UNIFORM;
                        default -> throw new IllegalArgumentException("--distribution: must be skewed or uniform, was '"
                                + value + "'");
                    });
                    case "--suspended-accounts" -> b.suspendedAccounts(Integer.parseInt(value));
                    case "--unassumable-accounts" -> b.unassumableAccounts(Integer.parseInt(value));
                    case "--pending-activation-accounts" -> b.pendingActivationAccounts(Integer.parseInt(value));
                    case "--pending-closure-accounts" -> b.pendingClosureAccounts(Integer.parseInt(value));
                    case "--closed-accounts" -> b.closedAccounts(Integer.parseInt(value));
                    case "--delegated-admin" -> b.delegatedAdministrator(value);
                    case "--member-role" -> b.memberRoleName(value);
                    case "--max-session-duration" -> b.memberRoleMaxSession(duration(value));
                    case "--access-role" -> b.accessRoleName(value);
                    case "--trail-name" -> b.trailName(value);
                    case "--region" -> b.region(value);
                    case "--access-key-id" -> b.accessKeyId(value);
                    case "--secret-access-key" -> b.secretAccessKey(value);
                    case "--external-id" -> b.externalId(value);
                    case "--generation-time" -> b.generationTime(duration(value));
                    case "--generation-jitter" -> b.generationJitter(duration(value));
                    case "--duration-distribution" -> shape = DurationDistribution.parseShape(value);
                    case "--duration-spread" -> spread = Double.parseDouble(value);
                    case "--duration-spread-by" -> perAccount = DurationDistribution.parsePerAccount(value);
                    case "--failure-rate" -> b.failureRate(Double.parseDouble(value));
                    case "--active-regions" -> b.activeRegions(Integer.parseInt(value));
                    case "--log-files-per-region-day" -> b.logFilesPerRegionDay(Integer.parseInt(value));
                    case "--log-file-kb" -> b.logFileKilobytes(Integer.parseInt(value));
                    case "--failing-account" -> pair(value, "ACCOUNT=CODE", (k, v) -> b.failingAccount(k, JobErrorCode.parse(v)));
                    case "--failing-principal" -> pair(value, "ARN=CODE", (k, v) -> b.failingPrincipal(k, JobErrorCode.parse(v)));
                    case "--broken-access-role" -> pair(value, "ACCOUNT=MISSING|UNTRUSTED",
                            (k, v) -> b.brokenAccessRole(k, AccessRoleBreak.parse(v)));
                    case "--no-pass-role" -> b.noPassRole(value);
                    case "--concurrent-quota" -> b.concurrentQuota(Integer.parseInt(value));
                    case "--concurrency-error" -> b.concurrencyError(ConcurrencyError.parse(value));
                    case "--quota-scope" -> b.quotaScope(QuotaScope.parse(value));
                    case "--daily-quota" -> b.dailyQuota(positive(Integer.parseInt(value)));
                    case "--rate" -> b.defaultRate(Double.parseDouble(value));
                    case "--operation-rate" -> pair(value, "OPERATION=RATE", (k, v) -> b.rate(k, Double.parseDouble(v)));
                    case "--error-rate" -> faults = faults.withErrorRate(Double.parseDouble(value));
                    case "--throttle-rate" -> faults = faults.withThrottleRate(Double.parseDouble(value));
                    case "--latency" -> faults = faults.withLatency(duration(value));
                    case "--lost-start-responses" -> faults = faults.withLostStartResponses(Double.parseDouble(value));
                    case "--unreadable-for" -> faults = faults.withUnreadableFor(duration(value));
                    case "--clock-start" -> b.manualClock(instant(value));
                    case "--unused-share" -> mix = mix.withUnused(Double.parseDouble(value));
                    case "--new-share" -> mix = mix.withTooNew(Double.parseDouble(value));
                    case "--opted-out-share" -> mix = mix.withOptedOut(Double.parseDouble(value));
                    case "--credential-report-time" -> b.credentialReportTime(duration(value));
                    case "--permission-sets" -> b.permissionSets(Integer.parseInt(value));
                    default -> throw new IllegalArgumentException(option + ": unknown option");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + ": not a number: '" + value + "'", e);
            } catch (IllegalArgumentException | DateTimeException e) {
                String message = e.getMessage();
                if (message != null && message.startsWith("--")) {
                    throw new IllegalArgumentException(message, e);
                }
                throw new IllegalArgumentException(option + ": " + (option.equals(message) || message == null
                        ? "bad value '" + value + "'" : message + " (was '" + value + "')"), e);
            }
        }
        return b.faults(faults).mix(mix).durations(new DurationDistribution(shape,
                shape == DurationDistribution.Shape.UNIFORM ? 0 : spread, perAccount)).build();
    }

    private static Duration duration(String value) {
        try {
            return Duration.parse(value);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("must be an ISO-8601 duration such as PT1S or PT0.5S", e);
        }
    }

    private static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("must be an ISO-8601 instant such as 2026-01-01T00:00:00Z", e);
        }
    }

    /** KEY=VALUE, split at the last '=' (IAM names may hold '=', the values never do). */
    private static void pair(String value, String form, BiConsumer<String, String> use) {
        int sep = value.lastIndexOf('=');
        if (sep <= 0 || sep == value.length() - 1) {
            throw new IllegalArgumentException("expected " + form);
        }
        use.accept(value.substring(0, sep), value.substring(sep + 1));
    }

    private static int positive(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("must be >= 1");
        }
        return n;
    }
}
