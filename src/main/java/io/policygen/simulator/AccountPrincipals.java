package io.policygen.simulator;

import io.policygen.simulator.Principal.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The roles and users of one account. Generated principals are computed from (seed, account,
 * index) on demand rather than stored, so a million of them cost no heap; tests add and delete
 * principals on top. Listing order is stable: service-linked roles, generated, then added ones;
 * a listing position is an index into that order.
 */
final class AccountPrincipals {

    private static final String[][] SERVICE_LINKED_ROLES = {
            {"/aws-service-role/organizations.amazonaws.com/", "AWSServiceRoleForOrganizations"},
            {"/aws-service-role/support.amazonaws.com/", "AWSServiceRoleForSupport"},
            {"/aws-service-role/trustedadvisor.amazonaws.com/", "AWSServiceRoleForTrustedAdvisor"},
    };
    private static final String[] ROLE_PATHS = {"/", "/", "/", "/app/", "/ci/", "/team/data/"};
    private static final String[] USER_PATHS = {"/", "/", "/humans/", "/service-users/"};
    private static final String[] SYSTEMS = {"payments", "orders", "billing", "search", "analytics", "ingest",
            "reporting", "deploy", "backup", "monitoring", "etl", "api", "web", "batch", "ml", "audit"};
    private static final String[] ROLE_KINDS = {"service", "lambda", "ecs-task", "ci", "readonly", "admin", "ops",
            "ec2"};
    private static final String[] FIRST_NAMES = {"alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi",
            "ivan", "judy", "mallory", "niaj", "olivia", "peggy", "rupert", "sybil", "trent", "victor", "walter"};
    /** Generated principals were created over five years before 2025. */
    private static final long CREATED_FROM = Instant.parse("2020-01-01T00:00:00Z").getEpochSecond();
    private static final long CREATED_SPAN = 5L * 365 * 24 * 3600;

    private final long seed;
    private final String accountId;
    private final int generatedRoles;
    private final int generatedUsers;
    private final List<Principal> addedRoles = new CopyOnWriteArrayList<>();
    private final List<Principal> addedUsers = new CopyOnWriteArrayList<>();
    private final Set<String> deleted = ConcurrentHashMap.newKeySet();
    private final AtomicInteger deletedNonServiceLinked = new AtomicInteger();

    AccountPrincipals(long seed, String accountId, int principals) {
        this.seed = seed;
        this.accountId = accountId;
        // about three roles for every user, as in most real accounts
        this.generatedUsers = principals / 4;
        this.generatedRoles = principals - generatedUsers;
    }

    /** Roles and users, service-linked roles excluded. */
    int count() {
        return generatedRoles + generatedUsers + addedRoles.size() + addedUsers.size() - deletedNonServiceLinked.get();
    }

    /** Positions in listing order for one kind: [0, size(kind)). */
    int size(Kind kind) {
        return kind == Kind.ROLE
                ? SERVICE_LINKED_ROLES.length + generatedRoles + addedRoles.size()
                : generatedUsers + addedUsers.size();
    }

    /** The principal at a listing position, or empty if it was deleted. */
    Optional<Principal> at(Kind kind, int position) {
        Principal p = principalAt(kind, position);
        return p == null || deleted.contains(p.arn()) ? Optional.empty() : Optional.of(p);
    }

    private Principal principalAt(Kind kind, int position) {
        if (kind == Kind.ROLE) {
            if (position < SERVICE_LINKED_ROLES.length) {
                String[] slr = SERVICE_LINKED_ROLES[position];
                return Principal.of(Kind.ROLE, accountId, slr[0], slr[1], uniqueId(kind, -1 - position),
                        created(kind, -1 - position));
            }
            int i = position - SERVICE_LINKED_ROLES.length;
            if (i < generatedRoles) {
                return generated(Kind.ROLE, i);
            }
            i -= generatedRoles;
            return i < addedRoles.size() ? addedRoles.get(i) : null;
        }
        if (position < generatedUsers) {
            return generated(Kind.USER, position);
        }
        int i = position - generatedUsers;
        return i < addedUsers.size() ? addedUsers.get(i) : null;
    }

    private Principal generated(Kind kind, int index) {
        long h = Hashing.hash(seed, accountId.hashCode(), kind.ordinal(), index);
        String path;
        String name;
        if (kind == Kind.ROLE) {
            path = ROLE_PATHS[Hashing.below(h, ROLE_PATHS.length)];
            name = SYSTEMS[Hashing.below(h >>> 8, SYSTEMS.length)] + "-"
                    + ROLE_KINDS[Hashing.below(h >>> 16, ROLE_KINDS.length)] + "-" + index;
        } else {
            path = USER_PATHS[Hashing.below(h, USER_PATHS.length)];
            name = path.equals("/service-users/")
                    ? "svc-" + SYSTEMS[Hashing.below(h >>> 8, SYSTEMS.length)] + "-" + index
                    : FIRST_NAMES[Hashing.below(h >>> 8, FIRST_NAMES.length)] + "-" + index;
        }
        return Principal.of(kind, accountId, path, name, uniqueId(kind, index), created(kind, index));
    }

    private String uniqueId(Kind kind, long index) {
        long h1 = Hashing.hash(seed, accountId.hashCode(), kind.ordinal(), index, 1);
        long h2 = Hashing.hash(seed, accountId.hashCode(), kind.ordinal(), index, 2);
        return (kind == Kind.ROLE ? "AROA" : "AIDA") + Hashing.base32(h1, h2, 17);
    }

    private Instant created(Kind kind, long index) {
        long h = Hashing.hash(seed, accountId.hashCode(), kind.ordinal(), index, 3);
        return Instant.ofEpochSecond(CREATED_FROM + Long.remainderUnsigned(h, CREATED_SPAN));
    }

    /** The principal with exactly this ARN, if it exists (and was not deleted). */
    Optional<Principal> find(String arn) {
        return deleted.contains(arn) ? Optional.empty() : findIncludingDeleted(arn);
    }

    private Optional<Principal> findIncludingDeleted(String arn) {
        String prefix = "arn:aws:iam::" + accountId + ":";
        if (!arn.startsWith(prefix)) {
            return Optional.empty();
        }
        String resource = arn.substring(prefix.length());
        Kind kind = resource.startsWith("role/") ? Kind.ROLE : resource.startsWith("user/") ? Kind.USER : null;
        if (kind == null) {
            return Optional.empty();
        }
        String name = resource.substring(resource.lastIndexOf('/') + 1);
        if (kind == Kind.ROLE) {
            for (int i = 0; i < SERVICE_LINKED_ROLES.length; i++) {
                if (SERVICE_LINKED_ROLES[i][1].equals(name)) {
                    return matching(principalAt(kind, i), arn);
                }
            }
        }
        int dash = name.lastIndexOf('-');
        if (dash >= 0 && dash < name.length() - 1 && name.length() - dash <= 10
                && name.substring(dash + 1).chars().allMatch(Character::isDigit)) {
            int index = Integer.parseInt(name.substring(dash + 1));
            if (index < (kind == Kind.ROLE ? generatedRoles : generatedUsers)) {
                Optional<Principal> found = matching(generated(kind, index), arn);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        for (Principal p : kind == Kind.ROLE ? addedRoles : addedUsers) {
            if (p.arn().equals(arn)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The role with this name (whatever its path), if it exists. */
    Optional<Principal> role(String name) {
        for (int i = 0; i < SERVICE_LINKED_ROLES.length; i++) {
            if (SERVICE_LINKED_ROLES[i][1].equals(name)) {
                return at(Kind.ROLE, i);
            }
        }
        int dash = name.lastIndexOf('-');
        if (dash >= 0 && dash < name.length() - 1 && name.length() - dash <= 10
                && name.substring(dash + 1).chars().allMatch(Character::isDigit)) {
            int index = Integer.parseInt(name.substring(dash + 1));
            if (index < generatedRoles && generated(Kind.ROLE, index).name().equals(name)) {
                return find(generated(Kind.ROLE, index).arn());
            }
        }
        return addedRoles.stream().filter(p -> p.name().equals(name)).findFirst().flatMap(p -> find(p.arn()));
    }

    private static Optional<Principal> matching(Principal p, String arn) {
        return p != null && p.arn().equals(arn) ? Optional.of(p) : Optional.empty();
    }

    /** Adds a principal; path must start and end with '/'. Refuses a name already in use. */
    synchronized Principal add(Kind kind, String path, String name, Instant created) {
        if (!path.startsWith("/") || !path.endsWith("/")) {
            throw new IllegalArgumentException("path must start and end with '/': " + path);
        }
        if (!name.matches("[\\w+=,.@-]{1,64}")) {
            throw new IllegalArgumentException("not a valid IAM name: " + name);
        }
        String arn = Principal.arn(kind, accountId, path, name);
        Optional<Principal> earlier = findIncludingDeleted(arn);
        if (earlier.isPresent() && deleted.remove(arn)) {
            // re-created after a delete: it comes back where it was listed
            if (!earlier.get().serviceLinked()) {
                deletedNonServiceLinked.decrementAndGet();
            }
            return earlier.get();
        }
        for (int position = 0; position < size(kind); position++) {
            Optional<Principal> existing = at(kind, position);
            if (existing.isPresent() && existing.get().name().equals(name)) {
                throw new IllegalArgumentException(kind.arnType() + " " + name + " already exists in " + accountId);
            }
        }
        Principal p = Principal.of(kind, accountId, path, name,
                uniqueId(kind, 1_000_000_000L + size(kind)), created);
        (kind == Kind.ROLE ? addedRoles : addedUsers).add(p);
        return p;
    }

    /** Deletes a principal by ARN; false if there was none. */
    synchronized boolean delete(String arn) {
        Optional<Principal> p = find(arn);
        if (p.isEmpty()) {
            return false;
        }
        deleted.add(arn);
        if (!p.get().serviceLinked()) {
            deletedNonServiceLinked.incrementAndGet();
        }
        return true;
    }

    /** All principals of the account, service-linked roles included; for small accounts and tests. */
    List<Principal> all() {
        List<Principal> all = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            for (int position = 0; position < size(kind); position++) {
                at(kind, position).ifPresent(all::add);
            }
        }
        return all;
    }
}
