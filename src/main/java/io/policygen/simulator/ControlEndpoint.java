package io.policygen.simulator;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * Not AWS: the simulator's own endpoints for tests and tools, unsigned.
 * <ul>
 *   <li>{@code GET /_simulator/state[?generations=false]} - organization, quotas, setup, accounts (with their
 *       active Regions and log files per Region and day), generations, clock, requests</li>
 *   <li>{@code POST /_simulator/clock?advance=PT24H} - moves the simulated clock</li>
 *   <li>{@code POST /_simulator/faults?operation=Op|*&errorRate=&throttleRate=&latency=&lostStartResponses=
 *       &unreadableFor=&failNext=&throttleNext=} - changes faults (parameters not given keep their value);
 *       {@code &account=} confines {@code errorRate}, {@code throttleRate}, {@code latency} and {@code failNext} to
 *       the calls signed as that account (its member sessions'), as one account's IAM having a bad night</li>
 *   <li>{@code DELETE /_simulator/faults} - removes every fault</li>
 *   <li>{@code POST /_simulator/expired-credentials?who=management|sessions} - the management account's credentials
 *       expire (every call they sign, AssumeRole too, answers ExpiredToken / ExpiredTokenException) or the member
 *       sessions handed out so far end; {@code DELETE /_simulator/expired-credentials} renews the management's</li>
 *   <li>{@code POST /_simulator/quotas?concurrent=&daily=&concurrencyError=quota|conflict} ({@code daily=0}: AWS's
 *       quota per Region) and {@code POST /_simulator/rates?operation=&rate=}</li>
 *   <li>the organization and others' generations: see {@link OrganizationControl}</li>
 *   <li>the broken setup (job errors, access roles, trail bucket, PassRole): see {@link SetupControl}</li>
 * </ul>
 * A request that names a wrong value answers 400 with {@code {"message": ...}}.
 */
final class ControlEndpoint {

    static final String PREFIX = "/_simulator";

    private final Simulator simulator;
    private final OrganizationControl organization;
    private final SetupControl setup;

    ControlEndpoint(Simulator simulator) {
        this.simulator = simulator;
        this.organization = new OrganizationControl(simulator);
        this.setup = new SetupControl(simulator);
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
                case "POST /_simulator/expired-credentials" -> expireCredentials(query.get("who"));
                case "DELETE /_simulator/expired-credentials" -> {
                    simulator.expireManagementCredentials(false);
                    yield ok(message("the management account's credentials were renewed"));
                }
                case "POST /_simulator/quotas" -> quotas(query);
                case "POST /_simulator/rates" -> rates(query);
                default -> organization.handles(route) ? organization.handle(route, query)
                        : setup.handles(route) ? setup.handle(route, query)
                        : SimResponse.error(404, Protocols.REST_JSON, "NotFound",
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
        String account = query.get("account");
        if (account != null) {
            return accountFaults(query, operation, account);
        }
        FaultSettings f = rates(faults.settings(operation), query);
        if (query.containsKey("lostStartResponses")) {
            f = f.withLostStartResponses(Double.parseDouble(query.get("lostStartResponses")));
        }
        if (query.containsKey("unreadableFor")) {
            f = f.withUnreadableFor(Duration.parse(query.get("unreadableFor")));
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
        body.set("faults", Protocols.JSON.valueToTree(SimulatorState.faultJson(f)));
        return ok(body);
    }

    private SimResponse accountFaults(Map<String, String> query, String operation, String account) {
        if (simulator.organization().account(account).isEmpty()) {
            throw new IllegalArgumentException("account=" + account + ": not an account of the organization");
        }
        if (operation.equals(Faults.ALL)) {
            throw new IllegalArgumentException("account= needs operation=<an operation>: one account's faults are per operation");
        }
        for (String other : new String[] {"lostStartResponses", "unreadableFor", "throttleNext"}) {
            if (query.containsKey(other)) {
                throw new IllegalArgumentException(other + "= is set for every account: leave out account=");
            }
        }
        Faults faults = simulator.faults();
        FaultSettings f = rates(faults.settings(operation, account), query);
        faults.set(operation, account, f);
        if (query.containsKey("failNext")) {
            faults.failNext(operation, account, Integer.parseInt(query.get("failNext")));
        }
        ObjectNode body = Protocols.JSON.createObjectNode();
        body.put("operation", operation);
        body.put("account", account);
        body.set("faults", Protocols.JSON.valueToTree(SimulatorState.faultJson(f)));
        return ok(body);
    }

    /** The settings a fault in one account may have too: errorRate, throttleRate and latency. */
    private static FaultSettings rates(FaultSettings f, Map<String, String> query) {
        if (query.containsKey("errorRate")) {
            f = f.withErrorRate(Double.parseDouble(query.get("errorRate")));
        }
        if (query.containsKey("throttleRate")) {
            f = f.withThrottleRate(Double.parseDouble(query.get("throttleRate")));
        }
        if (query.containsKey("latency")) {
            f = f.withLatency(Duration.parse(query.get("latency")));
        }
        return f;
    }

    private SimResponse expireCredentials(String who) {
        return switch (who == null ? "" : who) {
            case "management" -> {
                simulator.expireManagementCredentials(true);
                yield ok(message("the management account's credentials expired"));
            }
            case "sessions" -> ok(message(simulator.expireMemberSessions() + " member session(s) expired"));
            default -> throw new IllegalArgumentException("who=management or who=sessions is required, not " + who);
        };
    }

    private SimResponse quotas(Map<String, String> query) {
        if (query.containsKey("concurrent")) {
            simulator.setConcurrentQuota(Integer.parseInt(query.get("concurrent")));
        }
        if (query.containsKey("daily")) {
            simulator.setDailyQuota(Integer.parseInt(query.get("daily")));
        }
        if (query.containsKey("concurrencyError")) {
            simulator.setConcurrencyError(ConcurrencyError.parse(query.get("concurrencyError")));
        }
        ObjectNode body = Protocols.JSON.createObjectNode();
        body.put("concurrent", simulator.concurrentQuota());
        body.put("daily", simulator.dailyQuota());
        body.put("concurrencyError", simulator.concurrencyError().name().toLowerCase(Locale.ROOT));
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

    static ObjectNode message(String text) {
        ObjectNode body = Protocols.JSON.createObjectNode();
        body.put("message", text);
        return body;
    }

    static SimResponse ok(ObjectNode body) {
        return SimResponse.ok(Protocols.REST_JSON, Protocols.JSON.writeValueAsString(body));
    }
}
