package io.policygen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoCommandIT {

    @Test
    void shouldRunNightAfterNightUntilEveryPrincipalHasItsPolicy() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        DemoOptions options = DemoOptions.parse(new String[] {
                "--accounts", "4", "--principals-per-account", "3", "--generation-time", "PT0.1S", "--daily-quota", "2"});

        int exitCode = new DemoCommand(options, new PrintStream(buffer, true, StandardCharsets.UTF_8)).demo();

        String output = buffer.toString(StandardCharsets.UTF_8);
        assertThat(exitCode).isZero();
        assertThat(output).contains("night 1", "night 2", "every due principal was settled", "account_id");
        List<String[]> accounts = output.lines().filter(line -> line.matches("\\d{12} .*"))
                .map(line -> line.trim().split("\\s{2,}")).toList();
        assertThat(accounts).hasSize(4).allSatisfy(row -> assertThat(row[4]).as("done = principals").isEqualTo(row[3]));
    }

    @Test
    void shouldRefuseAnUnknownOptionNamingIt() {
        assertThat(DemoCommand.run(new String[] {"--acounts", "3"})).isEqualTo(2);
    }
}
