package io.policygen.simulator;

import io.policygen.simulator.Principal.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The synthetic AWS Organization, built from the seed: a root, OUs two levels deep, accounts spread
 * over them, principals per account. The management account is the first account (index 0, in the
 * root); it is listed by ListAccounts like in AWS, holds principals like the others, and is always
 * ACTIVE and assumable. Account ids: {@link AccountIds}.
 */
public final class SimulatedOrganization {

    private static final Instant JOINED_FROM = Instant.parse("2019-01-01T00:00:00Z");

    private final SimulatorOptions options;
    private final String organizationId;
    private final OrganizationalUnit root;
    private final List<OrganizationalUnit> units = new ArrayList<>();
    private final List<Account> accounts = new ArrayList<>();
    private final List<AccountPrincipals> principals = new ArrayList<>();
    private final Map<String, List<Integer>> accountsByParent = new LinkedHashMap<>();
    private final Map<String, List<OrganizationalUnit>> unitsByParent = new LinkedHashMap<>();
    private final AccountIds ids;
    private final Instant epoch;

    /** Dates of principals (created, last used) are relative to the start of the simulated clock. */
    SimulatedOrganization(SimulatorOptions options, Instant epoch) {
        this.options = options;
        this.epoch = epoch;
        long seed = options.seed();
        this.ids = AccountIds.of(seed);
        this.organizationId = "o-" + Hashing.lowerAlnum(Hashing.hash(seed, 1), 10);
        String rootSuffix = Hashing.lowerAlnum(Hashing.hash(seed, 2), 4);
        this.root = new OrganizationalUnit("r-" + rootSuffix, "Root", null);
        OrganizationalUnit security = ou(rootSuffix, 1, "Security", root);
        OrganizationalUnit infrastructure = ou(rootSuffix, 2, "Infrastructure", root);
        OrganizationalUnit workloads = ou(rootSuffix, 3, "Workloads", root);
        OrganizationalUnit sandbox = ou(rootSuffix, 4, "Sandbox", root);
        OrganizationalUnit prod = ou(rootSuffix, 5, "Prod", workloads);
        OrganizationalUnit nonProd = ou(rootSuffix, 6, "NonProd", workloads);
        accountsByParent.put(root.id(), new ArrayList<>());
        units.forEach(u -> accountsByParent.put(u.id(), new ArrayList<>()));

        // where members go: mostly workloads, a few in every other place
        OrganizationalUnit[] placement = {prod, prod, prod, nonProd, nonProd, nonProd, sandbox, sandbox,
                infrastructure, security, workloads, root};
        int n = options.accounts();
        int[] counts = AccountSizes.principalCounts(options);
        String[] states = AccountStates.assign(options, IntStream.range(1, n).boxed()
                .filter(i -> !accountId(i).equals(options.delegatedAdministrator()))
                .sorted(Comparator.comparingLong(i -> Hashing.hash(seed, 11, i))).toList());
        for (int i = 0; i < n; i++) {
            String id = accountId(i);
            OrganizationalUnit parent = i == 0 ? root
                    : placement[Hashing.below(Hashing.hash(seed, 12, i), placement.length)];
            String name = i == 0 ? "management" : parent.name().toLowerCase() + "-" + String.format("%04d", i);
            Instant joined = JOINED_FROM.plusSeconds(Long.remainderUnsigned(Hashing.hash(seed, 13, i),
                    5L * 365 * 24 * 3600));
            boolean assumable = !AccountStates.UNASSUMABLE.equals(states[i]);
            accounts.add(new Account(i, id, name, "aws+" + name + "@example.com", parent.id(),
                    states[i] == null || !assumable ? "ACTIVE" : states[i], assumable, joined,
                    i == 0 || Hashing.below(Hashing.hash(seed, 14, i), 4) != 0 ? "CREATED" : "INVITED"));
            accountsByParent.get(parent.id()).add(i);
            principals.add(new AccountPrincipals(seed, id, counts[i], options.mix(), epoch, IdentityCenter.of(options)));
        }
        if (options.delegatedAdministrator() != null && !isMember(options.delegatedAdministrator())) {
            throw new IllegalArgumentException("--delegated-admin: " + options.delegatedAdministrator()
                    + " is not a member account of the organization (members run from " + accountId(1) + ")");
        }
    }

    private OrganizationalUnit ou(String rootSuffix, int n, String name, OrganizationalUnit parent) {
        OrganizationalUnit ou = new OrganizationalUnit(
                "ou-" + rootSuffix + "-" + Hashing.lowerAlnum(Hashing.hash(options.seed(), 3, n), 8), name,
                parent.id());
        units.add(ou);
        unitsByParent.computeIfAbsent(parent.id(), k -> new ArrayList<>()).add(ou);
        return ou;
    }

    /** When the simulator started: principals' creation and last use are reckoned back from it. */
    public Instant epoch() {
        return epoch;
    }

    public String accountId(int index) {
        return accountId(options.seed(), index);
    }

    /** The id of account {@code index} (0: the management account) in the organization seeded with {@code seed}. */
    public static String accountId(long seed, int index) {
        return AccountIds.of(seed).id(index);
    }

    /** A member account (not the management account) of the organization. */
    public boolean isMember(String accountId) {
        return account(accountId).map(a -> !a.management()).orElse(false);
    }

    /** The member account registered as delegated administrator for Organizations, if any. */
    public Optional<String> delegatedAdministrator() {
        return Optional.ofNullable(options.delegatedAdministrator());
    }

    /** The management account's fixed access key (from the options). */
    public ManagementCredentials credentials() {
        return new ManagementCredentials(options.accessKeyId(), options.secretAccessKey());
    }

    public String organizationId() {
        return organizationId;
    }

    public Account managementAccount() {
        return accounts.get(0);
    }

    public String managementAccountId() {
        return accounts.get(0).id();
    }

    public String memberRoleName() {
        return options.memberRoleName();
    }

    /** The access role's name with its path, e.g. {@code service-role/AccessAnalyzerMonitorServiceRole}. */
    public String accessRoleName() {
        return options.accessRoleName();
    }

    public String accessRoleArn(String accountId) {
        return "arn:aws:iam::" + accountId + ":role/" + options.accessRoleName();
    }

    public String memberRoleArn(String accountId) {
        return "arn:aws:iam::" + accountId + ":role/" + options.memberRoleName();
    }

    public String trailArn() {
        return trail().arn();
    }

    /** The organization trail: name, ARN, home Region, bucket, KMS key. */
    public OrganizationTrail trail() {
        return OrganizationTrail.of(options, managementAccountId());
    }

    public String region() {
        return options.region();
    }

    public String organizationArn() {
        return "arn:aws:organizations::" + managementAccountId() + ":organization/" + organizationId;
    }

    public OrganizationalUnit root() {
        return root;
    }

    public List<OrganizationalUnit> organizationalUnits() {
        return List.copyOf(units);
    }

    public List<Account> accounts() {
        return List.copyOf(accounts);
    }

    public Optional<Account> account(String accountId) {
        int index = ids.index(accountId);
        return index >= 0 && index < accounts.size() ? Optional.of(accounts.get(index)) : Optional.empty();
    }

    /** The name of the root or an OU. */
    public String unitName(String id) {
        if (root.id().equals(id)) {
            return root.name();
        }
        return units.stream().filter(u -> u.id().equals(id)).map(OrganizationalUnit::name).findFirst().orElse(null);
    }

    /** Account indices directly under a parent, or null if the parent does not exist. */
    List<Integer> accountIndicesUnder(String parentId) {
        return accountsByParent.get(parentId);
    }

    /** OUs directly under a parent, or null if the parent does not exist. */
    List<OrganizationalUnit> unitsUnder(String parentId) {
        return accountsByParent.containsKey(parentId) ? unitsByParent.getOrDefault(parentId, List.of()) : null;
    }

    AccountPrincipals principalsOf(Account account) {
        return principals.get(account.index());
    }

    /** Roles and users of an account, service-linked roles excluded. */
    public int principalCount(String accountId) {
        return account(accountId).map(a -> principalsOf(a).count()).orElse(0);
    }

    /** Total principals of the organization, service-linked roles excluded. */
    public long principalCount() {
        return principals.stream().mapToLong(AccountPrincipals::count).sum();
    }

    /** Every principal of an account (service-linked roles included); materializes them, mind big accounts. */
    public List<Principal> principals(String accountId) {
        return principalsOf(requireAccount(accountId)).all();
    }

    public Optional<Principal> principal(String arn) {
        String accountId = arn.startsWith("arn:aws:iam::") && arn.length() > 25 ? arn.substring(13, 25) : null;
        return account(accountId).flatMap(a -> principalsOf(a).find(arn));
    }

    /** A role of the account by name (the access and member roles are not among them: see {@code IamRoles}). */
    Optional<Principal> role(String accountId, String roleName) {
        return account(accountId).flatMap(a -> principalsOf(a).role(roleName));
    }

    /** Adds a role or user (path like {@code /} or {@code /team/}); returns it. */
    public Principal addPrincipal(String accountId, Kind kind, String path, String name, Instant created) {
        return principalsOf(requireAccount(accountId)).add(kind, path, name, created);
    }

    /** Deletes a principal; false if it did not exist. */
    public boolean deletePrincipal(String arn) {
        return principal(arn).map(p -> principalsOf(requireAccount(p.accountId())).delete(arn)).orElse(false);
    }

    /** The account's State changes: Organizations lists it so from now on, AssumeRole into an unusable one is refused. */
    public Account changeState(String accountId, String state) {
        Account changed = requireAccount(accountId).withState(state);
        // one reference to an immutable record replaced: a reader sees the old account or the new, whole
        accounts.set(changed.index(), changed);
        return changed;
    }

    private Account requireAccount(String accountId) {
        return account(accountId).orElseThrow(() -> new IllegalArgumentException("no account " + accountId));
    }
}
