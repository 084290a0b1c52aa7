package io.policygen.principal;

import java.util.Set;
import java.util.stream.Stream;

/** The port to the IAM of the organization's accounts. */
public interface IamPrincipals {

    /** What GetAccountAuthorizationDetails can list (its Filter). */
    enum Listing { ROLES, USERS, GROUPS, MANAGED_POLICIES }

    /** GenerateCredentialReport's State. */
    enum ReportState { STARTED, INPROGRESS, COMPLETE }

    /**
     * Enters the account as its member role; close what it returns when done.
     *
     * @throws AccountAccessException when the account cannot be entered
     */
    AccountIam open(String accountId);

    /** One account's IAM, as its member role. */
    interface AccountIam extends AutoCloseable {

        /** GetAccountAuthorizationDetails of these kinds, streamed page by page; close the stream when done. */
        Stream<IamEntity> authorizationDetails(Set<Listing> kinds);

        /** GenerateCredentialReport: starts a report, or tells how the one started is doing. */
        ReportState generateCredentialReport();

        /** GetCredentialReport's CSV; empty while the report is not ready (ReportInProgress). */
        java.util.Optional<String> credentialReport();

        @Override
        void close();
    }
}
