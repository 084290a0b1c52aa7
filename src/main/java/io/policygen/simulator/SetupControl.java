package io.policygen.simulator;

import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * Control calls that break (and repair) the organization's setup while the simulator runs; each answers the
 * setup as it now is ({@code failingAccounts}, {@code failingPrincipals}, {@code brokenAccessRoles},
 * {@code brokenTrailBucket}, {@code noPassRole}). Generations already started keep the end they were given.
 * <ul>
 *   <li>{@code POST /_simulator/job-errors?account=&code=CODE} or {@code ?principal=ARN&code=CODE} - generations
 *       started there end FAILED with that jobError.code; {@code DELETE /_simulator/job-errors[?account=][&principal=]}
 *       clears them (all without parameters)</li>
 *   <li>{@code POST /_simulator/broken-access-roles?account=&how=MISSING|UNTRUSTED},
 *       {@code DELETE /_simulator/broken-access-roles[?account=]}</li>
 *   <li>{@code POST /_simulator/broken-trail-bucket}, {@code DELETE /_simulator/broken-trail-bucket}</li>
 *   <li>{@code POST /_simulator/no-pass-role?account=}, {@code DELETE /_simulator/no-pass-role?account=}</li>
 *   <li>{@code POST /_simulator/denied-actions?account=&action=access-analyzer:GetGeneratedPolicy} - every caller in
 *       the account is refused the action (AccessDenied / AccessDeniedException, "... with an explicit deny in a
 *       service control policy"); {@code &region=eu-west-1} in that Region only (an SCP's condition on
 *       {@code aws:RequestedRegion}); {@code DELETE} with the same parameters allows it again</li>
 * </ul>
 */
final class SetupControl {

    private static final Set<String> PATHS = Set.of("/_simulator/job-errors", "/_simulator/broken-access-roles",
            "/_simulator/broken-trail-bucket", "/_simulator/no-pass-role", "/_simulator/denied-actions");

    private final Simulator simulator;

    SetupControl(Simulator simulator) {
        this.simulator = simulator;
    }

    boolean handles(String route) {
        String[] methodAndPath = route.split(" ", 2);
        return (methodAndPath[0].equals("POST") || methodAndPath[0].equals("DELETE")) && PATHS.contains(methodAndPath[1]);
    }

    SimResponse handle(String route, Map<String, String> query) {
        SetupState setup = simulator.setup();
        String account = query.get("account");
        String principal = query.get("principal");
        switch (route) {
            case "POST /_simulator/job-errors" -> {
                JobErrorCode code = JobErrorCode.parse(required(query, "code", "e.g. code=AUTHORIZATION_ERROR"));
                if ((account == null) == (principal == null)) {
                    throw new IllegalArgumentException("give account=<id> or principal=<ARN>, and code=<job error code>");
                }
                if (account != null) {
                    setup.failAccount(account, code);
                } else {
                    setup.failPrincipal(principal, code);
                }
            }
            case "DELETE /_simulator/job-errors" -> setup.clearJobErrors(account, principal);
            case "POST /_simulator/broken-access-roles" -> setup.breakAccessRole(required(query, "account", "an account id"),
                    AccessRoleBreak.parse(required(query, "how", "MISSING or UNTRUSTED")));
            case "DELETE /_simulator/broken-access-roles" -> setup.repairAccessRole(account);
            case "POST /_simulator/broken-trail-bucket" -> setup.breakTrailBucket(true);
            case "DELETE /_simulator/broken-trail-bucket" -> setup.breakTrailBucket(false);
            case "POST /_simulator/no-pass-role" -> setup.denyPassRole(required(query, "account", "an account id"), true);
            case "DELETE /_simulator/no-pass-role" -> setup.denyPassRole(required(query, "account", "an account id"), false);
            case "POST /_simulator/denied-actions" -> setup.denyAction(required(query, "account", "an account id"),
                    query.get("action"), query.get("region"), true);
            case "DELETE /_simulator/denied-actions" -> setup.denyAction(required(query, "account", "an account id"),
                    query.get("action"), query.get("region"), false);
            default -> throw new IllegalStateException(route);
        }
        return SimResponse.ok(Protocols.REST_JSON, Protocols.JSON.writeValueAsString(json(setup)));
    }

    /** The setup as the state JSON shows it: what is broken, and the actions denied by account. */
    static ObjectNode json(SetupState setup) {
        ObjectNode json = Protocols.JSON.valueToTree(setup.snapshot());
        json.set("deniedActions", Protocols.JSON.valueToTree(setup.deniedActions()));
        return json;
    }

    private static String required(Map<String, String> query, String name, String what) {
        String value = query.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + "= is required: " + what);
        }
        return value;
    }
}
