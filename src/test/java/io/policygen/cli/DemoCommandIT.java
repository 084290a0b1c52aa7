package io.policygen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandIT {

    @Test
    void shouldRunNightAfterNightUntilEveryPrincipalHasItsPolicy() {
        Cli cli = Cli.run("demo", "--accounts", "4", "--principals-per-account", "3", "--generation-time", "PT0.1S", "--daily-quota", "2");

        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).contains("night 1", "night 2", "every due principal was settled", "account_id");
        List<String[]> accounts = cli.out().lines().filter(line -> line.matches("\\d{12} .*"))
                .map(line -> line.trim().split("\\s{2,}")).toList();
        assertThat(accounts).hasSize(4).allSatisfy(row -> {
            assertThat(row[5] + row[6] + row[7]).as("in progress, due, deferred").isEqualTo("000");
            assertThat(Integer.parseInt(row[4]) + Integer.parseInt(row[8]) + Integer.parseInt(row[9]) + Integer.parseInt(row[10]))
                    .as("done + unused + too new + opted out = principals").isEqualTo(Integer.parseInt(row[3]));
        });
        assertThat(cli.err()).isEmpty();
    }

    @Test
    void shouldTellItsOwnStoryWithoutTheEmbeddedServersOrSpringsLogs(@TempDir Path directory) throws Exception {
        PolicygenProcess.Finished demo = PolicygenProcess.run(directory, Map.of(),
                List.of("demo", "--accounts", "2", "--principals-per-account", "2", "--generation-time", "PT0.05S"));

        assertThat(demo.exitCode()).isZero();
        assertThat(demo.lines().getFirst()).isEqualTo(
                "policygen demo: starting an embedded PostgreSQL and a simulated AWS Organization in this JVM (nothing is sent to AWS)...");
        assertThat(demo.lines()).allSatisfy(line -> assertThat(line).as("the demo's own lines, the runs' and the reports'")
                .matches("|policygen.*|night \\d+ .*|\\r?progress: .*|account_id .*|rank  account_id .*|[- ]+|\\d{12} .*"
                        + "| +\\d+  \\d{12} .*|\\(\\d+ rows?\\)|permission_set .*|[A-Za-z][\\w+=,.@-]* +\\d+ .*"));
        assertThat(demo.lines()).as("the gap's five worst, the permission sets, the page and the export")
                .anyMatch(line -> line.matches(" +1  \\d{12}  arn:aws:iam::.*"))
                .anyMatch(line -> line.matches("AdministratorAccess +\\d+ +\\d+ +[tf] .*"))
                .anyMatch(line -> line.matches("policygen demo: the gap page .*: /.*gap\\.html"))
                .anyMatch(line -> line.matches("policygen demo: the export: exported \\d+ principals to /.*"));
    }
}
