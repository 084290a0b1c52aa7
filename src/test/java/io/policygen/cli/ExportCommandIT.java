package io.policygen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.policygen.testsupport.TestDatabase;
import io.policygen.testsupport.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code policygen export} against a real PostgreSQL: the files it writes, byte for byte the same for the same data,
 * only a changed principal's files rewritten, and its exit codes.
 */
@ExtendWith(TestPostgres.class)
class ExportCommandIT {

    private static final String A = "111111111111";

    private TestDatabase database;
    private JdbcClient jdbc;
    private long bob;
    private Cli cli;

    @TempDir
    Path temp;

    @BeforeEach
    void twoPrincipals(TestDatabase testDatabase) {
        database = testDatabase;
        jdbc = JdbcClient.create(database.dataSource());
        jdbc.sql("truncate principal_gap, gap_grant, generation, principal, account cascade").update();
        jdbc.sql("insert into account (account_id, name, state, first_seen_at, last_seen_at) values (?, 'prod', 'ACTIVE', now(), now())")
                .param(A).update();
        long app = principal("ROLE", "app", "/", "{\"app\": " + allow("[\"s3:GetObject\", \"s3:PutObject\"]") + "}");
        generation(app, allow("\"s3:GetObject\""), 2);
        bob = principal("USER", "bob", "/people/", "{\"queues\": " + allow("\"sqs:*\"") + "}");
        generation(bob, allow("\"sqs:SendMessage\""), 2);
    }

    private int export(String... args) {
        List<String> all = new ArrayList<>(List.of("export"));
        all.addAll(List.of(args));
        all.addAll(List.of(database.springProperties()).stream().map(property -> "--" + property).toList());
        cli = Cli.run(all.toArray(String[]::new));
        return cli.exitCode();
    }

    @Test
    void shouldWriteEveryPrincipalsPolicyAndGapAndTheSameBytesAgain() throws IOException {
        Path dir = temp.resolve("policies");

        assertThat(export("--dir", dir.toString())).isZero();

        assertThat(cli.out()).isEqualTo("policygen: exported 2 principals to " + dir + ": 5 files, 5 written, 0 removed; 2 of them"
                + " changed since the job last computed their gaps (the report views show the earlier figures until the next run)\n");
        Map<String, byte[]> first = files(dir);
        assertThat(first.keySet()).containsExactly(A + "/role/app.gap.json", A + "/role/app.json", A + "/user/people/bob.gap.json",
                A + "/user/people/bob.json", "index.json");
        assertThat(new String(first.get(A + "/role/app.gap.json"))).contains("\"unused\": 1", "s3:PutObject");

        assertThat(export("--dir", dir.toString())).isZero();
        assertThat(cli.out()).contains("2 principals", "5 files, 0 written, 0 removed");
        assertThat(files(dir)).usingRecursiveComparison().isEqualTo(first);
    }

    @Test
    void shouldRewriteOnlyTheFilesOfThePrincipalThatChanged() throws IOException {
        Path dir = temp.resolve("policies");
        assertThat(export("--dir", dir.toString())).isZero();
        Map<String, byte[]> before = files(dir);

        generation(bob, allow("[\"sqs:SendMessage\", \"sqs:ReceiveMessage\"]"), 1);
        assertThat(export("--dir", dir.toString())).isZero();

        Map<String, byte[]> after = files(dir);
        assertThat(after.keySet()).isEqualTo(before.keySet());
        assertThat(after.keySet().stream().filter(file -> !Arrays.equals(after.get(file), before.get(file))))
                .containsExactly(A + "/user/people/bob.gap.json", A + "/user/people/bob.json", "index.json");
        assertThat(cli.out()).contains("5 files, 3 written, 0 removed");
    }

    @Test
    void shouldFailWithExitOneWhenTheDatabaseCannotBeReachedAndTwoForARefusedLogin() {
        cli = Cli.run("export", "--dir", temp.toString(), "--spring.config.location=classpath:/",
                "--spring.datasource.url=jdbc:postgresql://localhost:1/nowhere");
        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.errLines()).singleElement().asString().startsWith("policygen: cannot reach the database at");

        cli = Cli.run("export", "--dir", temp.toString(), "--spring.config.location=classpath:/",
                "--spring.datasource.url=" + database.url(), "--spring.datasource.username=nobody", "--spring.datasource.password=x");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.errLines()).singleElement().asString().contains("refused the login of user 'nobody'");
    }

    @Test
    void shouldSayWhyTheDirectoryCannotBeWrittenAndWriteNothing() throws IOException {
        Path file = Files.writeString(temp.resolve("a-file"), "not a directory");

        assertThat(export("--dir", file.resolve("export").toString())).as("a retry cannot help").isEqualTo(2);
        assertThat(cli.errLines()).containsExactly("policygen: export: cannot write " + file.resolve("export") + " ("
                + file.resolve("export") + ": Not a directory)");
        assertThat(Files.readString(file)).isEqualTo("not a directory");
    }

    private static Map<String, byte[]> files(Path dir) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(file).toString(), Files.readAllBytes(file));
            }
        }
        return files;
    }

    private static String allow(String actions) {
        return "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": " + actions + ", \"Resource\": \"*\"}]}";
    }

    private long principal(String type, String name, String path, String inline) {
        return jdbc.sql("""
                        insert into principal (account_id, principal_arn, principal_type, name, path, first_seen_at, changed_at,
                                               inline_policies, attached_policies, policy_hash)
                        values (?, ?, ?, ?, ?, now(), now(), ?::jsonb, '[]'::jsonb, 'h') returning principal_id""")
                .params(A, "arn:aws:iam::" + A + ":" + type.toLowerCase() + path + name, type, name, path, inline)
                .query(Long.class).single();
    }

    private void generation(long principalId, String document, int hoursAgo) {
        Instant completed = Instant.now().minusSeconds(3600L * hoursAgo);
        jdbc.sql("""
                        insert into generation (principal_id, account_id, region, client_token, job_id, state, requested_at, completed_at,
                                                request, policies, policy_complete)
                        values (?, ?, 'us-east-1', ?, ?, 'SUCCEEDED', ?, ?, '{}'::jsonb, ?::jsonb, true)""")
                .params(principalId, A, UUID.randomUUID(), UUID.randomUUID().toString(), Timestamp.from(completed.minusSeconds(60)),
                        Timestamp.from(completed), "[" + document + "]")
                .update();
    }
}
