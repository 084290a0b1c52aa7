package io.policygen.organization;

import io.policygen.log.Causes;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.organizations.model.OrganizationsException;

/**
 * Organizations refusing to list the accounts: the whole organization's setup (where policygen runs and as whom, or
 * the OU ids it is given), which a rerun cannot mend. Throttling and AWS's own failures are not refusals.
 */
public final class OrganizationRefusal {

    private static final String MANAGEMENT_README = "config/iam/README.md#management-role";
    /** Not the management account (or its delegated administrator), or a role without the policy. */
    private static final Set<String> WRONG_CALLER = Set.of("AccessDeniedException", "AWSOrganizationsNotInUseException");
    /** An OU id that is not one of the organization's. */
    private static final Set<String> WRONG_OU = Set.of("ParentNotFoundException", "TargetNotFoundException",
            "ChildNotFoundException", "InvalidInputException");

    private OrganizationRefusal() {
    }

    /** The refusal among the failure's causes, as one line with its fix. */
    public static Optional<String> in(Throwable failure) {
        return Causes.find(failure, OrganizationsException.class, e -> e.awsErrorDetails() != null
                        && (WRONG_CALLER.contains(e.awsErrorDetails().errorCode()) || WRONG_OU.contains(e.awsErrorDetails().errorCode())))
                .map(e -> {
                    String code = e.awsErrorDetails().errorCode();
                    return "the organization's accounts cannot be listed (Organizations " + code + ": "
                            + e.awsErrorDetails().errorMessage() + "). Fix: " + (WRONG_CALLER.contains(code)
                            ? "run policygen in the organization's management account (or its delegated administrator) as a"
                            + " role with config/iam/management-account-policy.json, see " + MANAGEMENT_README
                            : "correct policygen.organization.ou-ids: each must be the root or an OU of this organization"
                            + " (r-xxxx, ou-xxxx-xxxxxxxx)");
                });
    }
}
