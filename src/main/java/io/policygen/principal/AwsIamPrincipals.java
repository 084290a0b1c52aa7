package io.policygen.principal;

import io.policygen.aws.AwsClients;
import io.policygen.aws.MemberAccount;
import java.util.stream.Stream;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.User;

/** IAM through the SDK's paginators, as the account's member role. */
public final class AwsIamPrincipals implements IamPrincipals {

    private final AwsClients clients;
    private final int pageSize;

    public AwsIamPrincipals(AwsClients clients, int pageSize) {
        this.clients = clients;
        this.pageSize = pageSize;
    }

    @Override
    public Stream<DiscoveredPrincipal> list(String accountId, PrincipalType type) {
        MemberAccount account = clients.memberAccount(accountId);
        try {
            account.assumeRole();
        } catch (AwsServiceException e) {
            account.close();
            throw accessError(accountId, "cannot assume the member role", e);
        }
        Stream<DiscoveredPrincipal> principals = switch (type) {
            case ROLE -> account.iam().listRolesPaginator(r -> r.maxItems(pageSize)).roles().stream()
                    .map(role -> toPrincipal(accountId, role));
            case USER -> account.iam().listUsersPaginator(r -> r.maxItems(pageSize)).users().stream()
                    .map(user -> toPrincipal(accountId, user));
        };
        return principals.onClose(account::close);
    }

    static AccountAccessException accessError(String accountId, String what, AwsServiceException e) {
        String code = e.awsErrorDetails() != null ? e.awsErrorDetails().errorCode() : String.valueOf(e.statusCode());
        String message = e.awsErrorDetails() != null ? e.awsErrorDetails().errorMessage() : e.getMessage();
        return new AccountAccessException(code, "account " + accountId + ": " + what + ": " + message, e);
    }

    private static DiscoveredPrincipal toPrincipal(String accountId, Role role) {
        return new DiscoveredPrincipal(accountId, role.arn(), PrincipalType.ROLE, role.roleName(), role.path(), role.createDate());
    }

    private static DiscoveredPrincipal toPrincipal(String accountId, User user) {
        return new DiscoveredPrincipal(accountId, user.arn(), PrincipalType.USER, user.userName(), user.path(), user.createDate());
    }
}
