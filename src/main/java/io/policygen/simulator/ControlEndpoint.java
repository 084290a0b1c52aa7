package io.policygen.simulator;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * Not AWS: the simulator's own endpoints for tests and tools, unsigned.
 * <ul>
 *   <li>{@code GET /_simulator/state[?generations=false]} - organization, accounts, generations, clock, requests</li>
 *   <li>{@code POST /_simulator/clock?advance=PT24H} - moves the simulated clock</li>
 *   <li>{@code POST /_simulator/faults?operation=Op|*&errorRate=&throttleRate=&latency=&lostStartResponses=
 *       &failNext=&throttleNext=} - changes faults (parameters not given keep their value)</li>
 *   <li>{@code DELETE /_simulator/faults} - removes every fault</li>
 *   <li>{@code POST /_simulator/quotas?concurrent=&daily=} and {@code POST /_simulator/rates?operation=&rate=}</li>
 *   <li>{@code POST /_simulator/principals?account=&type=role|user&path=/&name=} and
 *       {@code DELETE /_simulator/principals?arn=} - change the organization</li>
 * </ul>
 */
final class ControlEndpoint {

    static final String PREFIX = "/_simulator";

    private final Simulator simulator;

    ControlEndpoint(Simulator simulator) {
        this.simulator = simulator;
    }

    SimResponse handle(SimRequest request) {
        try {
            Map<String, String> query = request.queryParameters();
            String route = request.method() + " " + request.rawPath();
            return switch (route) {
                case "GET /_simulator/state" ->
                        ok(simulator.state(!"false".equals(query.get("generations"))));
                case "POST /_simulator/clock" -> clock(query);
                case "POST /_simulator/faults" -> faults(query);
                case "DELETE /_simulator/faults" -> {
                    simulator.faults().clear();
                    yield ok(message("faults cleared"));
                }
                case "POST /_simulator/quotas" -> quotas(query);
                case "POST /_simulator/rates" -> rates(query);
                case "POST /_simulator/principals" -> addPrincipal(query);
                case "DELETE /_simulator/principals" -> deletePrincipal(query);
                default -> SimResponse.error(404, Protocols.REST_JSON, "NotFound",
                        Protocols.JSON.writeValueAsString(message("no such simulator endpoint: " + route)), Map.of());
            };
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return SimResponse.error(400, Protocols.REST_JSON, "BadRequest",
                    Protocols.JSON.writeValueAsString(message(e.getMessage())), Map.of());
        }
    }

    private SimResponse clock(Map<String, String> query) {
        String advance = query.get("advance");
        if (advance == null) {
            throw new IllegalArgumentException("advance=<ISO-8601 duration> is required, e.g. advance=PT24H");
        }
        simulator.clock().advance(Duration.parse(advance));
        ObjectNode body = Protocols.JSON.createObjectNode();
        body.put("clock", simulator.clock().instant().toString());
        return ok(body);
    }

    private SimResponse faults(Map<String, String> query) {
        String operation = query.getOrDefault("operation", Faults.ALL);
        Faults faults = simulator.faults();
        FaultSettings f = faults.settings(operation);
        if (query.containsKey("errorRate")) {
            f = f.withErrorRate(Double.parseDouble(query.get("errorRate")));
        }
        if (query.containsKey("throttleRate")) {
            f = f.withThrottleRate(Double.parseDouble(query.get("throttleRate")));
        }
        if (query.containsKey("latency")) {
            f = f.withLatency(Duration.parse(query.get("latency")));
        }
        if (query.containsKey("lostStartResponses")) {
            f = f.withLostStartResponses(Double.parseDouble(query.get("lostStartResponses")));
        }
        faults.set(operation, f);
        if (query.containsKey("failNext")) {
            faults.failNext(operation, Integer.parseInt(query.get("failNext")));
        }
        if (query.containsKey("throttleNext")) {
            faults.throttleNext(operation, Integer.parseInt(query.get("throttleNext")));
        }
        ObjectNode body = Protocols.JSON.createObjectNode();
        body.put("operation", operation);
        body.set("faults", Protocols.JSON.valueToTree(Simulator.faultJson(f)));
        return ok(body);
    }

    private SimResponse quotas(Map<String, String> query) {
        if (query.containsKey("concurrent")) {
            simulator.setConcurrentQuota(Integer.parseInt(query.get("concurrent")));
        }
        if (query.containsKey("daily")) {
            simulator.setDailyQuota(Integer.parseInt(query.get("daily")));
        }
        ObjectNode body = Protocols.JSON.createObjectNode();
        body.put("concurrent", simulator.concurrentQuota());
        body.put("daily", simulator.dailyQuota());
        return ok(body);
    }

    private SimResponse rates(Map<String, String> query) {
        double rate = Double.parseDouble(query.getOrDefault("rate", "0"));
        String operation = query.getOrDefault("operation", Faults.ALL);
        if (operation.equals(Faults.ALL)) {
            simulator.rates().setDefaultRate(rate);
        } else {
            simulator.rates().setRate(operation, rate);
        }
        return ok(message("rate of " + operation + " set to " + rate + "/s"));
    }

    private SimResponse addPrincipal(Map<String, String> query) {
        String type = query.getOrDefault("type", "role");
        Principal.Kind kind = switch (type) {
            case "role" -> Principal.Kind.ROLE;
            case "user" -> Principal.Kind.USER;
            default -> throw new IllegalArgumentException("type must be role or user, was " + type);
        };
        String account = query.get("account");
        String name = query.get("name");
        if (account == null || name == null) {
            throw new IllegalArgumentException("account=<id> and name=<name> are required (path=/ and type=role by default)");
        }
        Principal p = simulator.organization().addPrincipal(account, kind, query.getOrDefault("path", "/"), name,
                simulator.clock().instant());
        ObjectNode body = Protocols.JSON.createObjectNode();
        body.put("arn", p.arn());
        body.put("id", p.id());
        return ok(body);
    }

    private SimResponse deletePrincipal(Map<String, String> query) {
        String arn = query.get("arn");
        if (arn == null) {
            throw new IllegalArgumentException("arn=<principal ARN> is required");
        }
        if (!simulator.organization().deletePrincipal(arn)) {
            return SimResponse.error(404, Protocols.REST_JSON, "NotFound",
                    Protocols.JSON.writeValueAsString(message("no principal " + arn)), Map.of());
        }
        return ok(message("deleted " + arn));
    }

    private static ObjectNode message(String text) {
        ObjectNode body = Protocols.JSON.createObjectNode();
        body.put("message", text);
        return body;
    }

    private static SimResponse ok(ObjectNode body) {
        return SimResponse.ok(Protocols.REST_JSON, Protocols.JSON.writeValueAsString(body));
    }
}
