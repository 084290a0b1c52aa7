package io.policygen.simulator;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What is broken in the organization's setup when the simulator starts; {@link SetupState} changes it at
 * run time. Generations that meet a broken setup are accepted and end FAILED, as in AWS.
 *
 * @param failingAccounts   account id -> the job error every generation there ends with
 * @param failingPrincipals principal ARN -> the job error every generation for it ends with
 * @param brokenAccessRoles account id -> how its access role is broken (generations end AUTHORIZATION_ERROR)
 * @param brokenTrailBucket true: the access roles cannot read the trail's bucket, in every account
 * @param noPassRole        accounts whose member role may not iam:PassRole the access role
 */
public record SetupFaults(Map<String, JobErrorCode> failingAccounts, Map<String, JobErrorCode> failingPrincipals,
                          Map<String, AccessRoleBreak> brokenAccessRoles, boolean brokenTrailBucket,
                          Set<String> noPassRole) {

    public static final SetupFaults NONE = new SetupFaults(Map.of(), Map.of(), Map.of(), false, Set.of());

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern PRINCIPAL = Pattern.compile("arn:aws:iam::\\d{12}:(role|user)/.+");

    public SetupFaults {
        failingAccounts = Map.copyOf(failingAccounts);
        failingPrincipals = Map.copyOf(failingPrincipals);
        brokenAccessRoles = Map.copyOf(brokenAccessRoles);
        noPassRole = Set.copyOf(noPassRole);
        failingAccounts.keySet().forEach(id -> requireAccount("failing-account", id));
        brokenAccessRoles.keySet().forEach(id -> requireAccount("broken-access-role", id));
        noPassRole.forEach(id -> requireAccount("no-pass-role", id));
        failingPrincipals.keySet().forEach(SetupFaults::requirePrincipal);
    }

    static void requirePrincipal(String arn) {
        if (arn == null || !PRINCIPAL.matcher(arn).matches()) {
            throw new IllegalArgumentException("--failing-principal: not a role or user ARN: " + arn);
        }
    }

    private static void requireAccount(String option, String id) {
        if (id == null || !ACCOUNT.matcher(id).matches()) {
            throw new IllegalArgumentException("--" + option + ": not a 12-digit account id: " + id);
        }
    }

    public SetupFaults withFailingAccount(String accountId, JobErrorCode code) {
        return new SetupFaults(put(failingAccounts, accountId, code), failingPrincipals, brokenAccessRoles,
                brokenTrailBucket, noPassRole);
    }

    public SetupFaults withFailingPrincipal(String principalArn, JobErrorCode code) {
        return new SetupFaults(failingAccounts, put(failingPrincipals, principalArn, code), brokenAccessRoles,
                brokenTrailBucket, noPassRole);
    }

    public SetupFaults withBrokenAccessRole(String accountId, AccessRoleBreak how) {
        return new SetupFaults(failingAccounts, failingPrincipals, put(brokenAccessRoles, accountId, how),
                brokenTrailBucket, noPassRole);
    }

    public SetupFaults withBrokenTrailBucket(boolean broken) {
        return new SetupFaults(failingAccounts, failingPrincipals, brokenAccessRoles, broken, noPassRole);
    }

    public SetupFaults withNoPassRole(String accountId) {
        Set<String> accounts = new TreeSet<>(noPassRole);
        accounts.add(accountId);
        return new SetupFaults(failingAccounts, failingPrincipals, brokenAccessRoles, brokenTrailBucket, accounts);
    }

    private static <V> Map<String, V> put(Map<String, V> map, String key, V value) {
        Map<String, V> copy = new TreeMap<>(map);
        copy.put(key, value);
        return copy;
    }
}
