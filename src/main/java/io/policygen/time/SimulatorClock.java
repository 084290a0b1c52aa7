package io.policygen.time;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import tools.jackson.databind.json.JsonMapper;

/**
 * A clock that follows the simulator's simulated time (real time plus the days it was moved on), so that a
 * separate job process sees "the next day" when the simulator does. Only with {@code policygen.aws.clock=simulator};
 * the offset is read once, on first use, so a bad configuration still stops before any request.
 */
public final class SimulatorClock extends Clock {

    private final URI endpoint;
    private volatile Duration offset;

    public SimulatorClock(URI endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset());
    }

    private Duration offset() {
        if (offset == null) {
            synchronized (this) {
                if (offset == null) {
                    offset = Duration.between(Instant.now(), fetch());
                }
            }
        }
        return offset;
    }

    private Instant fetch() {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/_simulator/state?generations=false"))
                    .timeout(Duration.ofSeconds(10)).build();
            String body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
            return Instant.parse(JsonMapper.builder().build().readTree(body).get("clock").asString());
        } catch (ConnectException e) {
            throw new IllegalStateException("cannot read the simulator's clock at " + endpoint + ": nothing answers there"
                    + " (is the simulator running? policygen.aws.clock: simulator is for the simulator only)", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the simulator's clock at " + endpoint + ": " + e.getMessage(), e);
        }
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the simulator's time is in UTC");
    }
}
