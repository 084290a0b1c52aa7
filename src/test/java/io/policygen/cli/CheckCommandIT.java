package io.policygen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.policygen.simulator.AccessRoleBreak;
import io.policygen.local.SimulatorJobSettings;
import io.policygen.simulator.SimulatedOrganization;
import io.policygen.simulator.Simulator;
import io.policygen.simulator.SimulatorOptions;
import io.policygen.testsupport.TestDatabase;
import io.policygen.testsupport.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code policygen check} in its own JVM, as a user runs it before the first night: it names what is broken, and spends nothing. */
@ExtendWith(TestPostgres.class)
class CheckCommandIT {

    private static final long SEED = 7;
    private static final String MISSING = SimulatedOrganization.accountId(SEED, 2);
    private static final String UNTRUSTED = SimulatedOrganization.accountId(SEED, 4);

    @TempDir
    Path directory;

    @Test
    void shouldNameTheTwoAccountsWithABrokenAccessRoleAndNothingElseAndStartNoGeneration(TestDatabase database) throws Exception {
        try (Simulator simulator = Simulator.start(SimulatorOptions.builder().seed(SEED).accounts(6).principalsPerAccount(3)
                .suspendedAccounts(0).unassumableAccounts(0).generationTime(Duration.ofMillis(50))
                .brokenAccessRole(MISSING, AccessRoleBreak.MISSING).brokenAccessRole(UNTRUSTED, AccessRoleBreak.UNTRUSTED).build())) {
            List<String> args = new ArrayList<>(List.of("check"));
            Map<String, Object> settings = SimulatorJobSettings.forSimulator(simulator, database.url(), database.user(), database.password());
            settings.forEach((name, value) -> args.add("--" + name + "=" + value));

            PolicygenProcess.Finished check = PolicygenProcess.run(directory, Map.of(
                    "AWS_ACCESS_KEY_ID", simulator.credentials().accessKeyId(),
                    "AWS_SECRET_ACCESS_KEY", simulator.credentials().secretAccessKey()), args);

            assertThat(check.exitCode()).as(check.console()).isEqualTo(5);
            List<String> problems = check.lines().stream().filter(line -> line.contains(". Fix: ")).toList();
            assertThat(problems).hasSize(2);
            assertThat(problems.get(0)).contains("account " + MISSING).contains("does not exist");
            assertThat(problems.get(1)).contains("account " + UNTRUSTED).contains("trust policy");
            assertThat(simulator.generations()).as("no generation started").isEmpty();
        }
    }

    @Test
    void shouldRefuseASampleOfNoAccountAsAUsageError() throws Exception {
        PolicygenProcess.Finished check = PolicygenProcess.run(directory, Map.of(), List.of("check", "--sample", "0"));

        assertThat(check.exitCode()).isEqualTo(2);
        assertThat(check.lines().getFirst()).isEqualTo("policygen check: --sample must be 1 or more, was 0; see 'policygen check --help'");
    }
}
