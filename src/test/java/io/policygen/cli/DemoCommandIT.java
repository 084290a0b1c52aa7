package io.policygen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DemoCommandIT {

    @Test
    void shouldRunNightAfterNightUntilEveryPrincipalHasItsPolicy() {
        Cli cli = Cli.run("demo", "--accounts", "4", "--principals-per-account", "3", "--generation-time", "PT0.1S", "--daily-quota", "2");

        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).contains("night 1", "night 2", "every due principal was settled", "account_id");
        List<String[]> accounts = cli.out().lines().filter(line -> line.matches("\\d{12} .*"))
                .map(line -> line.trim().split("\\s{2,}")).toList();
        assertThat(accounts).hasSize(4).allSatisfy(row -> assertThat(row[4]).as("done = principals").isEqualTo(row[3]));
        assertThat(cli.err()).isEmpty();
    }

    @Test
    void shouldTellItsOwnStoryWithoutTheEmbeddedServersOrSpringsLogs() {
        Cli cli = Cli.run("demo", "--accounts", "2", "--principals-per-account", "2", "--generation-time", "PT0.05S");

        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out().lines().filter(line -> !line.isBlank()).findFirst()).hasValue(
                "policygen demo: starting an embedded PostgreSQL and a simulated AWS Organization in this JVM (nothing is sent to AWS)...");
        assertThat(cli.out()).doesNotContain("INFO", "WARN", "postgres:pid", "Spring", "HikariPool");
    }
}
