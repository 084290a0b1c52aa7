package io.policygen.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.policygen.preflight.Preflight;
import io.policygen.preflight.PreflightOptions;
import io.policygen.preflight.PreflightReport;
import io.policygen.simulator.PrincipalMix;
import io.policygen.simulator.Simulator;
import io.policygen.simulator.SimulatorOptions;
import io.policygen.testsupport.InjectedFaults;
import io.policygen.testsupport.JobHarness;
import io.policygen.testsupport.TestDatabase;
import io.policygen.testsupport.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The IAM policies in config/iam allow every AWS action the job and its preflight call, and nothing else: the job
 * runs through everything it can do (whole organization, OU scoping, a lost answer recovered, a stuck generation
 * cancelled), and {@code policygen check} through a whole organization, against the simulator, whose record of
 * requests is the list of actions called.
 */
@ExtendWith(TestPostgres.class)
class IamPoliciesIT {

    /** Actions a call implies without a request of their own: StartPolicyGeneration passes the access role. */
    private static final Set<String> IMPLIED = Set.of("iam:PassRole");
    /** Actions no policy can deny, so none grants: STS GetCallerIdentity (check's "who are we"). */
    private static final Set<String> NEED_NO_PERMISSION = Set.of("sts:GetCallerIdentity");

    @Test
    void shouldAllowExactlyTheActionsTheJobCalls(TestDatabase database) throws IOException {
        Set<String> called = new TreeSet<>();
        // the whole organization, the answer to the first StartPolicyGeneration lost (found again next run)
        try (Simulator simulator = Simulator.start(SimulatorOptions.builder().accounts(4).principalsPerAccount(4)
                .generationTime(Duration.ofMillis(50)).generationJitter(Duration.ZERO).mix(PrincipalMix.ALL_ACTIVE).build())) {
            JobHarness job = new JobHarness(simulator, database);
            job.resetDatabase();
            job.run(InjectedFaults::loseFirstJobIdCommit);
            job.run();
            called.addAll(actionsCalled(simulator));
        }
        // scoped to the root OU, with generations that outlast max-wait: they are cancelled
        try (Simulator simulator = Simulator.start(SimulatorOptions.builder().accounts(4).principalsPerAccount(4)
                .generationTime(Duration.ofMinutes(5)).generationJitter(Duration.ZERO).mix(PrincipalMix.ALL_ACTIVE).build())) {
            JobHarness job = new JobHarness(simulator, database);
            job.resetDatabase();
            job.set("policygen.organization.ou-ids", simulator.organization().root().id())
                    .set("policygen.generation.max-wait", "PT0.3S");
            job.run();
            called.addAll(actionsCalled(simulator));
        }

        // the preflight, on its own: it reads, and calls nothing of Access Analyzer
        try (Simulator simulator = Simulator.start(SimulatorOptions.builder().accounts(4).principalsPerAccount(3)
                .build())) {
            JobHarness job = new JobHarness(simulator, database);
            try (ConfigurableApplicationContext context = job.start()) {
                PreflightReport report = context.getBean(Preflight.class).check(PreflightOptions.everyAccount());
                assertThat(report.problems()).isEmpty();
            }
            assertThat(actionsCalled(simulator)).containsExactly("cloudtrail:GetTrail", "iam:GetRole",
                    "iam:SimulatePrincipalPolicy", "organizations:ListAccounts", "sts:AssumeRole",
                    "sts:GetCallerIdentity");
            assertThat(simulator.generations()).isEmpty();
            called.addAll(actionsCalled(simulator));
        }

        Set<String> management = allowedActions("management-account-policy.json");
        Set<String> member = allowedActions("member-role-policy.json");

        assertThat(called).contains("organizations:ListAccounts", "organizations:ListAccountsForParent",
                "organizations:ListOrganizationalUnitsForParent", "sts:AssumeRole", "iam:GetAccountAuthorizationDetails",
                "iam:GenerateCredentialReport", "iam:GetCredentialReport",
                "access-analyzer:StartPolicyGeneration", "access-analyzer:GetGeneratedPolicy",
                "access-analyzer:ListPolicyGenerations", "access-analyzer:CancelPolicyGeneration",
                "cloudtrail:GetTrail", "iam:GetRole", "iam:SimulatePrincipalPolicy", "sts:GetCallerIdentity");
        Set<String> needed = new TreeSet<>(called);
        needed.addAll(IMPLIED);
        needed.removeAll(NEED_NO_PERMISSION);
        Set<String> allowed = new TreeSet<>(management);
        allowed.addAll(member);
        assertThat(allowed).as("the policies allow what the job calls, and nothing else").isEqualTo(needed);
        assertThat(management).allSatisfy(action -> assertThat(action).matches("organizations:.*|sts:AssumeRole|cloudtrail:GetTrail"));
        assertThat(member).allSatisfy(action -> assertThat(action).matches("iam:.*|access-analyzer:.*"));
    }

    private static Set<String> actionsCalled(Simulator simulator) {
        Set<String> actions = new TreeSet<>();
        simulator.requestCounts().snapshot().forEach((service, operations) ->
                operations.keySet().forEach(operation -> actions.add(service + ":" + operation)));
        return actions;
    }

    private static Set<String> allowedActions(String file) throws IOException {
        JsonNode policy = JsonMapper.builder().build().readTree(Files.readString(Path.of("config/iam", file)));
        Set<String> actions = new HashSet<>();
        for (JsonNode statement : policy.get("Statement")) {
            assertThat(statement.get("Effect").asString()).isEqualTo("Allow");
            JsonNode action = statement.get("Action");
            if (action.isArray()) {
                action.forEach(a -> actions.add(a.asString()));
            } else {
                actions.add(action.asString());
            }
        }
        return actions;
    }
}
