package io.policygen.simulator;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A response ready to write; {@code outcome} is "ok" or the error code, for the request counts. */
record SimResponse(int status, String contentType, Map<String, String> headers, byte[] body, String outcome) {

    static SimResponse ok(String contentType, String body) {
        return new SimResponse(200, contentType, Map.of(), body.getBytes(StandardCharsets.UTF_8), "ok");
    }

    static SimResponse error(int status, String contentType, String code, String body, Map<String, String> headers) {
        return new SimResponse(status, contentType, headers, body.getBytes(StandardCharsets.UTF_8), code);
    }

    SimResponse withHeader(String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(name, value);
        return new SimResponse(status, contentType, all, body, outcome);
    }
}
