package io.policygen.simulator;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * IAM's role queries for a preflight check: GetRole and SimulatePrincipalPolicy, in the calling account.
 * Besides the account's own roles, every account holds the member role (trusting the management account) and
 * the access role (trusting access-analyzer.amazonaws.com), neither listed by ListRoles. A broken access role
 * is missing (NoSuchEntity, 404) or trusts the account instead of Access Analyzer.
 *
 * <p>SimulatePrincipalPolicy is how a preflight can learn, without side effects, whether the job's role may
 * iam:PassRole the access role: the simulator answers for the member role, whose permissions are the
 * AdministratorAccess of an Organizations-created account, so every action is {@code allowed} except PassRole
 * on the access role in the {@code --no-pass-role} accounts ({@code implicitDeny}); for any other principal it
 * answers {@code implicitDeny}, as it does not model their permissions (a guess, not AWS's behaviour). An action
 * denied in the account ({@code /_simulator/denied-actions}, an SCP's deny) is {@code explicitDeny}, with
 * OrganizationsDecisionDetail's AllowedByOrganizations false; one denied in a Region only is so when the simulation's
 * context gives that Region as {@code aws:RequestedRegion}, and without the key it is {@code allowed}, the key listed
 * in MissingContextValues: the denial is modelled as an SCP's {@code StringEquals} on the key, and a condition on a key
 * the request lacks is not met (but for the negated operators, StringNotEquals and the like, which are: the IAM User
 * Guide's condition operators), so a simulation must be given the Region to see it.
 */
final class IamRoles {

    private record Role(String path, String name, String id, String arn, Instant created, String trustPolicy,
                        int maxSessionSeconds) {
    }

    private final SimulatedOrganization organization;
    private final SimulatorOptions options;
    private final SetupState setup;

    IamRoles(SimulatedOrganization organization, SimulatorOptions options, SetupState setup) {
        this.organization = organization;
        this.options = options;
        this.setup = setup;
    }

    Xml getRole(Map<String, String> form, Account account) {
        String name = form.get("RoleName");
        if (name == null) {
            throw QueryService.validation("1 validation error detected: Value null at 'roleName' failed to satisfy "
                    + "constraint: Member must not be null");
        }
        Role role = role(account, name).orElseThrow(() -> new AwsError(404, "NoSuchEntity", "The role with name "
                + name + " cannot be found."));
        String trust = QueryService.policyDocument(role.trustPolicy());
        return new Xml().open("Role")
                .element("Path", role.path())
                .element("RoleName", role.name())
                .element("RoleId", role.id())
                .element("Arn", role.arn())
                .element("CreateDate", DateTimeFormatter.ISO_INSTANT.format(role.created()))
                .element("AssumeRolePolicyDocument", trust)
                .element("MaxSessionDuration", role.maxSessionSeconds())
                .open("RoleLastUsed").close("RoleLastUsed")
                .close("Role");
    }

    Xml simulatePrincipalPolicy(Map<String, String> form, Account account) {
        String source = form.get("PolicySourceArn");
        List<String> actions = members(form, "ActionNames");
        List<String> resources = members(form, "ResourceArns");
        if (source == null || actions.isEmpty()) {
            throw QueryService.validation("1 validation error detected: PolicySourceArn and ActionNames are required");
        }
        String member = organization.memberRoleArn(account.id());
        boolean exists = source.equals(member) || organization.principal(source).filter(p -> p.accountId()
                .equals(account.id())).isPresent();
        if (!exists) {
            throw new AwsError(404, "NoSuchEntity", "Could not find entity " + source + " in account " + account.id()
                    + ".");
        }
        String region = contextValue(form, "aws:RequestedRegion");
        Xml xml = new Xml().open("EvaluationResults");
        for (String action : actions) {
            for (String resource : resources.isEmpty() ? List.of("*") : resources) {
                boolean byScp = setup.actionDenied(account.id(), action, region);
                // a deny conditioned on a key the simulation was not given does not apply; the key is named as missing
                boolean regionMissing = region == null && setup.actionDeniedByRegion(account.id(), action);
                boolean denied = byScp || !source.equals(member) || action.equalsIgnoreCase("iam:PassRole")
                        && resource.equals(organization.accessRoleArn(account.id()))
                        && setup.passRoleDenied(account.id());
                xml.open("member").element("EvalActionName", action).element("EvalResourceName", resource)
                        .element("EvalDecision", byScp ? "explicitDeny" : denied ? "implicitDeny" : "allowed");
                if (byScp) {
                    xml.open("OrganizationsDecisionDetail").element("AllowedByOrganizations", false)
                            .close("OrganizationsDecisionDetail");
                }
                xml.open("MatchedStatements");
                if (!denied) {
                    xml.open("member").element("SourcePolicyId", "AdministratorAccess")
                            .element("SourcePolicyType", "IAM Policy").close("member");
                }
                xml.close("MatchedStatements").open("MissingContextValues");
                if (regionMissing) {
                    xml.element("member", "aws:RequestedRegion");
                }
                xml.close("MissingContextValues").close("member");
            }
        }
        return xml.close("EvaluationResults").element("IsTruncated", false);
    }

    /** The first value given for a context key (ContextEntries.member.N: ContextKeyName, ContextKeyValues), or null. */
    private static String contextValue(Map<String, String> form, String key) {
        for (int i = 1; form.containsKey("ContextEntries.member." + i + ".ContextKeyName"); i++) {
            if (form.get("ContextEntries.member." + i + ".ContextKeyName").equalsIgnoreCase(key)) {
                return form.get("ContextEntries.member." + i + ".ContextKeyValues.member.1");
            }
        }
        return null;
    }

    private static List<String> members(Map<String, String> form, String list) {
        List<String> values = new ArrayList<>();
        for (int i = 1; form.containsKey(list + ".member." + i); i++) {
            values.add(form.get(list + ".member." + i));
        }
        return values;
    }

    private Optional<Role> role(Account account, String name) {
        String id = account.id();
        if (name.equals(options.memberRoleName())) {
            String condition = options.externalId() == null ? ""
                    : ",\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"" + options.externalId() + "\"}}";
            String management = "{\"AWS\":\"arn:aws:iam::" + organization.managementAccountId() + ":root\"}";
            return Optional.of(new Role("/", name, StsService.memberRoleId(id), organization.memberRoleArn(id),
                    account.joined(), TrustPolicies.assumeRole(management, condition),
                    (int) options.memberRoleMaxSession().toSeconds()));
        }
        String access = options.accessRoleName();
        String accessName = access.substring(access.lastIndexOf('/') + 1);
        if (name.equals(accessName)) {
            Optional<AccessRoleBreak> broken = setup.accessRole(id);
            String trusted = broken.isPresent() ? "{\"AWS\":\"arn:aws:iam::" + id + ":root\"}"
                    : "{\"Service\":\"access-analyzer.amazonaws.com\"}";
            return broken.filter(b -> b == AccessRoleBreak.MISSING).isPresent() ? Optional.empty()
                    : Optional.of(new Role("/" + access.substring(0, access.length() - accessName.length()), name,
                    "AROA" + Hashing.base32(Hashing.hash(2, id), Hashing.hash(3, id), 17), organization.accessRoleArn(id),
                    account.joined(), TrustPolicies.assumeRole(trusted, ""), 3600));
        }
        return organization.role(id, name).map(p -> new Role(p.path(), p.name(), p.id(), p.arn(), p.createDate(),
                TrustPolicies.of(p), 3600));
    }

}
