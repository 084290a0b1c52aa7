package io.policygen.simulator;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * Control calls that change the organization or act in it as someone else would:
 * <ul>
 *   <li>{@code POST /_simulator/principals?account=&type=role|user&path=/&name=} and
 *       {@code DELETE /_simulator/principals?arn=} - add or delete a principal</li>
 *   <li>{@code POST /_simulator/generations?account=&principal=&region=&window=P30D} - starts a generation as a
 *       console user would (principal: the account's first role or user by default; region: the home Region,
 *       whose CloudTrail it reads; window: the CloudTrail period up to now, 30 days by default - what a console
 *       user picks is the simulator's guess). It holds the slot, counts against the daily quota and is listed by
 *       ListPolicyGenerations; a refusal answers Access Analyzer's own error (402 or 409)</li>
 *   <li>{@code POST /_simulator/accounts?account=&state=SUSPENDED} - a member account's State changes (ACTIVE,
 *       SUSPENDED, PENDING_ACTIVATION, PENDING_CLOSURE, CLOSED), as when AWS suspends it or its owner closes it:
 *       listed so from now on, AssumeRole into it refused unless it is usable; its generations are left as they are</li>
 * </ul>
 */
final class OrganizationControl {

    private static final Set<String> ROUTES = Set.of("POST /_simulator/principals", "DELETE /_simulator/principals",
            "POST /_simulator/generations", "POST /_simulator/accounts");

    private final Simulator simulator;

    OrganizationControl(Simulator simulator) {
        this.simulator = simulator;
    }

    boolean handles(String route) {
        return ROUTES.contains(route);
    }

    SimResponse handle(String route, Map<String, String> query) {
        return switch (route) {
            case "POST /_simulator/principals" -> addPrincipal(query);
            case "DELETE /_simulator/principals" -> deletePrincipal(query);
            case "POST /_simulator/generations" -> startConsoleGeneration(query);
            case "POST /_simulator/accounts" -> changeAccountState(query);
            default -> throw new IllegalStateException(route);
        };
    }

    private SimResponse startConsoleGeneration(Map<String, String> query) {
        String account = query.get("account");
        if (account == null) {
            throw new IllegalArgumentException("account=<id> is required (principal=, region=, window= are optional)");
        }
        Generation g;
        try {
            g = simulator.consoleGeneration(account, query.get("principal"),
                    query.getOrDefault("region", simulator.organization().region()),
                    Duration.parse(query.getOrDefault("window", "P30D")));
        } catch (AwsError refusal) {
            return Protocols.restJsonError(refusal);
        }
        ObjectNode body = Protocols.JSON.createObjectNode();
        body.put("jobId", g.jobId);
        body.put("accountId", g.accountId);
        body.put("region", g.region);
        body.put("principalArn", g.principalArn());
        body.put("completesAt", GenerationViews.iso(g.completesAt));
        body.put("logFilesRead", g.plan.logFiles());
        return ControlEndpoint.ok(body);
    }

    private SimResponse changeAccountState(Map<String, String> query) {
        String account = query.get("account");
        String state = query.get("state");
        if (account == null || state == null) {
            throw new IllegalArgumentException("account=<id> and state=<ACTIVE|SUSPENDED|PENDING_ACTIVATION|PENDING_CLOSURE|CLOSED>"
                    + " are required");
        }
        Account changed = simulator.organization().changeState(account, state);
        ObjectNode body = Protocols.JSON.createObjectNode();
        body.put("accountId", changed.id());
        body.put("state", changed.state());
        body.put("status", changed.status());
        return ControlEndpoint.ok(body);
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
        return ControlEndpoint.ok(body);
    }

    private SimResponse deletePrincipal(Map<String, String> query) {
        String arn = query.get("arn");
        if (arn == null) {
            throw new IllegalArgumentException("arn=<principal ARN> is required");
        }
        if (!simulator.organization().deletePrincipal(arn)) {
            return SimResponse.error(404, Protocols.REST_JSON, "NotFound",
                    Protocols.JSON.writeValueAsString(ControlEndpoint.message("no principal " + arn)), Map.of());
        }
        return ControlEndpoint.ok(ControlEndpoint.message("deleted " + arn));
    }
}
