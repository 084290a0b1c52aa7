package io.policygen.simulator;

import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * AWS Organizations over AWS JSON 1.1 ({@code X-Amz-Target: AWSOrganizationsV20161128.<Op>}).
 * DescribeOrganization answers any account of the organization; the list operations only the management
 * account and the delegated administrator, as the model's documentation says; other members get
 * AccessDeniedException. (AWSOrganizationsNotInUseException is for accounts outside any organization: no
 * caller of the simulator is.) Pages hold at most 20 items and, now and then, none at all while still
 * carrying a NextToken, as AWS documents for every Organizations list operation. Bad input is
 * InvalidInputException with a {@code Reason} of the model's {@code InvalidInputExceptionReason} enum
 * (botocore {@code data/organizations/2016-11-28/service-2.json}): INPUT_REQUIRED, INVALID_PATTERN,
 * MIN_VALUE_EXCEEDED, MAX_VALUE_EXCEEDED, INVALID_NEXT_TOKEN.
 */
final class OrganizationsService implements JsonService {

    private static final String TARGET_PREFIX = "AWSOrganizationsV20161128.";
    private static final List<String> OPERATIONS = List.of("DescribeOrganization", "ListRoots", "ListAccounts",
            "ListAccountsForParent", "ListOrganizationalUnitsForParent");

    /** The model's ParentId pattern: a root or an OU. */
    private static final Pattern PARENT_ID = Pattern.compile("(r-[0-9a-z]{4,32})|(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})");

    private final SimulatedOrganization organization;
    private final long seed;

    OrganizationsService(SimulatedOrganization organization, long seed) {
        this.organization = organization;
        this.seed = seed;
    }

    @Override
    public String signingName() {
        return "organizations";
    }

    @Override
    public String operation(SimRequest request) {
        String target = request.header("x-amz-target");
        if (target != null && target.startsWith(TARGET_PREFIX)) {
            String op = target.substring(TARGET_PREFIX.length());
            if (OPERATIONS.contains(op)) {
                return op;
            }
        }
        throw new AwsError(400, "UnknownOperationException", "Unknown operation " + target);
    }

    @Override
    public SimResponse handle(String operation, SimRequest request, Identity caller, String region, String requestId) {
        boolean administrator = caller.accountId().equals(organization.managementAccountId())
                || organization.delegatedAdministrator().filter(caller.accountId()::equals).isPresent();
        if (!administrator && !operation.equals("DescribeOrganization")) {
            throw new AwsError(400, "AccessDeniedException",
                    "You don't have permissions to access this resource. Only the management account or a delegated "
                            + "administrator can call " + operation + ".");
        }
        JsonNode input = request.body().length == 0 ? Protocols.JSON.createObjectNode()
                : Protocols.JSON.readTree(request.body());
        return Protocols.json11Success(switch (operation) {
            case "DescribeOrganization" -> describeOrganization();
            case "ListRoots" -> listRoots();
            case "ListAccounts" -> listAccounts(input);
            case "ListAccountsForParent" -> listAccountsForParent(input);
            case "ListOrganizationalUnitsForParent" -> listUnitsForParent(input);
            default -> throw new IllegalStateException(operation);
        });
    }

    private ObjectNode describeOrganization() {
        ObjectNode body = Protocols.JSON.createObjectNode();
        ObjectNode org = body.putObject("Organization");
        Account management = organization.managementAccount();
        org.put("Id", organization.organizationId());
        org.put("Arn", organization.organizationArn());
        org.put("FeatureSet", "ALL");
        org.put("MasterAccountArn", accountArn(management.id()));
        org.put("MasterAccountId", management.id());
        org.put("MasterAccountEmail", management.email());
        org.putArray("AvailablePolicyTypes");
        return body;
    }

    private ObjectNode listRoots() {
        ObjectNode body = Protocols.JSON.createObjectNode();
        ObjectNode root = body.putArray("Roots").addObject();
        root.put("Id", organization.root().id());
        root.put("Arn", "arn:aws:organizations::" + organization.managementAccountId() + ":root/"
                + organization.organizationId() + "/" + organization.root().id());
        root.put("Name", "Root");
        root.putArray("PolicyTypes");
        return body;
    }

    private ObjectNode listAccounts(JsonNode input) {
        List<Account> accounts = organization.accounts();
        return page(input, "accounts", "Accounts", accounts.size(), i -> accountJson(accounts.get(i)));
    }

    private ObjectNode listAccountsForParent(JsonNode input) {
        String parentId = requireParent(input);
        List<Integer> indices = organization.accountIndicesUnder(parentId);
        if (indices == null) {
            throw parentNotFound(parentId);
        }
        List<Account> accounts = organization.accounts();
        return page(input, "accounts/" + parentId, "Accounts", indices.size(),
                i -> accountJson(accounts.get(indices.get(i))));
    }

    private ObjectNode listUnitsForParent(JsonNode input) {
        String parentId = requireParent(input);
        List<OrganizationalUnit> units = organization.unitsUnder(parentId);
        if (units == null) {
            throw parentNotFound(parentId);
        }
        return page(input, "ous/" + parentId, "OrganizationalUnits", units.size(), i -> {
            OrganizationalUnit ou = units.get(i);
            ObjectNode node = Protocols.JSON.createObjectNode();
            node.put("Id", ou.id());
            node.put("Arn", "arn:aws:organizations::" + organization.managementAccountId() + ":ou/"
                    + organization.organizationId() + "/" + ou.id());
            node.put("Name", ou.name());
            return node;
        });
    }

    private static String requireParent(JsonNode input) {
        String parentId = Protocols.text(input, "ParentId");
        if (parentId == null || parentId.isBlank()) {
            throw invalidInput("INPUT_REQUIRED", "You must specify a value for ParentId.");
        }
        if (!PARENT_ID.matcher(parentId).matches()) {
            throw invalidInput("INVALID_PATTERN", "You provided a value that does not match the required pattern "
                    + "for ParentId: " + parentId);
        }
        return parentId;
    }

    private static AwsError parentNotFound(String parentId) {
        return new AwsError(400, "ParentNotFoundException", "We can't find a root or OU with the ParentId "
                + parentId + " that you specified.");
    }

    private static AwsError invalidInput(String reason, String message) {
        return new AwsError(400, "InvalidInputException", message, Map.of("Reason", reason));
    }

    private ObjectNode page(JsonNode input, String scope, String member, int total, IntFunction<ObjectNode> item) {
        int maxResults = 20;
        JsonNode max = input.get("MaxResults");
        if (max != null && !max.isNull()) {
            if (!max.isNumber() || max.asInt() < 1) {
                throw invalidInput("MIN_VALUE_EXCEEDED", "MaxResults must be at least 1.");
            }
            if (max.asInt() > 20) {
                throw invalidInput("MAX_VALUE_EXCEEDED", "MaxResults must be at most 20.");
            }
            maxResults = max.asInt();
        }
        long position = 0;
        int page = 0;
        String next = Protocols.text(input, "NextToken");
        if (next != null) {
            PageToken token = PageToken.decode(next, "o/" + scope);
            if (token == null) {
                throw invalidInput("INVALID_NEXT_TOKEN", "The NextToken is not valid.");
            }
            position = token.position();
            page = token.page();
        }
        ObjectNode body = Protocols.JSON.createObjectNode();
        ArrayNode items = body.putArray(member);
        // an empty page that still has a NextToken, now and then, as AWS documents
        boolean empty = position < total && (page + Hashing.below(Hashing.hash(seed, scope), 7)) % 7 == 6;
        long end = empty ? position : Math.min(total, position + maxResults);
        for (long i = position; i < end; i++) {
            items.add(item.apply((int) i));
        }
        if (end < total) {
            body.put("NextToken", new PageToken("o/" + scope, end, page + 1).encode());
        }
        return body;
    }

    private ObjectNode accountJson(Account account) {
        ObjectNode node = Protocols.JSON.createObjectNode();
        node.put("Id", account.id());
        node.put("Arn", accountArn(account.id()));
        node.put("Email", account.email());
        node.put("Name", account.name());
        // Status is retired in favour of State; send both, as AWS does during the transition
        node.put("Status", account.status());
        node.put("State", account.state());
        node.put("JoinedMethod", account.joinedMethod());
        node.put("JoinedTimestamp", account.joined().getEpochSecond());
        return node;
    }

    private String accountArn(String accountId) {
        return "arn:aws:organizations::" + organization.managementAccountId() + ":account/"
                + organization.organizationId() + "/" + accountId;
    }

    @Override
    public SimResponse render(AwsError error, String requestId) {
        return Protocols.json11Error(error);
    }

    @Override
    public AwsError throttled() {
        return new AwsError(400, "TooManyRequestsException",
                "AWS Organizations can't complete your request because another request is already in progress. "
                        + "Try again later.", Map.of("Type", "PerSecond"));
    }

    @Override
    public AwsError internalError() {
        return new AwsError(500, "ServiceException",
                "AWS Organizations can't complete your request because of an internal service error.");
    }
}
