package io.policygen.preflight;

import io.policygen.aws.AwsClients;
import io.policygen.aws.MemberAccount;
import io.policygen.aws.MemberRole;
import io.policygen.generation.GenerationProperties;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ContextEntry;
import software.amazon.awssdk.services.iam.model.ContextKeyTypeEnum;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyRequest;

/**
 * What StartPolicyGeneration needs in one account, read without calling it: the member role can be assumed, the
 * access role exists and trusts Access Analyzer (IAM GetRole), and the member role may pass it to Access Analyzer
 * (IAM SimulatePrincipalPolicy, which weighs the role's policies, its permissions boundary and the SCPs over its
 * account: see EvaluationResult in the IAM API reference).
 */
final class AccountCheck {

    static final String ACCESS_ANALYZER = "access-analyzer.amazonaws.com";
    private static final String MEMBER_ROLE_README = "config/iam/README.md#member-role";
    private static final String ACCESS_ROLE_README = "config/iam/README.md#access-role";
    private static final String PASS_ROLE_README = "config/iam/README.md#passrole";
    private static final String SIMULATE = "IAM SimulatePrincipalPolicy";
    /** What is checked in each account, in order: each after the member role could be assumed. */
    static final List<CheckKind> KINDS = List.of(CheckKind.MEMBER_ROLE, CheckKind.ACCESS_ROLE, CheckKind.PASS_ROLE,
            CheckKind.ACTIONS);
    /** What a run calls as the member role, as config/iam/member-role-policy.json allows it: IAM's (global) ... */
    private static final List<String> IAM_ACTIONS = List.of("iam:GetAccountAuthorizationDetails",
            "iam:GenerateCredentialReport", "iam:GetCredentialReport");
    /** ... and Access Analyzer's, in each generation Region. */
    private static final List<String> ACCESS_ANALYZER_ACTIONS = List.of("access-analyzer:StartPolicyGeneration",
            "access-analyzer:GetGeneratedPolicy", "access-analyzer:ListPolicyGenerations",
            "access-analyzer:CancelPolicyGeneration");
    /** Where IAM's requests go, and so the aws:RequestedRegion of its actions. */
    private static final String IAM_REGION = "us-east-1";

    private final AwsClients clients;
    private final MemberRole memberRole;
    private final GenerationProperties generation;
    private final List<String> regions;

    AccountCheck(AwsClients clients, MemberRole memberRole, GenerationProperties generation, List<String> regions) {
        this.clients = clients;
        this.memberRole = memberRole;
        this.generation = generation;
        this.regions = regions;
    }

    void check(String accountId, Findings findings) {
        String memberRoleArn = memberRole.arn(accountId);
        String accessRoleArn = generation.accessRoleArn(accountId);
        try (MemberAccount account = clients.memberAccount(accountId)) {
            try {
                account.assumeRole();
                findings.record(CheckKind.MEMBER_ROLE, List.of());
            } catch (SdkException e) {
                findings.record(CheckKind.MEMBER_ROLE, List.of(new Problem(CheckKind.MEMBER_ROLE, accountId,
                        memberRoleArn, "cannot be assumed from the management account ("
                        + AwsErrors.said("STS AssumeRole", e) + ")", "create it in the account with the trust policy "
                        + "config/iam/member-role-trust-policy.json (and the ExternalId, if one is configured), and "
                        + "allow sts:AssumeRole on it in config/iam/management-account-policy.json, see "
                        + MEMBER_ROLE_README)));
                KINDS.subList(1, KINDS.size()).forEach(findings::notChecked);
                return;
            }
            findings.record(CheckKind.ACCESS_ROLE, accessRole(account.iam(), accountId, accessRoleArn));
            findings.record(CheckKind.PASS_ROLE, passRole(account.iam(), accountId, memberRoleArn, accessRoleArn));
            findings.record(CheckKind.ACTIONS, actions(account.iam(), accountId, memberRoleArn, regions));
        } finally {
            clients.release(accountId);
        }
    }

    private static List<Problem> accessRole(IamClient iam, String accountId, String accessRoleArn) {
        String name = accessRoleArn.substring(accessRoleArn.lastIndexOf('/') + 1);
        Role role;
        try {
            role = iam.getRole(r -> r.roleName(name)).role();
        } catch (NoSuchEntityException e) {
            return accessRoleProblem(accountId, accessRoleArn, "does not exist (" + AwsErrors.said("IAM GetRole", e)
                    + ")", "create it in the account with config/iam/access-role-policy.json and the trust policy "
                    + "config/iam/access-role-trust-policy.json, see " + ACCESS_ROLE_README);
        } catch (SdkException e) {
            return accessRoleProblem(accountId, accessRoleArn, "cannot be read by the member role ("
                    + AwsErrors.said("IAM GetRole", e) + ")", AwsErrors.accessDenied(e)
                    ? "allow iam:GetRole on the access role in config/iam/member-role-policy.json, see " + MEMBER_ROLE_README
                    : "run the check again; if it persists, the account's IAM said: " + AwsErrors.saidWithMessage("IAM GetRole", e));
        }
        if (!role.arn().equals(accessRoleArn)) {
            return accessRoleProblem(accountId, accessRoleArn, "does not exist; the account's role named " + name
                    + " is " + role.arn(), "set policygen.generation.access-role-arn-template to that path, or create "
                    + "the role where the template says, see " + ACCESS_ROLE_README);
        }
        if (!TrustPolicy.allowsService(role.assumeRolePolicyDocument(), ACCESS_ANALYZER)) {
            return accessRoleProblem(accountId, accessRoleArn, "its trust policy does not allow " + ACCESS_ANALYZER
                    + " to " + TrustPolicy.ASSUME_ROLE, "replace its trust policy with "
                    + "config/iam/access-role-trust-policy.json, see " + ACCESS_ROLE_README);
        }
        return List.of();
    }

    private static List<Problem> accessRoleProblem(String accountId, String arn, String what, String fix) {
        return List.of(new Problem(CheckKind.ACCESS_ROLE, accountId, arn, what, fix));
    }

    /**
     * The actions a run calls as the member role (config/iam/member-role-policy.json), simulated: a role policy without
     * one, or an SCP or permissions boundary that denies it, would spend the account's generations before the run
     * learnt it (a result GetGeneratedPolicy may not read waits open until it may). Each with the Region it is called
     * in as aws:RequestedRegion: an SCP that denies by Region (a condition on the key) passes a simulation without it.
     */
    private static List<Problem> actions(IamClient iam, String accountId, String memberRoleArn, List<String> regions) {
        List<EvaluationResult> results = new ArrayList<>();
        List<String> denied = new ArrayList<>();
        Set<String> deniedRegions = new TreeSet<>();
        Map<String, List<String>> actionsByRegion = new LinkedHashMap<>();
        actionsByRegion.put(IAM_REGION, IAM_ACTIONS);
        for (String region : regions) {
            actionsByRegion.merge(region, ACCESS_ANALYZER_ACTIONS, (iamActions, accessAnalyzer) ->
                    Stream.concat(iamActions.stream(), accessAnalyzer.stream()).toList());
        }
        for (var entry : actionsByRegion.entrySet()) {
            Simulation simulation = simulate(iam, CheckKind.ACTIONS, accountId, memberRoleArn, "its actions were",
                    r -> r.actionNames(entry.getValue()).contextEntries(ContextEntry.builder()
                            .contextKeyName("aws:RequestedRegion").contextKeyType(ContextKeyTypeEnum.STRING)
                            .contextKeyValues(entry.getKey()).build()));
            if (simulation.problem() != null) {
                return List.of(simulation.problem());
            }
            results.addAll(simulation.results());
            for (EvaluationResult result : simulation.results()) {
                if (result.evalDecision() != PolicyEvaluationDecisionType.ALLOWED) {
                    boolean global = result.evalActionName().startsWith("iam:");
                    denied.add(result.evalActionName() + (global ? "" : " in " + entry.getKey()) + " ("
                            + result.evalDecisionAsString() + ")");
                    if (!global) {
                        deniedRegions.add(entry.getKey());
                    }
                }
            }
        }
        if (results.isEmpty() || !denied.isEmpty()) {
            boolean someRegions = !deniedRegions.isEmpty() && deniedRegions.size() < regions.size();
            return List.of(new Problem(CheckKind.ACTIONS, accountId, memberRoleArn, "may not call "
                    + (denied.isEmpty() ? "what a run calls (" + SIMULATE + ": no result)" : String.join(", ", denied) + " ("
                    + SIMULATE + ")"), "allow them in the member role's policy (config/iam/member-role-policy.json, statements"
                    + " DiscoverPrincipals and GeneratePolicies); an explicitDeny is a service control policy's or a permissions"
                    + " boundary's, to be lifted for the member role" + (someRegions ? " (denied in " + String.join(", ",
                    deniedRegions) + " only: an SCP on aws:RequestedRegion; or take the Region out of"
                    + " policygen.generation.regions)" : "") + ", see " + MEMBER_ROLE_README));
        }
        return List.of();
    }

    private static List<Problem> passRole(IamClient iam, String accountId, String memberRoleArn, String accessRoleArn) {
        Simulation simulation = simulate(iam, CheckKind.PASS_ROLE, accountId, memberRoleArn, "PassRole was", r -> r
                .actionNames("iam:PassRole")
                .resourceArns(accessRoleArn)
                .contextEntries(ContextEntry.builder().contextKeyName("iam:PassedToService")
                        .contextKeyType(ContextKeyTypeEnum.STRING).contextKeyValues(ACCESS_ANALYZER).build()));
        if (simulation.problem() != null) {
            return List.of(simulation.problem());
        }
        List<EvaluationResult> results = simulation.results();
        List<String> denials = results.stream().filter(r -> r.evalDecision() != PolicyEvaluationDecisionType.ALLOWED)
                .map(EvaluationResult::evalDecisionAsString).toList();
        if (results.isEmpty() || !denials.isEmpty()) {
            return List.of(new Problem(CheckKind.PASS_ROLE, accountId, memberRoleArn, "may not pass the access role "
                    + accessRoleArn + " to Access Analyzer (" + SIMULATE + " iam:PassRole: "
                    + (denials.isEmpty() ? "no result" : String.join(", ", denials)) + ")", "allow iam:PassRole on the "
                    + "access role with iam:PassedToService " + ACCESS_ANALYZER + " (config/iam/member-role-policy.json, "
                    + "statement PassAccessRoleToAccessAnalyzer), see " + PASS_ROLE_README));
        }
        return List.of();
    }

    /** The member role's policies simulated (SCPs and its boundary included), or why they could not be. */
    private record Simulation(List<EvaluationResult> results, Problem problem) {
    }

    private static Simulation simulate(IamClient iam, CheckKind kind, String accountId, String memberRoleArn, String checked,
                                       Consumer<SimulatePrincipalPolicyRequest.Builder> request) {
        try {
            return new Simulation(iam.simulatePrincipalPolicy(r -> request.accept(r.policySourceArn(memberRoleArn)))
                    .evaluationResults(), null);
        } catch (SdkException e) {
            return new Simulation(List.of(), new Problem(kind, accountId, memberRoleArn, "cannot simulate its own policies, so "
                    + checked + " not checked (" + AwsErrors.said(SIMULATE, e) + ")", AwsErrors.accessDenied(e)
                    ? "allow iam:SimulatePrincipalPolicy on the member role itself in config/iam/member-role-policy.json, see "
                    + MEMBER_ROLE_README
                    : "run the check again; if it persists, the account's IAM said: " + AwsErrors.saidWithMessage(SIMULATE, e)));
        }
    }
}
