package io.policygen.principal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The IAM port in memory: each account's roles and users, an account that cannot be entered, and closing tracked so
 * a test can see the reader release what it opened. Wire-level behaviour is tested against the simulator.
 */
final class InMemoryIamPrincipals implements IamPrincipals {

    private final Map<String, List<DiscoveredPrincipal>> principals = new HashMap<>();
    private final Set<String> unenterable = new HashSet<>();
    int open;

    InMemoryIamPrincipals principal(String accountId, PrincipalType type, String path, String name) {
        String arn = "arn:aws:iam::" + accountId + ":" + type.name().toLowerCase() + path + name;
        principals.computeIfAbsent(accountId, k -> new ArrayList<>())
                .add(new DiscoveredPrincipal(accountId, arn, type, name, path, Instant.parse("2025-01-01T00:00:00Z")));
        return this;
    }

    InMemoryIamPrincipals unenterable(String accountId) {
        unenterable.add(accountId);
        return this;
    }

    @Override
    public Stream<DiscoveredPrincipal> list(String accountId, PrincipalType type) {
        if (unenterable.contains(accountId)) {
            throw new AccountAccessException("AccessDenied", "account " + accountId + ": cannot assume the member role: not authorized", null);
        }
        open++;
        return principals.getOrDefault(accountId, List.of()).stream().filter(p -> p.type() == type).onClose(() -> open--);
    }
}
