package io.policygen.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.policygen.simulator.Simulator;
import io.policygen.simulator.SimulatorOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The warm-up measurement (docs/benchmarks.md, "What bounds one JVM") makes the calls it reports, as the member accounts. */
class AccessAnalyzerWarmUpIT {

    @Test
    void makesEachBatchsCallsAsTheMemberAccountsItCanEnterAndReportsWhatEachCost() throws Exception {
        try (Simulator simulator = Simulator.start(SimulatorOptions.builder().accounts(4).principalsPerAccount(1)
                .suspendedAccounts(0).unassumableAccounts(1).build())) {
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            String keyId = System.getProperty("aws.accessKeyId");
            String secret = System.getProperty("aws.secretAccessKey");
            // the job's credential chain reads these first: the simulator's management keys
            System.setProperty("aws.accessKeyId", simulator.credentials().accessKeyId());
            System.setProperty("aws.secretAccessKey", simulator.credentials().secretAccessKey());
            try {
                AccessAnalyzerWarmUp.run(simulator.endpoint(), 3, 10, 2, new PrintStream(printed, true, StandardCharsets.UTF_8));
            } finally {
                restore("aws.accessKeyId", keyId);
                restore("aws.secretAccessKey", secret);
            }

            String output = printed.toString(StandardCharsets.UTF_8);
            assertThat(output).containsPattern("(?m)^batch 1: \\d+ us a call \\(callers\\), \\d+ us \\(process\\), [0-9.]+ s$")
                    .contains("batch 3: ").doesNotContain("batch 4: ")
                    .containsPattern("(?m)^process CPU over 30 calls: [0-9.]+ s$")
                    .containsPattern("(?m)^skipped account \\d{12}: .*not authorized to perform: sts:AssumeRole");
            // 30 measured, and one a member account before them: the organization's four accounts are the management
            // account and three members, one of which cannot be entered
            assertThat(simulator.requestCounts().count("access-analyzer", "ListPolicyGenerations", "ok")).isEqualTo(32);
        }
    }

    private static void restore(String name, String value) {
        if (value == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, value);
        }
    }
}
