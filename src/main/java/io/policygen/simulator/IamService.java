package io.policygen.simulator;

import io.policygen.simulator.Principal.Kind;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * AWS IAM over the Query protocol, in the calling account: ListRoles and ListUsers, with MaxItems
 * (1-1000, default 100), Marker and IsTruncated (some pages carry fewer items than asked while
 * IsTruncated is true, which the IAM API reference explicitly allows); GetRole and
 * SimulatePrincipalPolicy through {@link IamRoles}.
 */
final class IamService extends QueryService {

    private final SimulatedOrganization organization;
    private final IamRoles roles;
    private final long seed;

    IamService(SimulatedOrganization organization, IamRoles roles, long seed) {
        super("https://iam.amazonaws.com/doc/2010-05-08/", "2010-05-08",
                Set.of("ListRoles", "ListUsers", "GetRole", "SimulatePrincipalPolicy"));
        this.organization = organization;
        this.roles = roles;
        this.seed = seed;
    }

    @Override
    public String signingName() {
        return "iam";
    }

    @Override
    public SimResponse handle(String operation, SimRequest request, Identity caller, String region, String requestId) {
        Map<String, String> form = request.formParameters();
        Account account = organization.account(caller.accountId()).orElseThrow();
        if (operation.equals("GetRole")) {
            return success(operation, requestId, roles.getRole(form, account));
        }
        if (operation.equals("SimulatePrincipalPolicy")) {
            return success(operation, requestId, roles.simulatePrincipalPolicy(form, account));
        }
        Kind kind = operation.equals("ListRoles") ? Kind.ROLE : Kind.USER;
        AccountPrincipals principals = organization.principalsOf(account);
        int maxItems = intParameter(form, "MaxItems", 100, 1, 1000);
        String pathPrefix = form.getOrDefault("PathPrefix", "/");
        String scope = "i/" + kind.arnType() + "/" + account.id() + "/" + pathPrefix;
        int position = 0;
        int page = 0;
        String marker = form.get("Marker");
        if (marker != null) {
            PageToken token = PageToken.decode(marker, scope);
            if (token == null) {
                throw new AwsError(400, "InvalidInput", "Invalid Marker.");
            }
            position = (int) token.position();
            page = token.page();
        }
        // every fifth page or so is short: a client must follow IsTruncated, not count items
        int limit = (page + Hashing.below(Hashing.hash(seed, scope), 5)) % 5 == 3 ? Math.max(1, maxItems / 2) : maxItems;
        String member = kind == Kind.ROLE ? "Roles" : "Users";
        Xml xml = new Xml().open(member);
        int size = principals.size(kind);
        int found = 0;
        while (position < size && found < limit) {
            Optional<Principal> p = principals.at(kind, position++);
            if (p.isPresent() && p.get().path().startsWith(pathPrefix)) {
                write(xml, p.get());
                found++;
            }
        }
        xml.close(member);
        boolean truncated = position < size;
        xml.element("IsTruncated", truncated);
        if (truncated) {
            xml.element("Marker", new PageToken(scope, position, page + 1).encode());
        }
        return success(operation, requestId, xml);
    }

    private static void write(Xml xml, Principal p) {
        boolean role = p.kind() == Kind.ROLE;
        xml.open("member")
                .element("Path", p.path())
                .element(role ? "RoleName" : "UserName", p.name())
                .element(role ? "RoleId" : "UserId", p.id())
                .element("Arn", p.arn())
                .element("CreateDate", DateTimeFormatter.ISO_INSTANT.format(p.createDate()));
        if (role) {
            xml.element("MaxSessionDuration", 3600);
        }
        xml.close("member");
    }

    @Override
    public AwsError internalError() {
        return new AwsError(500, "ServiceFailure", "The request processing has failed because of an unknown error, "
                + "exception or failure.");
    }
}
