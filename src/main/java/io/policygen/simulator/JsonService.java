package io.policygen.simulator;

/** The JSON-protocol services (Organizations, Access Analyzer) refuse bad signing alike. */
interface JsonService extends AwsService {

    @Override
    default AwsError unknownAccessKey() {
        return new AwsError(403, "UnrecognizedClientException", "The security token included in the request is invalid.");
    }

    @Override
    default AwsError badSignature() {
        return new AwsError(403, "InvalidSignatureException",
                "The request signature we calculated does not match the signature you provided.");
    }

    /** The "Common Errors" of AWS's API references: ExpiredTokenException, HTTP 403. */
    @Override
    default AwsError expiredToken() {
        return new AwsError(403, "ExpiredTokenException", "The security token included in the request is expired");
    }

    @Override
    default AwsError accessDenied(Identity caller, String action) {
        return new AwsError(403, "AccessDeniedException", Protocols.deniedByScp(caller, action));
    }

    @Override
    default AwsError missingAuthentication() {
        return new AwsError(403, "MissingAuthenticationTokenException", "Missing Authentication Token");
    }
}
