package io.policygen.wiring;

import io.policygen.aws.AwsProperties;
import io.policygen.generation.GenerationProperties;
import io.policygen.organization.OrganizationProperties;
import io.policygen.principal.PrincipalProperties;
import io.policygen.run.RunProperties;
import io.policygen.throttle.ThrottleProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.util.VersionInfo;
import software.amazon.awssdk.regions.Region;

/**
 * Checks the whole configuration before anything is called, and names every bad setting with what is wrong.
 * Limits come from the AWS documentation: a generation's CloudTrail range is at most 90 days and the daily quota
 * is 50 (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-quotas.html).
 */
public final class ConfigurationValidator {

    static final Duration MAX_LOOKBACK = Duration.ofDays(90);
    static final int MAX_DAILY_QUOTA = 50;
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d{1,2}");
    private static final Set<String> KNOWN_REGIONS = Region.regions().stream().map(Region::id).collect(Collectors.toSet());
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern OU_OR_ROOT_ID = Pattern.compile("ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|r-[0-9a-z]{4,32}");
    private static final Pattern ROLE_NAME = Pattern.compile("([\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}");
    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
    private static final Pattern TRAIL_ARN = Pattern.compile("arn:aws[a-z-]*:cloudtrail:[a-z0-9-]+:\\d{12}:trail/[\\w.-]{3,128}");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/([\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}");

    private final List<String> problems = new ArrayList<>();

    public static List<String> validate(AwsProperties aws, OrganizationProperties organization, PrincipalProperties principals,
                                        GenerationProperties generation, ThrottleProperties throttle, RunProperties run) {
        ConfigurationValidator validator = new ConfigurationValidator();
        validator.aws(aws);
        validator.organization(organization);
        validator.principals(principals);
        validator.generation(generation);
        validator.positive("policygen.throttle.per-account-rate", throttle.perAccountRate());
        validator.positive("policygen.throttle.overall-rate", throttle.overallRate());
        validator.positive("policygen.run.max-duration", run.maxDuration());
        validator.positive("policygen.run.progress-interval", run.progressInterval());
        validator.positive("policygen.run.restart-within", run.restartWithin());
        validator.positive("policygen.run.database-outage-tolerance", run.databaseOutageTolerance());
        return List.copyOf(validator.problems);
    }

    private void aws(AwsProperties aws) {
        region("policygen.aws.region", aws.region());
        if (aws.endpoint() != null && (aws.endpoint().getScheme() == null || aws.endpoint().getHost() == null
                || !List.of("http", "https").contains(aws.endpoint().getScheme()))) {
            problem("policygen.aws.endpoint", "must be an http(s) URL such as http://127.0.0.1:4566, was '" + aws.endpoint() + "'");
        }
        positive("policygen.aws.api-call-timeout", aws.apiCallTimeout());
        positive("policygen.aws.api-call-attempt-timeout", aws.apiCallAttemptTimeout());
        if (aws.apiCallAttemptTimeout().compareTo(aws.apiCallTimeout()) > 0) {
            problem("policygen.aws.api-call-attempt-timeout", "must not be longer than policygen.aws.api-call-timeout ("
                    + aws.apiCallTimeout() + "), was " + aws.apiCallAttemptTimeout());
        }
        if (aws.maxAttempts() < 1 || aws.maxAttempts() > 20) {
            problem("policygen.aws.max-attempts", "must be between 1 and 20, was " + aws.maxAttempts());
        }
        if (aws.maxConnections() < 1) {
            problem("policygen.aws.max-connections", "must be positive, was " + aws.maxConnections());
        }
        if (!List.of("system", "simulator").contains(aws.clock())) {
            problem("policygen.aws.clock", "must be 'system' or 'simulator', was '" + aws.clock() + "'");
        } else if (aws.simulatorClock() && aws.endpoint() == null) {
            problem("policygen.aws.clock", "'simulator' needs policygen.aws.endpoint set to the simulator's URL");
        }
    }

    private void organization(OrganizationProperties organization) {
        each("policygen.organization.ou-ids", organization.ouIds(), OU_OR_ROOT_ID, "an OU id (ou-xxxx-xxxxxxxx) or root id (r-xxxx)");
        each("policygen.organization.include-accounts", organization.includeAccounts(), ACCOUNT_ID, "a 12-digit account id");
        each("policygen.organization.exclude-accounts", organization.excludeAccounts(), ACCOUNT_ID, "a 12-digit account id");
        matches("policygen.organization.member-role-name", organization.memberRoleName(), ROLE_NAME, "an IAM role name (with optional path)");
        if (organization.externalId() != null) {
            matches("policygen.organization.external-id", organization.externalId(), EXTERNAL_ID,
                    "2 to 1224 characters of letters, digits and +=,.@:/-");
        }
        matches("policygen.organization.session-name", organization.sessionName(), SESSION_NAME,
                "2 to 64 characters of letters, digits and +=,.@-");
        notNegative("policygen.organization.listing-retry-after", organization.listingRetryAfter(), "PT30S, or PT0S: not asked again");
    }

    private void principals(PrincipalProperties principals) {
        if (principals.types().isEmpty()) {
            problem("policygen.principals.types", "must name at least one of ROLE, USER");
        }
        for (String prefix : principals.excludePathPrefixes()) {
            if (!prefix.startsWith("/")) {
                problem("policygen.principals.exclude-path-prefixes", "an IAM path starts with '/', was '" + prefix + "'");
            }
        }
        if (principals.discoveryConcurrency() < 1) {
            problem("policygen.principals.discovery-concurrency", "must be positive, was " + principals.discoveryConcurrency());
        }
        positive("policygen.principals.credential-report-wait", principals.credentialReportWait());
        notNegative("policygen.principals.listing-retry-after", principals.listingRetryAfter(), "PT30S, or PT0S: not asked again");
        if (principals.pageSize() < 1 || principals.pageSize() > 1000) {
            problem("policygen.principals.page-size", "IAM's MaxItems is 1 to 1000, was " + principals.pageSize());
        }
    }

    private void generation(GenerationProperties generation) {
        if (generation.trails().isEmpty()) {
            problem("policygen.generation.trails", "at least one trail is needed: set policygen.generation.trails[0].arn to the organization trail's ARN");
        }
        for (int i = 0; i < generation.trails().size(); i++) {
            GenerationProperties.Trail trail = generation.trails().get(i);
            String name = "policygen.generation.trails[" + i + "]";
            if (trail.arn() == null) {
                problem(name + ".arn", "is required");
            } else {
                matches(name + ".arn", trail.arn(), TRAIL_ARN, "a CloudTrail trail ARN (arn:aws:cloudtrail:REGION:ACCOUNT:trail/NAME)");
            }
            trail.regions().forEach(region -> region(name + ".regions", region));
            if (trail.allRegions() && !trail.regions().isEmpty()) {
                problem(name + ".all-regions", "is true, so " + name + ".regions must be empty");
            }
        }
        String template = generation.accessRoleArnTemplate();
        if (!template.contains(GenerationProperties.ACCOUNT_ID_PLACEHOLDER)) {
            problem("policygen.generation.access-role-arn-template", "must contain {accountId} (the role is in each account), was '" + template + "'");
        } else {
            matches("policygen.generation.access-role-arn-template", generation.accessRoleArn("123456789012"), ROLE_ARN,
                    "with {accountId} filled in, an IAM role ARN (arn:aws:iam::{accountId}:role/PATH/NAME); template was '" + template + "'");
        }
        positive("policygen.generation.lookback", generation.lookback());
        if (generation.lookback().compareTo(MAX_LOOKBACK) > 0) {
            problem("policygen.generation.lookback", "Access Analyzer reads at most 90 days of CloudTrail (P90D), was " + shown(generation.lookback()));
        }
        positive("policygen.generation.refresh-after", generation.refreshAfter());
        if (generation.dailyQuota() < 1 || generation.dailyQuota() > MAX_DAILY_QUOTA) {
            problem("policygen.generation.daily-quota", "must be between 1 and 50 (AWS's daily quota per account), was " + generation.dailyQuota());
        }
        generation.regions().forEach(region -> region("policygen.generation.regions", region));
        if (generation.maxFailures() < 1) {
            problem("policygen.generation.max-failures", "must be positive, was " + generation.maxFailures());
        }
        generation.regionDailyQuotas().forEach((region, quota) -> {
            region("policygen.generation.region-daily-quotas", region);
            if (quota == null || quota < 1 || quota > MAX_DAILY_QUOTA) {
                problem("policygen.generation.region-daily-quotas." + region, "must be between 1 and 50, was " + quota);
            }
        });
        if (generation.maxConsecutiveFailures() < 1) {
            problem("policygen.generation.max-consecutive-failures", "must be positive, was " + generation.maxConsecutiveFailures());
        }
        if (generation.setupCanaries() < 0) {
            problem("policygen.generation.setup-canaries", "must be 0 (no waiting) or more, was " + generation.setupCanaries());
        }
        positive("policygen.generation.poll-min", generation.pollMin());
        positive("policygen.generation.poll-max", generation.pollMax());
        positive("policygen.generation.max-wait", generation.maxWait());
        notNegative("policygen.generation.min-age", generation.minAge(), "P7D, or P0D: no minimum");
        if (generation.pollMin().compareTo(generation.pollMax()) > 0) {
            problem("policygen.generation.poll-min", "must not be longer than policygen.generation.poll-max (" + generation.pollMax() + "), was " + generation.pollMin());
        }
    }

    /**
     * A Region's name, and one the SDK knows: for any other it would build an endpoint that does not resolve, and every
     * call there would fail at 3 a.m. as a connection error (the simulator answers for any name).
     */
    private void region(String name, String region) {
        if (matches(name, region, REGION, "an AWS Region name such as us-east-1") && !KNOWN_REGIONS.contains(region)) {
            String prefix = region.substring(0, region.lastIndexOf('-') + 1);
            String near = KNOWN_REGIONS.stream().filter(known -> known.startsWith(prefix)).sorted().collect(Collectors.joining(", "));
            problem(name, "'" + region + "' is not a Region the AWS SDK of this build (" + VersionInfo.SDK_VERSION + ") knows"
                    + (near.isEmpty() ? "" : " (it knows " + near + ")") + "; a Region opened since needs a newer policygen");
        }
    }

    private void each(String name, List<String> values, Pattern pattern, String what) {
        values.forEach(value -> matches(name, value, pattern, what));
    }

    /** Whether {@code value} matches; if it does not, the problem is recorded. */
    private boolean matches(String name, String value, Pattern pattern, String what) {
        if (value == null || !pattern.matcher(value).matches()) {
            problem(name, "must be " + what + ", was '" + value + "'");
            return false;
        }
        return true;
    }

    private void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            problem(name, "must be a positive duration (ISO-8601 such as PT30S or P1D, or 30s), was " + shown(value));
        }
    }

    private void notNegative(String name, Duration value, String zero) {
        if (value == null || value.isNegative()) {
            problem(name, "must be a duration of zero or more (" + zero + "), was " + shown(value));
        }
    }

    private void positive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            problem(name, "must be a positive number of calls per second, was " + value);
        }
    }

    /** A duration as a user would write it: whole days as days (P120D, not Duration's PT2880H). */
    static String shown(Duration value) {
        return value != null && !value.isZero() && value.equals(Duration.ofDays(value.toDays()))
                ? "P" + value.toDays() + "D" : String.valueOf(value);
    }

    private void problem(String name, String message) {
        problems.add(name + ": " + message);
    }

    /**
     * The configuration's problems, thrown while the context starts and before the AWS clients are built: the SDK
     * refuses some bad values itself (max-attempts 0, a zero timeout, max-connections 0) with a message that names
     * no setting, and the run would end with exit 1 instead of 2.
     */
    public static final class InvalidConfigurationException extends RuntimeException {

        private final List<String> problems;

        public InvalidConfigurationException(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}
