package io.policygen.simulator;

import io.policygen.simulator.Principal.Kind;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;

/**
 * IAM ListRoles and ListUsers in the calling account, with MaxItems (1-1000, default 100), Marker and IsTruncated
 * (some pages carry fewer items than asked while IsTruncated is true, which the IAM API reference explicitly allows).
 * policygen discovers through GetAccountAuthorizationDetails; the benchmark's baseline lists with these.
 */
final class RoleUserListing {

    private final SimulatedOrganization organization;
    private final long seed;

    RoleUserListing(SimulatedOrganization organization, long seed) {
        this.organization = organization;
        this.seed = seed;
    }

    Xml page(Kind kind, Map<String, String> form, Account account) {
        AccountPrincipals principals = organization.principalsOf(account);
        int maxItems = QueryService.intParameter(form, "MaxItems", 100, 1, 1000);
        String pathPrefix = form.getOrDefault("PathPrefix", "/");
        String scope = "i/" + kind.arnType() + "/" + account.id() + "/" + pathPrefix;
        PageToken token = PageToken.iamMarker(form.get("Marker"), scope);
        int position = (int) token.position();
        int limit = token.iamPageSize(seed, maxItems);
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
            xml.element("Marker", new PageToken(scope, position, token.page() + 1).encode());
        }
        return xml;
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
}
