package io.policygen.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.policygen.simulator.Simulator;
import io.policygen.simulator.SimulatorOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The warm-up measurement (docs/benchmarks.md, "What bounds one JVM") makes the calls it reports, as the member accounts. */
class AccessAnalyzerWarmUpIT {

    @Test
    void makesEachBatchsCallsAsTheMemberAccountsItCanEnterAndReportsWhatEachCost() throws Exception {
        try (Simulator simulator = Simulator.start(SimulatorOptions.builder().accounts(4).principalsPerAccount(1)
                .suspendedAccounts(0).unassumableAccounts(1).build())) {
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            AccessAnalyzerWarmUp.run(simulator.endpoint(), StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    simulator.credentials().accessKeyId(), simulator.credentials().secretAccessKey())), 3, 10, 2,
                    new PrintStream(printed, true, StandardCharsets.UTF_8));

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
}
