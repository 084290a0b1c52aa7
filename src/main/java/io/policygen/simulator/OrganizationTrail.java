package io.policygen.simulator;

import java.util.UUID;

/**
 * The organization trail, created in the management account's home Region: multi-Region, delivering every
 * account's events to one S3 bucket, optionally encrypted with a KMS key.
 *
 * @param kmsKeyArn null when the log files are not encrypted with a KMS key of the organization's
 */
public record OrganizationTrail(String name, String arn, String homeRegion, String bucket, String kmsKeyArn) {

    static OrganizationTrail of(SimulatorOptions options, String managementAccountId) {
        String region = options.region();
        String bucket = "aws-cloudtrail-logs-" + managementAccountId + "-" + Hashing.lowerAlnum(Hashing.hash(options.seed(), 5), 8);
        String key = options.trailKmsKey() ? "arn:aws:kms:" + region + ":" + managementAccountId + ":key/"
                + new UUID(Hashing.hash(options.seed(), 6), Hashing.hash(options.seed(), 7)) : null;
        return new OrganizationTrail(options.trailName(),
                "arn:aws:cloudtrail:" + region + ":" + managementAccountId + ":trail/" + options.trailName(), region,
                bucket, key);
    }
}
