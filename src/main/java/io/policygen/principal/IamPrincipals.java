package io.policygen.principal;

import java.util.stream.Stream;

/** The port to an account's IAM roles and users. */
public interface IamPrincipals {

    /**
     * The account's principals of the given type, streamed page by page; close the stream when done.
     *
     * @throws AccountAccessException when the account cannot be entered or read
     */
    Stream<DiscoveredPrincipal> list(String accountId, PrincipalType type);
}
