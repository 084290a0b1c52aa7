package io.policygen.simulator;

import io.policygen.simulator.Principal.Kind;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * IAM GetAccountAuthorizationDetails in the calling account: users, groups, roles and managed policies with their
 * documents (URL-encoded, RFC 3986), tags, boundaries and, for roles, RoleLastUsed. One listing pages through the
 * entity types the Filter names (all without one) in that order, MaxItems (1-1000, default 100) items a page; as
 * with ListRoles some pages carry fewer items than asked while IsTruncated. Every page has all four lists, empty
 * where filtered out. The Policies list holds the account's customer managed policies and every AWS managed policy
 * the simulator knows (AWS lists the AWS managed ones in use), each with its default version only (AWS lists every
 * version).
 */
final class AuthorizationDetails {

    static final List<String> FILTERS = List.of("User", "Group", "Role", "LocalManagedPolicy", "AWSManagedPolicy");

    private final SimulatedOrganization organization;
    private final IamContent content;
    private final long seed;

    AuthorizationDetails(SimulatedOrganization organization, IamContent content, long seed) {
        this.organization = organization;
        this.content = content;
        this.seed = seed;
    }

    Xml page(Map<String, String> form, Account account) {
        Set<String> filter = new LinkedHashSet<>();
        for (int i = 1; form.containsKey("Filter.member." + i); i++) {
            String type = form.get("Filter.member." + i);
            if (!FILTERS.contains(type)) {
                throw QueryService.validation("1 validation error detected: Value '[" + type + "]' at 'filter' failed to "
                        + "satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: "
                        + FILTERS + "]");
            }
            filter.add(type);
        }
        if (filter.isEmpty()) {
            filter.addAll(FILTERS);
        }
        int maxItems = QueryService.intParameter(form, "MaxItems", 100, 1, 1000);
        String scope = "gaad/" + account.id() + "/" + String.join(",", filter);
        PageToken token = PageToken.iamMarker(form.get("Marker"), scope);
        int limit = token.iamPageSize(seed, maxItems);
        AccountPrincipals principals = organization.principalsOf(account);
        List<AccountGroups.Group> groups = filter.contains("Group") ? content.groups(account) : List.of();
        List<ManagedPolicy> policies = content.managedPolicies(account).stream()
                .filter(p -> filter.contains(p.aws() ? "AWSManagedPolicy" : "LocalManagedPolicy")).toList();
        int users = filter.contains("User") ? principals.size(Kind.USER) : 0;
        int roles = filter.contains("Role") ? principals.size(Kind.ROLE) : 0;
        int size = users + groups.size() + roles + policies.size();

        List<Principal> userPage = new ArrayList<>();
        List<AccountGroups.Group> groupPage = new ArrayList<>();
        List<Principal> rolePage = new ArrayList<>();
        List<ManagedPolicy> policyPage = new ArrayList<>();
        int position = (int) token.position();
        int found = 0;
        for (; position < size && found < limit; position++) {
            int i = position;
            if (i < users) {
                found += principals.at(Kind.USER, i).map(userPage::add).orElse(false) ? 1 : 0;
            } else if ((i -= users) < groups.size()) {
                groupPage.add(groups.get(i));
                found++;
            } else if ((i -= groups.size()) < roles) {
                found += principals.at(Kind.ROLE, i).map(rolePage::add).orElse(false) ? 1 : 0;
            } else {
                policyPage.add(policies.get(i - roles));
                found++;
            }
        }
        Xml xml = new Xml().open("UserDetailList");
        userPage.forEach(u -> user(xml, u, content.details(u)));
        xml.close("UserDetailList").open("GroupDetailList");
        groupPage.forEach(g -> group(xml, g));
        xml.close("GroupDetailList").open("RoleDetailList");
        rolePage.forEach(r -> role(xml, r, content.details(r)));
        xml.close("RoleDetailList").open("Policies");
        policyPage.forEach(p -> policy(xml, p));
        xml.close("Policies").element("IsTruncated", position < size);
        if (position < size) {
            xml.element("Marker", new PageToken(scope, position, token.page() + 1).encode());
        }
        return xml;
    }

    private static void user(Xml xml, Principal u, PrincipalDetails d) {
        xml.open("member").element("Path", u.path()).element("UserName", u.name()).element("UserId", u.id())
                .element("Arn", u.arn()).element("CreateDate", iso(u.createDate()));
        inline(xml, "UserPolicyList", d.inlinePolicies());
        xml.open("GroupList");
        d.groups().forEach(g -> xml.element("member", g));
        xml.close("GroupList");
        common(xml, d);
        xml.close("member");
    }

    private static void role(Xml xml, Principal r, PrincipalDetails d) {
        xml.open("member").element("Path", r.path()).element("RoleName", r.name()).element("RoleId", r.id())
                .element("Arn", r.arn()).element("CreateDate", iso(r.createDate()))
                .element("AssumeRolePolicyDocument", QueryService.policyDocument(TrustPolicies.of(r)))
                .open("InstanceProfileList").close("InstanceProfileList");
        inline(xml, "RolePolicyList", d.inlinePolicies());
        common(xml, d);
        xml.open("RoleLastUsed");
        if (d.lastUsed() != null) {
            xml.element("LastUsedDate", iso(d.lastUsed())).element("Region", d.lastUsedRegion());
        }
        xml.close("RoleLastUsed").close("member");
    }

    private static void group(Xml xml, AccountGroups.Group g) {
        xml.open("member").element("Path", g.path()).element("GroupName", g.name()).element("GroupId", g.id())
                .element("Arn", g.arn()).element("CreateDate", iso(g.created()));
        inline(xml, "GroupPolicyList", g.inlinePolicies());
        attached(xml, g.managedPolicyArns());
        xml.close("member");
    }

    private static void policy(Xml xml, ManagedPolicy p) {
        xml.open("member").element("PolicyName", p.name()).element("PolicyId", p.id()).element("Arn", p.arn())
                .element("Path", p.path()).element("DefaultVersionId", p.version()).element("AttachmentCount", 1)
                .element("PermissionsBoundaryUsageCount", 0).element("IsAttachable", true)
                .element("Description", p.description()).element("CreateDate", iso(p.created()))
                .element("UpdateDate", iso(p.updated()))
                .open("PolicyVersionList").open("member").element("Document", QueryService.policyDocument(p.document()))
                .element("VersionId", p.version()).element("IsDefaultVersion", true).element("CreateDate", iso(p.updated()))
                .close("member").close("PolicyVersionList").close("member");
    }

    private static void common(Xml xml, PrincipalDetails d) {
        attached(xml, d.managedPolicyArns());
        if (d.permissionsBoundaryArn() != null) {
            xml.open("PermissionsBoundary").element("PermissionsBoundaryType", "Policy")
                    .element("PermissionsBoundaryArn", d.permissionsBoundaryArn()).close("PermissionsBoundary");
        }
        xml.open("Tags");
        d.tags().forEach((key, value) -> xml.open("member").element("Key", key).element("Value", value).close("member"));
        xml.close("Tags");
    }

    private static void inline(Xml xml, String list, Map<String, String> policies) {
        xml.open(list);
        policies.forEach((name, document) -> xml.open("member").element("PolicyName", name)
                .element("PolicyDocument", QueryService.policyDocument(document)).close("member"));
        xml.close(list);
    }

    private static void attached(Xml xml, List<String> arns) {
        xml.open("AttachedManagedPolicies");
        arns.forEach(arn -> xml.open("member").element("PolicyName", arn.substring(arn.lastIndexOf('/') + 1))
                .element("PolicyArn", arn).close("member"));
        xml.close("AttachedManagedPolicies");
    }

    private static String iso(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}
