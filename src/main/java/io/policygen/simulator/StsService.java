package io.policygen.simulator;

import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * AWS STS over the Query protocol: AssumeRole and GetCallerIdentity. Only the management account's
 * own keys may assume the member role, of a usable account (ACTIVE or PENDING_CLOSURE) where it can be
 * assumed, for at most the role's MaxSessionDuration; the credentials handed out act in the assumed account.
 */
final class StsService extends QueryService {

    private final SimulatedOrganization organization;
    private final CredentialStore credentials;
    private final String externalId;
    private final int maxSessionSeconds;

    StsService(SimulatedOrganization organization, CredentialStore credentials, SimulatorOptions options) {
        super("https://sts.amazonaws.com/doc/2011-06-15/", "2011-06-15", Set.of("AssumeRole", "GetCallerIdentity"));
        this.organization = organization;
        this.credentials = credentials;
        this.externalId = options.externalId();
        this.maxSessionSeconds = (int) options.memberRoleMaxSession().toSeconds();
    }

    /** The member role's RoleId in an account. */
    static String memberRoleId(String accountId) {
        return "AROA" + Hashing.base32(Hashing.hash(0, accountId), Hashing.hash(1, accountId), 17);
    }

    @Override
    public String signingName() {
        return "sts";
    }

    @Override
    public SimResponse handle(String operation, SimRequest request, Identity caller, String region, String requestId) {
        Map<String, String> form = request.formParameters();
        return switch (operation) {
            case "AssumeRole" -> assumeRole(form, caller, requestId);
            case "GetCallerIdentity" -> success(operation, requestId, new Xml()
                    .element("UserId", caller.userId())
                    .element("Account", caller.accountId())
                    .element("Arn", caller.arn()));
            default -> throw new IllegalStateException(operation);
        };
    }

    private SimResponse assumeRole(Map<String, String> form, Identity caller, String requestId) {
        String roleArn = form.get("RoleArn");
        String sessionName = form.get("RoleSessionName");
        if (roleArn == null || roleArn.length() < 20) {
            throw validation("1 validation error detected: Value at 'roleArn' failed to satisfy constraint: "
                    + "Member must have length greater than or equal to 20");
        }
        if (sessionName == null || !sessionName.matches("[\\w+=,.@-]{2,64}")) {
            throw validation("1 validation error detected: Value '" + sessionName + "' at 'roleSessionName' failed "
                    + "to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*");
        }
        int duration = intParameter(form, "DurationSeconds", 3600, 900, 43200);
        AwsError denied = new AwsError(403, "AccessDenied", "User: " + caller.arn()
                + " is not authorized to perform: sts:AssumeRole on resource: " + roleArn);
        if (!caller.management()) {
            throw denied;
        }
        String prefix = "arn:aws:iam::";
        String accountId = roleArn.startsWith(prefix) && roleArn.length() > prefix.length() + 12
                ? roleArn.substring(prefix.length(), prefix.length() + 12) : null;
        Optional<Account> account = organization.account(accountId);
        // an unusable account (PENDING_ACTIVATION, SUSPENDED, CLOSED) refuses as an unassumable role does: a guess
        if (account.isEmpty() || !account.get().assumable() || !account.get().usable()
                || !roleArn.equals(organization.memberRoleArn(accountId))) {
            throw denied;
        }
        if (externalId != null && !Objects.equals(externalId, form.get("ExternalId"))) {
            throw denied;
        }
        if (duration > maxSessionSeconds) {
            // STS's own words for a session longer than the role allows
            throw validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }
        String roleName = organization.memberRoleName();
        String roleId = memberRoleId(accountId);
        Identity issued = credentials.issue(accountId, roleArn, roleName, roleId, sessionName, duration);
        return success("AssumeRole", requestId, new Xml()
                .open("Credentials")
                .element("AccessKeyId", issued.accessKeyId())
                .element("SecretAccessKey", issued.secretAccessKey())
                .element("SessionToken", issued.sessionToken())
                .element("Expiration", DateTimeFormatter.ISO_INSTANT.format(issued.expiration()))
                .close("Credentials")
                .open("AssumedRoleUser")
                .element("AssumedRoleId", issued.userId())
                .element("Arn", issued.arn())
                .close("AssumedRoleUser"));
    }

    @Override
    public AwsError internalError() {
        return new AwsError(500, "InternalFailure", "An internal error occurred. Try again.");
    }
}
