package io.policygen.simulator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/** Common ground of the AWS Query services (STS, IAM): form-encoded Action, XML answers and errors. */
abstract class QueryService implements AwsService {

    private final String namespace;
    private final String version;
    private final Set<String> actions;

    QueryService(String namespace, String version, Set<String> actions) {
        this.namespace = namespace;
        this.version = version;
        this.actions = actions;
    }

    @Override
    public String operation(SimRequest request) {
        Map<String, String> form = request.formParameters();
        String action = form.get("Action");
        if (action == null || !actions.contains(action)) {
            throw new AwsError(400, "InvalidAction", "Could not find operation " + action + " for version " + version);
        }
        if (!version.equals(form.get("Version"))) {
            throw new AwsError(400, "InvalidAction", "Could not find operation " + action + " for version "
                    + form.get("Version"));
        }
        return action;
    }

    SimResponse success(String action, String requestId, Xml result) {
        return Protocols.querySuccess(action, namespace, requestId, result);
    }

    @Override
    public SimResponse render(AwsError error, String requestId) {
        return Protocols.queryError(error, namespace, requestId);
    }

    @Override
    public AwsError throttled() {
        return new AwsError(400, "Throttling", "Rate exceeded");
    }

    @Override
    public AwsError unknownAccessKey() {
        return new AwsError(403, "InvalidClientTokenId", "The security token included in the request is invalid.");
    }

    @Override
    public AwsError badSignature() {
        return new AwsError(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the "
                + "signature you provided. Check your AWS Secret Access Key and signing method.");
    }

    @Override
    public AwsError expiredToken() {
        return new AwsError(403, "ExpiredToken", "The security token included in the request is expired");
    }

    @Override
    public AwsError accessDenied(Identity caller, String action) {
        return new AwsError(403, "AccessDenied", Protocols.deniedByScp(caller, action));
    }

    @Override
    public AwsError missingAuthentication() {
        return new AwsError(403, "MissingAuthenticationToken", "Request is missing Authentication Token");
    }

    /** A policy document as IAM sends it: URL-encoded (RFC 3986: a space is %20, never +). */
    static String policyDocument(String json) {
        return URLEncoder.encode(json, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static AwsError validation(String message) {
        return new AwsError(400, "ValidationError", message);
    }

    static int intParameter(Map<String, String> form, String name, int defaultValue, int min, int max) {
        String value = form.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the validation error
        }
        throw validation("1 validation error detected: Value '" + value + "' at '"
                + Character.toLowerCase(name.charAt(0)) + name.substring(1)
                + "' failed to satisfy constraint: Member must have value between " + min + " and " + max);
    }
}
