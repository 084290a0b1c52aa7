package io.policygen.simulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * IAM Access Analyzer policy generation over REST-JSON: StartPolicyGeneration, GetGeneratedPolicy,
 * ListPolicyGenerations and CancelPolicyGeneration, acting in the calling account and the Region of the
 * request's signature. Requests are validated by {@link StartGenerationInput}, run by
 * {@link PolicyGenerations} and rendered by {@link GenerationViews}.
 */
final class AccessAnalyzerService implements JsonService {

    private static final String BASE = "/policy/generation";

    private final SimulatedOrganization organization;
    private final PolicyGenerations generations;
    private final SetupState setup;
    private final SimulatedClock clock;
    private final Faults faults;
    private final GenerationViews views;

    AccessAnalyzerService(SimulatedOrganization organization, PolicyGenerations generations, SetupState setup,
                          SimulatedClock clock, Faults faults, GenerationViews views) {
        this.organization = organization;
        this.generations = generations;
        this.setup = setup;
        this.clock = clock;
        this.faults = faults;
        this.views = views;
    }

    @Override
    public String signingName() {
        return "access-analyzer";
    }

    @Override
    public String operation(SimRequest request) {
        String path = request.rawPath();
        boolean collection = path.equals(BASE) || path.equals(BASE + "/");
        boolean item = path.startsWith(BASE + "/") && path.length() > BASE.length() + 1
                && path.indexOf('/', BASE.length() + 1) < 0;
        return switch (request.method()) {
            case "PUT" -> collection ? "StartPolicyGeneration" : item ? "CancelPolicyGeneration" : unknown(request);
            case "GET" -> collection ? "ListPolicyGenerations" : item ? "GetGeneratedPolicy" : unknown(request);
            default -> unknown(request);
        };
    }

    private static String unknown(SimRequest request) {
        throw new AwsError(404, "UnknownOperationException", "No operation for " + request.method() + " "
                + request.rawPath());
    }

    @Override
    public SimResponse handle(String operation, SimRequest request, Identity caller, String region, String requestId) {
        return Protocols.restJsonSuccess(switch (operation) {
            case "StartPolicyGeneration" -> start(request, caller, region);
            case "GetGeneratedPolicy" -> {
                Generation generation = generations.find(caller.accountId(), region, jobId(request));
                long now = clock.nowMillis();
                if (now < generation.startedOn + faults.settings(operation).unreadableFor().toMillis()) {
                    throw PolicyGenerations.notFound(generation.jobId);
                }
                generation.lookedAt(now);
                yield views.generatedPolicy(generation, now, request.queryParameters());
            }
            case "ListPolicyGenerations" -> list(request, caller, region);
            case "CancelPolicyGeneration" -> {
                generations.find(caller.accountId(), region, jobId(request)).cancel(clock.nowMillis());
                yield Protocols.JSON.createObjectNode();
            }
            default -> throw new IllegalStateException(operation);
        });
    }

    private ObjectNode start(SimRequest request, Identity caller, String region) {
        StartGenerationInput input = StartGenerationInput.parse(request.body(), organization.trailArn(),
                clock.instant());
        String account = caller.accountId();
        if (!input.principalAccount().equals(account)) {
            throw new AwsError(403, "AccessDeniedException", "User: " + caller.arn() + " is not authorized to "
                    + "generate a policy for " + input.principalArn() + ": the principal is not in account "
                    + account + ".");
        }
        // a guess: AWS documents no answer for a principal that does not exist; a ValidationException whose fieldList
        // names the field is the model's way to refuse one field (ValidationException, service-2.json)
        Principal principal = organization.principal(input.principalArn()).orElseThrow(() ->
                StartGenerationInput.invalid("policyGenerationDetails.principalArn", "Principal "
                        + input.principalArn() + " does not exist in account " + account + "."));
        if (!input.accessRole().equals(organization.accessRoleArn(account))) {
            throw StartGenerationInput.invalid("cloudTrailDetails.accessRole", "Access role " + input.accessRole()
                    + " is not a role in account " + account + " that IAM Access Analyzer can assume.");
        }
        // the caller passes the access role to Access Analyzer: without iam:PassRole on it, IAM refuses the start
        if (setup.passRoleDenied(account)) {
            throw new AwsError(403, "AccessDeniedException", "User: " + caller.arn() + " is not authorized to "
                    + "perform: iam:PassRole on resource: " + input.accessRole());
        }
        Generation g = generations.start(account, region, input.clientToken(), principal, false,
                input.request());
        ObjectNode body = Protocols.JSON.createObjectNode();
        body.put("jobId", g.jobId);
        return body;
    }

    /** Every generation of the account and Region (of one principal if asked) of the last 7 days, newest first. */
    private ObjectNode list(SimRequest request, Identity caller, String region) {
        Map<String, String> query = request.queryParameters();
        String principalArn = query.get("principalArn");
        if (principalArn != null && !StartGenerationInput.isPrincipalArn(principalArn)) {
            throw StartGenerationInput.invalid("principalArn", "principalArn must be the ARN of an IAM role or user.");
        }
        // the model sets maxResults' minimum (1) and no maximum; 100 when not given is the simulator's choice
        int max = 100;
        if (query.containsKey("maxResults")) {
            try {
                max = Integer.parseInt(query.get("maxResults"));
            } catch (NumberFormatException e) {
                max = -1;
            }
            if (max < 1) {
                throw StartGenerationInput.invalid("maxResults", "maxResults must be at least 1.");
            }
        }
        String scope = "a/" + caller.accountId() + "/" + region + "/" + (principalArn == null ? "*" : principalArn);
        long before = Long.MAX_VALUE;
        if (query.get("nextToken") != null) {
            PageToken token = PageToken.decode(query.get("nextToken"), scope);
            if (token == null) {
                throw StartGenerationInput.invalid("nextToken", "Invalid nextToken.");
            }
            before = token.position();
        }
        List<Generation> page = generations.list(caller.accountId(), region, principalArn, before,
                (int) Math.min(Integer.MAX_VALUE - 1L, max) + 1);
        String next = page.size() > max ? new PageToken(scope, page.get(max - 1).seq, 1).encode() : null;
        return views.listPage(page, max, clock.nowMillis(), next);
    }

    private static String jobId(SimRequest request) {
        String raw = request.rawPath().substring(BASE.length() + 1);
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public SimResponse render(AwsError error, String requestId) {
        return Protocols.restJsonError(error);
    }

    @Override
    public AwsError throttled() {
        return new AwsError(429, "ThrottlingException", "Rate exceeded", Map.of("retryAfterSeconds", 1));
    }

    @Override
    public AwsError internalError() {
        return new AwsError(500, "InternalServerException", "Internal server error. Try again.");
    }
}
