package io.policygen.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.policygen.simulator.Simulator;
import io.policygen.simulator.SimulatorOptions;
import io.policygen.support.JobHarness;
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
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The IAM policies in config/iam allow every AWS action the job calls, and nothing else: the job runs through
 * everything it can do (whole organization, OU scoping, a lost answer recovered, a stuck generation cancelled)
 * against the simulator, whose record of requests is the list of actions called.
 */
@ExtendWith(TestPostgres.class)
class IamPoliciesIT {

    /** Actions a call implies without a request of their own: StartPolicyGeneration passes the access role. */
    private static final Set<String> IMPLIED = Set.of("iam:PassRole");

    @Test
    void shouldAllowExactlyTheActionsTheJobCalls(TestDatabase database) throws IOException {
        Set<String> called = new TreeSet<>();
        try (Simulator simulator = Simulator.start(SimulatorOptions.builder().accounts(4).principalsPerAccount(3)
                .generationTime(Duration.ofMillis(50)).generationJitter(Duration.ZERO).build())) {
            JobHarness job = new JobHarness(simulator, database);
            job.resetDatabase();
            // the whole organization, with the answer to the first StartPolicyGeneration lost (recovered next run)
            job.run(context -> loseFirstStartAnswer(context));
            job.run();
            // a month on, scoped to the root OU, with generations "stuck" past a tiny max-wait: they are cancelled
            simulator.clock().advance(Duration.ofDays(40));
            job.set("policygen.organization.ou-ids", simulator.organization().root().id())
                    .set("policygen.generation.max-wait", "PT0.001S");
            job.run();
            simulator.requestCounts().snapshot().forEach((service, operations) ->
                    operations.keySet().forEach(operation -> called.add(service + ":" + operation)));
        }

        Set<String> management = allowedActions("management-account-policy.json");
        Set<String> member = allowedActions("member-role-policy.json");

        assertThat(called).contains("organizations:ListAccounts", "organizations:ListAccountsForParent",
                "organizations:ListOrganizationalUnitsForParent", "sts:AssumeRole", "iam:ListRoles", "iam:ListUsers",
                "access-analyzer:StartPolicyGeneration", "access-analyzer:GetGeneratedPolicy",
                "access-analyzer:ListPolicyGenerations", "access-analyzer:CancelPolicyGeneration");
        Set<String> needed = new TreeSet<>(called);
        needed.addAll(IMPLIED);
        Set<String> allowed = new TreeSet<>(management);
        allowed.addAll(member);
        assertThat(allowed).as("the policies allow what the job calls, and nothing else").isEqualTo(needed);
        assertThat(management).allSatisfy(action -> assertThat(action).matches("organizations:.*|sts:AssumeRole"));
        assertThat(member).allSatisfy(action -> assertThat(action).matches("iam:.*|access-analyzer:.*"));
    }

    private static void loseFirstStartAnswer(org.springframework.context.ConfigurableApplicationContext context) {
        // the first jobId is never committed: the next run finds it again through ListPolicyGenerations
        var factory = (DefaultListableBeanFactory) context.getBeanFactory();
        factory.destroySingleton("generationStore");
        factory.registerSingleton("generationStore", new io.policygen.generation.GenerationStore(
                org.springframework.jdbc.core.simple.JdbcClient.create(context.getBean(javax.sql.DataSource.class)),
                context.getBean(io.policygen.config.OwnTransaction.class), JsonMapper.builder().build()) {
            private boolean lost;

            @Override
            public synchronized void recordStarted(long generationId, String jobId) {
                if (!lost) {
                    lost = true;
                    throw new IllegalStateException("injected: the jobId is lost before its commit");
                }
                super.recordStarted(generationId, jobId);
            }
        });
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
