package io.policygen.simulator;

/** One simulated AWS service: its operations, and its own way of saying each kind of error. */
interface AwsService {

    /** The service name in the SigV4 credential scope, e.g. {@code access-analyzer}. */
    String signingName();

    /** The operation a request calls; throws the service's own error if there is none. */
    String operation(SimRequest request);

    SimResponse handle(String operation, SimRequest request, Identity caller, String region, String requestId);

    SimResponse render(AwsError error, String requestId);

    AwsError throttled();

    AwsError internalError();

    AwsError unknownAccessKey();

    AwsError badSignature();

    /** Credentials past their expiration: the words every service uses, in its own protocol's code. */
    AwsError expiredToken();

    /** The caller may not perform the action (IAM's words; {@code action} as in a policy, e.g. iam:ListRoles). */
    AwsError accessDenied(Identity caller, String action);

    AwsError missingAuthentication();
}
