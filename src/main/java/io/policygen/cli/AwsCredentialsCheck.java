package io.policygen.cli;

import io.policygen.run.ExitCode;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.profiles.ProfileFileSystemSetting;

/**
 * The management account's credentials, looked for once before the run starts: without them every call would
 * fail, after the run lock and the run's row. No credentials is configuration (exit 2): a retry cannot find any.
 */
final class AwsCredentialsCheck {

    private AwsCredentialsCheck() {
    }

    static void check(AwsCredentialsProvider credentials) {
        try {
            credentials.resolveCredentials();
        } catch (SdkClientException e) {
            String profile = ProfileFileSystemSetting.AWS_PROFILE.getStringValue().orElse("default");
            throw new CommandFailure(ExitCode.BAD_CONFIGURATION, "no AWS credentials: the AWS SDK's default chain found none"
                    + " (system properties aws.accessKeyId/aws.secretAccessKey, environment AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY,"
                    + " a web identity token (EKS IRSA), profile '" + profile + "' in ~/.aws, container credentials (ECS, EKS Pod"
                    + " Identity), an EC2 instance profile); give policygen the management account's credentials through one"
                    + " of them, e.g. AWS_PROFILE=NAME", e);
        }
    }
}
