package io.policygen.preflight;

import software.amazon.awssdk.services.cloudtrail.model.Trail;

/**
 * A configured trail as CloudTrail describes it; {@code found} false when it could not be read.
 *
 * @param kmsKeyId null when the log files are not encrypted with a KMS key
 */
public record TrailFacts(String arn, boolean found, boolean organization, boolean multiRegion, String homeRegion,
                         String bucket, String kmsKeyId) {

    static TrailFacts of(String arn, Trail trail) {
        return new TrailFacts(arn, true, Boolean.TRUE.equals(trail.isOrganizationTrail()),
                Boolean.TRUE.equals(trail.isMultiRegionTrail()), trail.homeRegion(), trail.s3BucketName(),
                trail.kmsKeyId());
    }

    static TrailFacts unread(String arn) {
        return new TrailFacts(arn, false, false, false, null, null, null);
    }

    /** The Region of the trail's ARN ({@code arn:aws:cloudtrail:REGION:ACCOUNT:trail/NAME}), where it is read. */
    static String arnRegion(String arn) {
        return arn.split(":", 6)[3];
    }

    /** The home Region CloudTrail gave, or else the one in the ARN. */
    String homeRegionOrArns() {
        return homeRegion != null ? homeRegion : arnRegion(arn);
    }

    String describe() {
        if (!found) {
            return arn + ": not read";
        }
        return arn + ": " + (organization ? "organization trail" : "not an organization trail") + ", "
                + (multiRegion ? "multi-Region" : "single-Region") + ", home Region " + homeRegion + ", bucket "
                + bucket + ", " + (kmsKeyId == null ? "no KMS key" : "KMS key " + kmsKeyId);
    }
}
