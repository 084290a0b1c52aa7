package io.policygen.preflight;

import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** How a preflight line names an AWS error: the call and AWS's error code, or what kept the call from AWS. */
final class AwsErrors {

    /** IAM, STS and Organizations spell it differently. */
    private static final Set<String> ACCESS_DENIED = Set.of("AccessDenied", "AccessDeniedException");

    private AwsErrors() {
    }

    static String code(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null
                && service.awsErrorDetails().errorCode() != null) {
            return service.awsErrorDetails().errorCode();
        }
        return e.getClass().getSimpleName();
    }

    static boolean accessDenied(SdkException e) {
        return ACCESS_DENIED.contains(code(e));
    }

    /** "IAM GetRole: NoSuchEntity". */
    static String said(String call, SdkException e) {
        return call + ": " + code(e);
    }

    /** With AWS's message too, for an error the line has no words of its own for. */
    static String saidWithMessage(String call, SdkException e) {
        String message = e instanceof AwsServiceException service && service.awsErrorDetails() != null
                ? service.awsErrorDetails().errorMessage() : e.getMessage();
        return said(call, e) + (message == null ? "" : ": " + message.replace('\n', ' '));
    }
}
