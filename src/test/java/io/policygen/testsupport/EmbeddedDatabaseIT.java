package io.policygen.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.policygen.local.EmbeddedDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The embedded server behind {@code policygen demo}, with a data directory of its own. */
class EmbeddedDatabaseIT {

    @TempDir
    Path dataDirectory;

    @Test
    void shouldKeepDataBetweenRunsInTheGivenDirectory() {
        try (EmbeddedDatabase first = EmbeddedDatabase.builder().dataDirectory(dataDirectory).start()) {
            jdbc(first).sql("CREATE TABLE note (text varchar)").update();
            jdbc(first).sql("INSERT INTO note VALUES ('kept')").update();
        }

        try (EmbeddedDatabase second = EmbeddedDatabase.builder().dataDirectory(dataDirectory).start()) {
            assertThat(jdbc(second).sql("SELECT text FROM note").query(String.class).list()).containsExactly("kept");
            assertThat(second.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:" + second.port() + "/policygen");
        }
    }

    @Test
    void shouldRefuseADataDirectoryInUse() {
        try (EmbeddedDatabase running = EmbeddedDatabase.builder().dataDirectory(dataDirectory).start()) {
            assertThatThrownBy(() -> EmbeddedDatabase.builder().dataDirectory(dataDirectory).start())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use");
            assertThat(jdbc(running).sql("SELECT 1").query(Integer.class).single()).isEqualTo(1);
        }
    }

    @Test
    void shouldStopTheServerOfAKilledJvmAndStartAgain() throws Exception {
        Process jvm = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", System.getProperty("java.class.path"),
                        StartAndWait.class.getName(), dataDirectory.toString())
                .redirectErrorStream(true)
                .start();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(jvm.getInputStream()))) {
            String line;
            do {
                line = output.readLine();
            } while (line != null && !line.startsWith(StartAndWait.READY));
            assertThat(line).as("the child JVM's database started").isNotNull();
            jvm.destroyForcibly(); // kill -9: its PostgreSQL keeps running
            assertThat(jvm.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        List<String> pid = Files.readAllLines(dataDirectory.resolve("postmaster.pid"));
        assertThat(ProcessHandle.of(Long.parseLong(pid.getFirst().strip()))).hasValueSatisfying(
                orphan -> assertThat(orphan.isAlive()).isTrue());

        try (EmbeddedDatabase restarted = EmbeddedDatabase.builder().dataDirectory(dataDirectory).start()) {
            assertThat(jdbc(restarted).sql("SELECT text FROM note").query(String.class).list()).containsExactly("before the kill");
        }
    }

    private static JdbcClient jdbc(EmbeddedDatabase database) {
        return JdbcClient.create(database.dataSource(EmbeddedDatabase.DATABASE));
    }

    /** A JVM that starts a server, writes a row, says so and waits to be killed. */
    static final class StartAndWait {

        static final String READY = "READY";

        public static void main(String[] args) throws InterruptedException {
            EmbeddedDatabase database = EmbeddedDatabase.builder().dataDirectory(Path.of(args[0])).start();
            jdbc(database).sql("CREATE TABLE note (text varchar)").update();
            jdbc(database).sql("INSERT INTO note VALUES ('before the kill')").update();
            System.out.println(READY);
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE); // until killed
        }
    }
}
