package io.policygen.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error answer in the service's own terms: HTTP status, error code, message and any extra
 * members the service's model requires (e.g. Access Analyzer's resourceId / resourceType).
 * Each protocol renders it its own way.
 */
final class AwsError extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, Object> fields;
    private final boolean serverFault;

    AwsError(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    AwsError(int status, String code, String message, Map<String, Object> fields) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.fields = new LinkedHashMap<>(fields);
        this.serverFault = status >= 500;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    Map<String, Object> fields() {
        return fields;
    }

    /** Query protocol error {@code Type}: Sender or Receiver. */
    String faultType() {
        return serverFault ? "Receiver" : "Sender";
    }
}
