package io.policygen.simulator;

import java.time.Instant;
import java.util.List;

/**
 * Decides, when a generation starts, how long it runs and how it ends. The first that applies wins:
 * <ol>
 *   <li>the trail's bucket is broken: AUTHORIZATION_ERROR;</li>
 *   <li>the account's access role is missing or does not trust Access Analyzer: AUTHORIZATION_ERROR;</li>
 *   <li>a job error set for the principal, then one set for the account;</li>
 *   <li>more than 100,000 CloudTrail log files to read: SERVICE_QUOTA_EXCEEDED_ERROR;</li>
 *   <li>more than 25 GB of CloudTrail data to read: SERVICE_QUOTA_EXCEEDED_ERROR (its message a guess);</li>
 *   <li>the failure rate: SERVICE_ERROR;</li>
 * </ol>
 * otherwise it succeeds. It runs for the time its log files take ({@link CloudTrailActivity}) plus a
 * deterministic jitter, whatever its end. AWS documents the codes, not the messages: except for the
 * log-file limit's, the messages are the simulator's guesses.
 */
final class GenerationPlanner {

    static final String LOG_FILE_LIMIT_MESSAGE = "CloudTrail log files processed per policy generation limit exceeded";
    /** A guess after the quota's name, "Policy generation AWS CloudTrail data size": AWS documents no message. */
    static final String DATA_LIMIT_MESSAGE = "CloudTrail data size processed per policy generation limit exceeded";

    private final SimulatorOptions options;
    private final SimulatedOrganization organization;
    private final CloudTrailActivity activity;
    private final SetupState setup;

    GenerationPlanner(SimulatorOptions options, SimulatedOrganization organization, CloudTrailActivity activity,
                      SetupState setup) {
        this.options = options;
        this.organization = organization;
        this.activity = activity;
        this.setup = setup;
    }

    Generation.Plan plan(String accountId, String region, Generation.Request request, String jobId) {
        List<String> regions = activity.regionsAskedFor(accountId, request.allRegions(), request.regions(), region);
        long files = activity.logFilesRead(accountId, regions, Instant.ofEpochMilli(request.trailStart()),
                Instant.ofEpochMilli(request.trailEnd()));
        long h = Hashing.hash(options.seed(), jobId);
        long jitter = options.generationJitter().toMillis();
        long uniform = activity.generationTime(files).toMillis()
                + (jitter == 0 ? 0 : Long.remainderUnsigned(h, 2 * jitter + 1) - jitter);
        int accountIndex = organization.account(accountId).map(Account::index).orElse(0);
        long duration = Math.round(uniform * options.durations().factor(options.seed(), accountIndex, h));
        boolean randomFailure = Hashing.unit(Hashing.mix(h)) < options.failureRate();
        return new Generation.Plan(duration, error(accountId, request.principalArn(), files, randomFailure), files);
    }

    private JobError error(String accountId, String principalArn, long files, boolean randomFailure) {
        OrganizationTrail trail = organization.trail();
        String role = organization.accessRoleArn(accountId);
        if (setup.trailBucketBroken()) {
            return new JobError(JobErrorCode.AUTHORIZATION_ERROR, "Access Analyzer could not access the CloudTrail "
                    + "bucket " + trail.bucket() + " with the role " + role + ": Access Denied. Verify that the role "
                    + "has s3:GetObject and s3:ListBucket on the bucket, that the bucket policy allows the role"
                    + (trail.kmsKeyArn() != null ? ", and that it may kms:Decrypt with " + trail.kmsKeyArn() : "") + ".");
        }
        var broken = setup.accessRole(accountId);
        if (broken.isPresent()) {
            return new JobError(JobErrorCode.AUTHORIZATION_ERROR, "Access Analyzer could not assume the role " + role
                    + (broken.get() == AccessRoleBreak.MISSING ? ": the role does not exist."
                    : ": its trust policy does not allow access-analyzer.amazonaws.com to assume it."));
        }
        var configured = setup.principalJobError(principalArn).or(() -> setup.accountJobError(accountId));
        if (configured.isPresent()) {
            return configured(configured.get(), trail, role);
        }
        if (files > CloudTrailActivity.LOG_FILE_LIMIT) {
            return new JobError(JobErrorCode.SERVICE_QUOTA_EXCEEDED_ERROR, LOG_FILE_LIMIT_MESSAGE);
        }
        if (activity.dataRead(files) > CloudTrailActivity.DATA_LIMIT_BYTES) {
            return new JobError(JobErrorCode.SERVICE_QUOTA_EXCEEDED_ERROR, DATA_LIMIT_MESSAGE);
        }
        return randomFailure ? configured(JobErrorCode.SERVICE_ERROR, trail, role) : null;
    }

    private static JobError configured(JobErrorCode code, OrganizationTrail trail, String role) {
        return new JobError(code, switch (code) {
            case AUTHORIZATION_ERROR -> "Access Analyzer is not authorized to read the log files of trail "
                    + trail.arn() + " with the role " + role + ". Verify the role's permissions and the policies of "
                    + "bucket " + trail.bucket() + (trail.kmsKeyArn() != null ? " and key " + trail.kmsKeyArn() : "")
                    + ".";
            case RESOURCE_NOT_FOUND_ERROR -> "The trail " + trail.arn() + " or its bucket " + trail.bucket()
                    + " was not found.";
            // set on an account or principal, the data size limit whatever the window: a job that shrinks its window
            // meets it again, down to one day
            case SERVICE_QUOTA_EXCEEDED_ERROR -> DATA_LIMIT_MESSAGE;
            case SERVICE_ERROR -> "Policy generation failed because of an internal service error. Try again.";
        });
    }
}
