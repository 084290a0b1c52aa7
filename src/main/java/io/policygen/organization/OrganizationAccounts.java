package io.policygen.organization;

import java.util.stream.Stream;

/** The port to the accounts of the organization. */
public interface OrganizationAccounts {

    /** Every account of the organization, or of the given OUs and the OUs below them; streamed page by page. */
    Stream<OrgAccount> accounts(java.util.List<String> ouIds);
}
