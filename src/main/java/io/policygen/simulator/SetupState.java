package io.policygen.simulator;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * What is broken in the organization's setup now: starts from {@link SimulatorOptions#setup()}, changed by
 * tests ({@code simulator.setup()}) and by the {@code /_simulator/} control calls. A generation reads it
 * once, when it starts: its outcome is fixed then.
 */
public final class SetupState {

    private static final Pattern ACTION = Pattern.compile("[a-z-]+:[A-Z][A-Za-z]+");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]");
    private static final String IN = " in ";

    private final SimulatedOrganization organization;
    private final Map<String, JobErrorCode> failingAccounts = new ConcurrentHashMap<>();
    private final Map<String, JobErrorCode> failingPrincipals = new ConcurrentHashMap<>();
    private final Map<String, AccessRoleBreak> brokenAccessRoles = new ConcurrentHashMap<>();
    private final Set<String> noPassRole = ConcurrentHashMap.newKeySet();
    /**
     * account id -> actions denied to every caller there, as by an SCP: "access-analyzer:GetGeneratedPolicy" in every
     * Region, "access-analyzer:StartPolicyGeneration in eu-west-1" in one (an SCP's condition on aws:RequestedRegion).
     */
    private final Map<String, Set<String>> deniedActions = new ConcurrentHashMap<>();
    private volatile boolean brokenTrailBucket;

    SetupState(SetupFaults initial, SimulatedOrganization organization) {
        this.organization = organization;
        initial.failingAccounts().keySet().forEach(id -> requireAccount("--failing-account: ", id));
        initial.brokenAccessRoles().keySet().forEach(id -> requireAccount("--broken-access-role: ", id));
        initial.noPassRole().forEach(id -> requireAccount("--no-pass-role: ", id));
        failingAccounts.putAll(initial.failingAccounts());
        failingPrincipals.putAll(initial.failingPrincipals());
        brokenAccessRoles.putAll(initial.brokenAccessRoles());
        noPassRole.addAll(initial.noPassRole());
        brokenTrailBucket = initial.brokenTrailBucket();
    }

    /** Every generation started in the account from now on ends FAILED with this code. */
    public void failAccount(String accountId, JobErrorCode code) {
        failingAccounts.put(requireAccount(accountId), code);
    }

    /** Every generation started for the principal from now on ends FAILED with this code. */
    public void failPrincipal(String principalArn, JobErrorCode code) {
        SetupFaults.requirePrincipal(principalArn);
        failingPrincipals.put(principalArn, code);
    }

    /** Clears the job errors of one account and one principal (either may be null); both null: all of them. */
    public void clearJobErrors(String accountId, String principalArn) {
        if (accountId == null && principalArn == null) {
            failingAccounts.clear();
            failingPrincipals.clear();
            return;
        }
        if (accountId != null) {
            failingAccounts.remove(accountId);
        }
        if (principalArn != null) {
            failingPrincipals.remove(principalArn);
        }
    }

    public void breakAccessRole(String accountId, AccessRoleBreak how) {
        brokenAccessRoles.put(requireAccount(accountId), how);
    }

    /** Repairs one account's access role; null: every account's. */
    public void repairAccessRole(String accountId) {
        if (accountId == null) {
            brokenAccessRoles.clear();
        } else {
            brokenAccessRoles.remove(accountId);
        }
    }

    /** Breaks (or repairs) the trail bucket's policy: no access role can read the log files. */
    public void breakTrailBucket(boolean broken) {
        this.brokenTrailBucket = broken;
    }

    /** Takes iam:PassRole on the access role from the account's member role (or gives it back). */
    public void denyPassRole(String accountId, boolean denied) {
        if (denied) {
            noPassRole.add(requireAccount(accountId));
        } else {
            noPassRole.remove(accountId);
        }
    }

    /** Denies an action in every Region of the account, or allows it again: {@link #denyAction(String, String, String, boolean)}. */
    public void denyAction(String accountId, String action, boolean denied) {
        denyAction(accountId, action, null, denied);
    }

    /**
     * Denies an action ({@code service:Operation}, e.g. {@code access-analyzer:GetGeneratedPolicy}) to every caller in
     * the account, as a service control policy's explicit deny would (or a member role without it), in every Region or
     * in one ({@code region} not null: an SCP denying by {@code aws:RequestedRegion}); or allows it again.
     */
    public void denyAction(String accountId, String action, String region, boolean denied) {
        if (action == null || !ACTION.matcher(action).matches()) {
            throw new IllegalArgumentException("action=<service>:<Operation> is required, e.g."
                    + " access-analyzer:GetGeneratedPolicy, not " + action);
        }
        if (region != null && !REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("region must be a Region's name, e.g. eu-west-1, not " + region);
        }
        String denial = region == null ? action : action + IN + region;
        if (denied) {
            deniedActions.computeIfAbsent(requireAccount(accountId), id -> ConcurrentHashMap.newKeySet()).add(denial);
        } else {
            deniedActions.getOrDefault(accountId, Set.of()).remove(denial);
        }
    }

    /** Whether the action is denied in the account, to a request for {@code region} (null: none named, as in a simulation without it). */
    public boolean actionDenied(String accountId, String action, String region) {
        Set<String> denied = deniedActions.getOrDefault(accountId, Set.of());
        return denied.contains(action) || region != null && denied.contains(action + IN + region);
    }

    /** Whether the action is denied in the account in some Region only: what a simulation needs aws:RequestedRegion for. */
    public boolean actionDeniedByRegion(String accountId, String action) {
        return deniedActions.getOrDefault(accountId, Set.of()).stream().anyMatch(denial -> denial.startsWith(action + IN));
    }

    /** The denied actions by account, sorted, as in the state JSON. */
    public Map<String, Set<String>> deniedActions() {
        Map<String, Set<String>> sorted = new TreeMap<>();
        deniedActions.forEach((account, actions) -> {
            if (!actions.isEmpty()) {
                sorted.put(account, new TreeSet<>(actions));
            }
        });
        return sorted;
    }

    public Optional<JobErrorCode> accountJobError(String accountId) {
        return Optional.ofNullable(failingAccounts.get(accountId));
    }

    public Optional<JobErrorCode> principalJobError(String principalArn) {
        return Optional.ofNullable(failingPrincipals.get(principalArn));
    }

    public Optional<AccessRoleBreak> accessRole(String accountId) {
        return Optional.ofNullable(brokenAccessRoles.get(accountId));
    }

    public boolean trailBucketBroken() {
        return brokenTrailBucket;
    }

    public boolean passRoleDenied(String accountId) {
        return noPassRole.contains(accountId);
    }

    /** A sorted snapshot of what is broken, as in the state JSON. */
    public SetupFaults snapshot() {
        return new SetupFaults(new TreeMap<>(failingAccounts), new TreeMap<>(failingPrincipals),
                new TreeMap<>(brokenAccessRoles), brokenTrailBucket, noPassRole);
    }

    private String requireAccount(String accountId) {
        return requireAccount("", accountId);
    }

    private String requireAccount(String option, String accountId) {
        if (organization.account(accountId).isEmpty()) {
            throw new IllegalArgumentException(option + "no account " + accountId + " in the organization (its ids run from "
                    + organization.managementAccountId() + " to "
                    + organization.accountId(organization.accounts().size() - 1) + ")");
        }
        return accountId;
    }
}
