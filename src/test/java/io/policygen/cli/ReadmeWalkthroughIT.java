package io.policygen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.policygen.local.EmbeddedDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * README.md's "A first real setup, against the simulator", command by command as written: a fresh PostgreSQL
 * server (embedded, on a free port), the standalone simulator, the packaged jar. If the README's commands or
 * configuration stop working, this fails.
 */
class ReadmeWalkthroughIT {

    private static final Path README = Path.of("README.md");
    private static final Path JAR = Path.of("target", "policygen.jar").toAbsolutePath();

    @TempDir
    Path directory;

    @Test
    void shouldRunTheReadmesWalkthroughFromAnEmptyServerToAReadersReport() throws Exception {
        assertThat(JAR).as("the jar the README runs; `./mvnw verify` packages it before the integration tests").exists();
        ReadmeSection walkthrough = ReadmeSection.read(README, "A first real setup, against the simulator");
        assertThat(walkthrough.blocks("yaml")).as("one configuration file").hasSize(1);

        try (EmbeddedDatabase server = EmbeddedDatabase.builder().durable(false).start();
             ReadmeShell shell = new ReadmeShell(directory, JAR, server)) {
            dropTheDatabaseTheEmbeddedServerComesWith(server);

            for (ReadmeSection.Block block : walkthrough.blocks()) {
                switch (block.language()) {
                    case "sh" -> shell.run(block.lines());
                    case "yaml" -> shell.writeFile("application.yml", block.lines());
                    default -> { } // what the commands print
                }
            }

            List<ReadmeShell.Run> runs = shell.runs();
            assertThat(runs).extracting(ReadmeShell.Run::command).containsExactly("run", "run", "report");
            assertThat(runs.get(0).exitCode()).as("the first run stops at the daily quota:\n%s", runs.get(0).console()).isEqualTo(3);
            assertThat(runs.get(1).exitCode()).as("the second run finishes:\n%s", runs.get(1).console()).isZero();
            assertThat(runs.subList(0, 2)).allSatisfy(run -> assertThat(run.console())
                    .as("the README's database set-up leaves the migrations nothing to warn about").doesNotContain(" WARN "));
            assertThat(runs.get(2).exitCode()).as("the reader's report:\n%s", runs.get(2).console()).isZero();
            assertThat(accountRows(runs.get(2).console())).as("every account done").hasSize(4).allSatisfy(row -> {
                assertThat(row[3]).as("principals").isEqualTo("12");
                assertThat(row[5] + row[6] + row[7]).as("in progress, due, deferred").isEqualTo("000");
                assertThat(Integer.parseInt(row[4]) + Integer.parseInt(row[8]) + Integer.parseInt(row[9]) + Integer.parseInt(row[10]))
                        .as("done + unused + too new + opted out = principals").isEqualTo(12);
            });
            assertThatThrownBy(() -> readPrincipalsAs(server, "alice", "alice-secret")).as("a reader reads the reports only")
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
        }
        assertThat(Files.exists(directory.resolve("application.yml"))).isTrue();
    }

    private static void dropTheDatabaseTheEmbeddedServerComesWith(EmbeddedDatabase server) throws SQLException {
        try (Connection connection = server.dataSource("postgres").getConnection()) {
            connection.createStatement().execute("drop database " + EmbeddedDatabase.DATABASE);
        }
    }

    private static List<String[]> accountRows(String report) {
        return report.lines().filter(line -> line.matches("\\d{12} .*")).map(line -> line.trim().split("\\s{2,}")).toList();
    }

    private static void readPrincipalsAs(EmbeddedDatabase server, String user, String password) throws SQLException {
        PGSimpleDataSource reader = new PGSimpleDataSource();
        reader.setUrl(server.jdbcUrl("policygen"));
        reader.setUser(user);
        reader.setPassword(password);
        try (Connection connection = reader.getConnection()) {
            connection.createStatement().executeQuery("select count(*) from principal").close();
        }
    }
}
