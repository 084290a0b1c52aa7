package io.policygen.simulator;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The IAM groups every simulated account has, with their policies: users belong to some of them (their
 * {@link PrincipalDetails#groups()}), and a user may do what its groups may.
 */
final class AccountGroups {

    /** A group as GetAccountAuthorizationDetails lists it. */
    record Group(String name, String path, String id, String arn, Instant created, Map<String, String> inlinePolicies,
                 List<String> managedPolicyArns) {
    }

    static final String ADMINS = "Admins";
    static final List<String> PEOPLES_GROUPS = List.of("Developers", "ReadOnly", "DataAnalysts", "Billing");

    private AccountGroups() {
    }

    static List<Group> of(long seed, Account account) {
        PolicyCatalog catalog = PolicyCatalog.get();
        String id = account.id();
        return List.of(
                group(seed, account, ADMINS, "/", Map.of(), List.of(catalog.awsArn("AdministratorAccess"))),
                group(seed, account, "Developers", "/", Map.of("self-service", catalog.inline("self-service", id, "")),
                        List.of(catalog.awsArn("PowerUserAccess"))),
                group(seed, account, "ReadOnly", "/", Map.of(),
                        List.of(catalog.awsArn("ReadOnlyAccess"), catalog.awsArn("IAMReadOnlyAccess"))),
                group(seed, account, "DataAnalysts", "/teams/", Map.of(),
                        List.of(catalog.awsArn("AmazonS3ReadOnlyAccess"), catalog.customerArn(id, "reporting-read"))),
                group(seed, account, "Billing", "/", Map.of("billing", catalog.inline("billing", id, "")), List.of()));
    }

    private static Group group(long seed, Account account, String name, String path, Map<String, String> inline,
                               List<String> attached) {
        long h = Hashing.hash(seed, account.id() + "/group/" + name);
        return new Group(name, path, "AGPA" + Hashing.base32(h, Hashing.hash(h, 1), 17),
                "arn:aws:iam::" + account.id() + ":group" + path + name,
                account.joined().plusSeconds(86_400L * (1 + Hashing.below(h, 60))), new LinkedHashMap<>(inline), attached);
    }
}
