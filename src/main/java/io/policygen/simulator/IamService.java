package io.policygen.simulator;

import io.policygen.simulator.Principal.Kind;
import java.util.Map;
import java.util.Set;

/**
 * AWS IAM over the Query protocol, in the calling account: GetAccountAuthorizationDetails
 * ({@link AuthorizationDetails}), GenerateCredentialReport and GetCredentialReport ({@link CredentialReports}),
 * ListRoles and ListUsers ({@link RoleUserListing}), GetRole and SimulatePrincipalPolicy ({@link IamRoles}).
 */
final class IamService extends QueryService {

    private final SimulatedOrganization organization;
    private final IamRoles roles;
    private final RoleUserListing listing;
    private final AuthorizationDetails details;
    private final CredentialReports credentialReports;

    IamService(SimulatedOrganization organization, IamRoles roles, RoleUserListing listing, AuthorizationDetails details,
               CredentialReports credentialReports) {
        super("https://iam.amazonaws.com/doc/2010-05-08/", "2010-05-08",
                Set.of("ListRoles", "ListUsers", "GetRole", "SimulatePrincipalPolicy", "GetAccountAuthorizationDetails",
                        "GenerateCredentialReport", "GetCredentialReport"));
        this.organization = organization;
        this.roles = roles;
        this.listing = listing;
        this.details = details;
        this.credentialReports = credentialReports;
    }

    @Override
    public String signingName() {
        return "iam";
    }

    @Override
    public SimResponse handle(String operation, SimRequest request, Identity caller, String region, String requestId) {
        Map<String, String> form = request.formParameters();
        Account account = organization.account(caller.accountId()).orElseThrow();
        Xml result = switch (operation) {
            case "GetRole" -> roles.getRole(form, account);
            case "SimulatePrincipalPolicy" -> roles.simulatePrincipalPolicy(form, account);
            case "GetAccountAuthorizationDetails" -> details.page(form, account);
            case "GenerateCredentialReport" -> credentialReports.generate(account);
            case "GetCredentialReport" -> credentialReports.get(account);
            case "ListRoles" -> listing.page(Kind.ROLE, form, account);
            default -> listing.page(Kind.USER, form, account);
        };
        return success(operation, requestId, result);
    }

    @Override
    public AwsError internalError() {
        return new AwsError(500, "ServiceFailure", "The request processing has failed because of an unknown error, "
                + "exception or failure.");
    }
}
