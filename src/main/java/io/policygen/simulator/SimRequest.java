package io.policygen.simulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One HTTP request as the simulator sees it: headers keyed in lower case, the raw path and query, the body. */
record SimRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {

    String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Decoded query-string parameters (first value wins). */
    Map<String, String> queryParameters() {
        return decodeForm(rawQuery);
    }

    /** Decoded form-encoded body parameters (AWS Query protocol). */
    Map<String, String> formParameters() {
        return decodeForm(bodyText());
    }

    static Map<String, String> decodeForm(String encoded) {
        Map<String, String> params = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return params;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(key, value);
        }
        return params;
    }
}
