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
 * The roles and users of one account. Seeded principals are computed from (seed, account, index) on demand rather
 * than stored, so a million of them cost no heap; tests add and delete principals on top. Listing order is stable:
 * service-linked roles, IAM Identity Center's ({@link IdentityCenter}), seeded, then added ones; a listing position is
 * an index into that order. As in IAM, a principal is its unique id: one deleted and created again under the same
 * name is a new principal with a new id (listed among the added ones), not the old one back.
 */
final class AccountPrincipals {

    private static final String[][] SERVICE_LINKED_ROLES = {
            {"/aws-service-role/organizations.amazonaws.com/", "AWSServiceRoleForOrganizations"},
            {"/aws-service-role/support.amazonaws.com/", "AWSServiceRoleForSupport"},
            {"/aws-service-role/trustedadvisor.amazonaws.com/", "AWSServiceRoleForTrustedAdvisor"},
    };
    private static final String[] ROLE_PATHS = {"/", "/", "/", "/app/", "/ci/", "/team/data/"};
    private static final String[] USER_PATHS = {"/", "/", "/humans/", "/service-users/"};
    static final String[] SYSTEMS = {"payments", "orders", "billing", "search", "analytics", "ingest",
            "reporting", "deploy", "backup", "monitoring", "etl", "api", "web", "batch", "ml", "audit"};
    private static final String[] ROLE_KINDS = {"service", "lambda", "ecs-task", "ci", "readonly", "admin", "ops",
            "ec2"};
    private static final String[] FIRST_NAMES = {"alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi",
            "ivan", "judy", "mallory", "niaj", "olivia", "peggy", "rupert", "sybil", "trent", "victor", "walter"};

    private final long seed;
    private final String accountId;
    private final PrincipalMix mix;
    private final Instant epoch;
    /** The service-linked roles, then Identity Center's. */
    private final List<Principal> fixedRoles = new ArrayList<>();
    private final int seededRoles;
    private final int seededUsers;
    private final List<Principal> addedRoles = new CopyOnWriteArrayList<>();
    private final List<Principal> addedUsers = new CopyOnWriteArrayList<>();
    /** Unique ids of deleted principals. */
    private final Set<String> deleted = ConcurrentHashMap.newKeySet();
    private final AtomicInteger deletedNonServiceLinked = new AtomicInteger();

    AccountPrincipals(long seed, String accountId, int principals, PrincipalMix mix, Instant epoch, IdentityCenter identityCenter) {
        this.seed = seed;
        this.accountId = accountId;
        this.mix = mix;
        this.epoch = epoch;
        List<String[]> fixed = new ArrayList<>(List.of(SERVICE_LINKED_ROLES));
        fixed.addAll(identityCenter.roles(seed, accountId));
        for (int i = 0; i < fixed.size(); i++) {
            String id = uniqueId(Kind.ROLE, -1 - i);
            fixedRoles.add(Principal.of(Kind.ROLE, accountId, fixed.get(i)[0], fixed.get(i)[1], id, life(id).created()));
        }
        // about three roles for every user, as in most real accounts
        this.seededUsers = principals / 4;
        this.seededRoles = principals - seededUsers;
    }

    /** Roles and users, service-linked roles excluded. */
    int count() {
        return fixedRoles.size() - SERVICE_LINKED_ROLES.length + seededRoles + seededUsers + addedRoles.size() + addedUsers.size()
                - deletedNonServiceLinked.get();
    }

    /** Whether the principal is one of the account's own Identity Center roles (not one a test added). */
    boolean identityCenterRole(Principal p) {
        return fixedRoles.indexOf(p) >= SERVICE_LINKED_ROLES.length;
    }

    /** Positions in listing order for one kind: [0, size(kind)). */
    int size(Kind kind) {
        return kind == Kind.ROLE
                ? fixedRoles.size() + seededRoles + addedRoles.size()
                : seededUsers + addedUsers.size();
    }

    /** The principal at a listing position, or empty if it was deleted. */
    Optional<Principal> at(Kind kind, int position) {
        Principal p = principalAt(kind, position);
        return p == null || deleted.contains(p.id()) ? Optional.empty() : Optional.of(p);
    }

    private Principal principalAt(Kind kind, int position) {
        int i = position;
        if (kind == Kind.ROLE) {
            if (i < fixedRoles.size()) {
                return fixedRoles.get(i);
            }
            i -= fixedRoles.size();
        }
        int seeded = kind == Kind.ROLE ? seededRoles : seededUsers;
        if (i < seeded) {
            return seeded(kind, i);
        }
        i -= seeded;
        List<Principal> added = kind == Kind.ROLE ? addedRoles : addedUsers;
        return i < added.size() ? added.get(i) : null;
    }

    private Principal seeded(Kind kind, int index) {
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
        String id = uniqueId(kind, index);
        return Principal.of(kind, accountId, path, name, id, life(id).created());
    }

    private String uniqueId(Kind kind, long index) {
        long h1 = Hashing.hash(seed, accountId.hashCode(), kind.ordinal(), index, 1);
        long h2 = Hashing.hash(seed, accountId.hashCode(), kind.ordinal(), index, 2);
        return (kind == Kind.ROLE ? "AROA" : "AIDA") + Hashing.base32(h1, h2, 17);
    }

    /** How a seeded principal lives: created when, used when (by its unique id). */
    PrincipalLife life(String uniqueId) {
        return PrincipalLife.of(seed, uniqueId, mix, epoch);
    }

    /** Whether the principal is one of the seeded ones (not added, not service-linked). */
    boolean seeded(Principal p) {
        Principal candidate = seededByName(p.kind(), p.name());
        return candidate != null && candidate.id().equals(p.id());
    }

    /** The seeded principal whose name ends in its index ({@code payments-admin-7}), if the name is one. */
    private Principal seededByName(Kind kind, String name) {
        int dash = name.lastIndexOf('-');
        if (dash < 0 || dash == name.length() - 1 || name.length() - dash > 10
                || !name.substring(dash + 1).chars().allMatch(Character::isDigit)) {
            return null;
        }
        int index = Integer.parseInt(name.substring(dash + 1));
        if (index >= (kind == Kind.ROLE ? seededRoles : seededUsers)) {
            return null;
        }
        Principal p = seeded(kind, index);
        return p.name().equals(name) ? p : null;
    }

    /** The live principal with exactly this ARN, if there is one. */
    Optional<Principal> find(String arn) {
        String prefix = "arn:aws:iam::" + accountId + ":";
        if (!arn.startsWith(prefix)) {
            return Optional.empty();
        }
        String resource = arn.substring(prefix.length());
        Kind kind = resource.startsWith("role/") ? Kind.ROLE : resource.startsWith("user/") ? Kind.USER : null;
        if (kind == null) {
            return Optional.empty();
        }
        return named(kind, resource.substring(resource.lastIndexOf('/') + 1)).filter(p -> p.arn().equals(arn));
    }

    /** The live role with this name (whatever its path), if it exists. */
    Optional<Principal> role(String name) {
        return named(Kind.ROLE, name);
    }

    /** The live principal of a kind with this name: IAM names are unique per kind and account. */
    private Optional<Principal> named(Kind kind, String name) {
        List<Principal> candidates = new ArrayList<>();
        if (kind == Kind.ROLE) {
            fixedRoles.stream().filter(role -> role.name().equals(name)).forEach(candidates::add);
        }
        Principal seeded = seededByName(kind, name);
        if (seeded != null) {
            candidates.add(seeded);
        }
        candidates.addAll(kind == Kind.ROLE ? addedRoles : addedUsers);
        return candidates.stream().filter(p -> p.name().equals(name) && !deleted.contains(p.id())).findFirst();
    }

    /**
     * Adds a principal with a new unique id, as IAM's CreateRole / CreateUser would; path must start and end with
     * '/'. Refuses a name a live principal of the kind has.
     */
    synchronized Principal add(Kind kind, String path, String name, Instant created) {
        if (!path.startsWith("/") || !path.endsWith("/")) {
            throw new IllegalArgumentException("path must start and end with '/': " + path);
        }
        if (!name.matches("[\\w+=,.@-]{1,64}")) {
            throw new IllegalArgumentException("not a valid IAM name: " + name);
        }
        if (named(kind, name).isPresent()) {
            throw new IllegalArgumentException(kind.arnType() + " " + name + " already exists in " + accountId);
        }
        Principal p = Principal.of(kind, accountId, path, name, uniqueId(kind, 1_000_000_000L + size(kind)), created);
        (kind == Kind.ROLE ? addedRoles : addedUsers).add(p);
        return p;
    }

    /** Deletes a principal by ARN; false if there was none. */
    synchronized boolean delete(String arn) {
        Optional<Principal> p = find(arn);
        if (p.isEmpty()) {
            return false;
        }
        deleted.add(p.get().id());
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
