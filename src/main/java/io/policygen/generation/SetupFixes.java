package io.policygen.generation;

import java.util.List;

/**
 * What a failure says about an account's setup, and the fix in plain words. The codes are Access Analyzer's
 * {@code JobError} codes (botocore accessanalyzer/2019-11-01 service-2.json, JobErrorCode); the sections named are
 * those of config/iam/README.md.
 */
public final class SetupFixes {

    public static final String AUTHORIZATION_ERROR = "AUTHORIZATION_ERROR";
    public static final String RESOURCE_NOT_FOUND_ERROR = "RESOURCE_NOT_FOUND_ERROR";
    public static final String SERVICE_QUOTA_EXCEEDED_ERROR = "SERVICE_QUOTA_EXCEEDED_ERROR";

    private SetupFixes() {
    }

    /** A failure no retry mends: the access role cannot read the trail's logs, or the trail or bucket is gone. */
    public static boolean isSetupFailure(String code) {
        return AUTHORIZATION_ERROR.equals(code) || RESOURCE_NOT_FOUND_ERROR.equals(code);
    }

    /**
     * The generation had more CloudTrail to read than one may: 100,000 log files or 25 GB, the window too large. The
     * quotas a start could break (the daily one, the concurrent one, the 90 days) refuse the start; once accepted, a
     * generation can exceed only those of the data it reads. AWS documents the code, not the messages, so any
     * SERVICE_QUOTA_EXCEEDED_ERROR is taken for one of them, the log files' and the data size's alike.
     */
    public static boolean isCloudTrailLimit(String code) {
        return SERVICE_QUOTA_EXCEEDED_ERROR.equals(code);
    }

    public static SetupProblem forJobError(String code, String message, String accessRoleArn) {
        String fix = switch (code) {
            case AUTHORIZATION_ERROR -> "Access Analyzer could not read the trail's logs with the access role " + accessRoleArn
                    + ": its trust policy must name access-analyzer.amazonaws.com, its policy must allow reading the trail's"
                    + " S3 bucket and decrypting with its KMS key, and the bucket policy must let it read this account's logs"
                    + " (config/iam/README.md, \"The access role\" and \"The trail bucket policy\")";
            case RESOURCE_NOT_FOUND_ERROR -> "the trail or its S3 bucket was not found: check policygen.generation.trails[].arn"
                    + " and that the trail still delivers to its bucket (config/iam/README.md, \"The trail\")";
            default -> "see the message; rerun when it is mended";
        };
        return new SetupProblem(code, message, fix);
    }

    public static SetupProblem forFailuresInARow(int failures, String code, String message) {
        return new SetupProblem(code, failures + " generations in a row failed here, the last with: " + message,
                "look at report_failures for this account; a rerun tries again, spending quota");
    }

    public static SetupProblem forStartDenied(String message, String accessRoleArn) {
        return new SetupProblem("AccessDeniedException", "StartPolicyGeneration was refused: " + message,
                "let the member role call access-analyzer:StartPolicyGeneration and pass the access role " + accessRoleArn
                        + " (iam:PassRole with iam:PassedToService access-analyzer.amazonaws.com), and check that no SCP denies"
                        + " either (config/iam/README.md, \"PassRole\"; `policygen check` tells which)");
    }

    /**
     * GetGeneratedPolicy refused for the caller: the generation ran, its result waits for a caller allowed to read it.
     * STS's AccessDenied is the member role's session refused on its renewal (its trust policy changed mid-run).
     */
    public static SetupProblem forReadDenied(String code, String message) {
        if ("AccessDenied".equals(code)) {
            return new SetupProblem(code, "the member role's session could not be renewed to read a generation: " + message,
                    "let the role policygen runs as assume the member role again (config/iam/README.md#member-role); the"
                            + " generations started here stay open, and the next run reads them (Access Analyzer keeps them"
                            + " for 7 days). If the account was suspended or closed since the run listed the organization,"
                            + " nothing: the next run lists it so and leaves it");
        }
        return new SetupProblem(code, "GetGeneratedPolicy was refused: " + message, "let the member role call"
                + " access-analyzer:GetGeneratedPolicy and ListPolicyGenerations, and check that no SCP denies them"
                + " (config/iam/README.md#member-role); the generations started here stay open, and the next run reads"
                + " them (Access Analyzer keeps them for 7 days)");
    }

    public static SetupProblem forRegionNotEnabled(String code, String message, String region) {
        return new SetupProblem(code, "StartPolicyGeneration was refused: " + message, "the account's credentials are not"
                + " accepted in " + region + ": enable the Region in the account (an opt-in Region is off until enabled) or"
                + " leave it out of policygen.generation.regions");
    }

    public static SetupProblem forTrailDetailsRefused(String code, String message, List<String> fields) {
        return new SetupProblem(code, "StartPolicyGeneration was refused for " + String.join(", ", fields) + ": " + message,
                "these are policygen's settings, the same for every principal: policygen.generation.trails (the organization"
                        + " trail's ARN and Regions) and policygen.generation.access-role-arn-template (`policygen check` reads"
                        + " both), or for startTime and endTime policygen.generation.lookback and this machine's clock;"
                        + " nothing started and no quota was spent; a rerun tries again");
    }

    public static SetupProblem forRefusalsInARow(int refusals, String code, String message) {
        return new SetupProblem(code, refusals + " generations in a row were refused or failed here, the last refused with: "
                + message, "the refused requests started nothing and spent no quota: mend what AWS said (`policygen check` finds a wrong trail"
                + " ARN or a missing permission); a rerun tries again");
    }

    /** What a generation failed for when it met the CloudTrail limits: its own message is in its log line and its row. */
    public static final String CLOUDTRAIL_LIMIT = "more CloudTrail than one generation may read (100,000 log files or 25 GB)";

    public static SetupProblem forCloudTrailLimitInOneDay() {
        return new SetupProblem(SERVICE_QUOTA_EXCEEDED_ERROR, CLOUDTRAIL_LIMIT,
                "even one day of CloudTrail in the Regions asked for exceeds what one generation may read (100,000 log"
                        + " files, 25 GB): list fewer Regions in policygen.generation.trails[].regions");
    }

    public static SetupProblem forOrganization(int accounts, SetupProblem first) {
        return new SetupProblem(first.code(), "the first " + accounts + " accounts' generations all failed with "
                + first.code() + " (" + first.message() + "): the cause is the organization's setup, so no other account"
                + " spent quota this run", first.fix());
    }

    public static String forUnreadableIam(String memberRoleArn) {
        return "policygen assumed " + memberRoleArn + " but may not read the account's IAM with it: allow"
                + " iam:GetAccountAuthorizationDetails in its policy (config/iam/member-role-policy.json, statement"
                + " DiscoverPrincipals) and lift any service control policy or boundary that denies it (`policygen check`"
                + " names the action)";
    }

    public static String forUnenterableAccount(String memberRoleArn) {
        return "policygen could not assume " + memberRoleArn + ": deploy the member role in this account (the StackSet in"
                + " config/cloudformation) and let the role policygen runs as assume it (config/iam/README.md, \"The member role\")";
    }
}
