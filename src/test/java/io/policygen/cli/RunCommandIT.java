package io.policygen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.policygen.simulator.Simulator;
import io.policygen.simulator.SimulatorOptions;
import io.policygen.testsupport.JobHarness;
import io.policygen.testsupport.TestDatabase;
import io.policygen.testsupport.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code policygen run} in its own JVM, for every failure a user can cause: the console shows exactly one line
 * saying what is wrong and what to do, and the exit code tells a scheduler whether a retry can help.
 */
@ExtendWith(TestPostgres.class)
class RunCommandIT {

    private static Simulator simulator;
    private static TestDatabase database;

    @TempDir
    Path directory;

    @BeforeAll
    static void start(TestDatabase testDatabase) {
        database = testDatabase;
        simulator = Simulator.start(SimulatorOptions.builder().accounts(3).principalsPerAccount(4)
                .generationTime(Duration.ofSeconds(2)).generationJitter(Duration.ZERO).build());
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    /**
     * The job's settings for the simulator and this class's database, the password in the environment;
     * {@code overrides} as NAME=VALUE (Spring would join a setting given twice into a list).
     */
    private static List<String> settings(String... overrides) {
        return PolicygenProcess.arguments("run", simulator, database, overrides);
    }

    private static Map<String, String> environment(String... extra) {
        Map<String, String> environment = PolicygenProcess.environment(simulator, database);
        for (int i = 0; i < extra.length; i += 2) {
            environment.put(extra[i], extra[i + 1]);
        }
        return environment;
    }

    private long requestsBefore;
    private long runsBefore;

    private PolicygenProcess.Finished run(Map<String, String> environment, List<String> args) throws Exception {
        requestsBefore = requests();
        runsBefore = runs();
        return PolicygenProcess.run(directory, environment, args);
    }

    @Test
    void shouldNameTheDatabaseUrlWhenNoneIsSet() throws Exception {
        PolicygenProcess.Finished run = run(environment(), List.of("run"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.lines()).containsExactly("policygen: no database: spring.datasource.url is not set; give it as"
                + " --spring.datasource.url=jdbc:postgresql://HOST:5432/DB, as SPRING_DATASOURCE_URL, or in the file named by"
                + " --spring.config.additional-location (see config/application.example.yml)");
    }

    @Test
    void shouldGiveTheUrlAndTheCauseWhenTheDatabaseCannotBeReached() throws Exception {
        PolicygenProcess.Finished run = run(environment(),
                settings("spring.datasource.url=jdbc:postgresql://127.0.0.1:1/policygen"));

        assertThat(run.exitCode()).as("the server may come back: a retry can help").isEqualTo(1);
        assertThat(run.lines()).containsExactly("policygen: cannot reach the database at jdbc:postgresql://127.0.0.1:1/policygen:"
                + " Connection to 127.0.0.1:1 refused. Check that the hostname and port are correct and that the postmaster is"
                + " accepting TCP/IP connections.");
    }

    @Test
    void shouldNameABadSettingBeforeADatabaseOutOfReach() throws Exception {
        PolicygenProcess.Finished run = run(environment(),
                settings("spring.datasource.url=jdbc:postgresql://127.0.0.1:1/policygen", "policygen.generation.daily-quota=51"));

        assertThat(run.exitCode()).as("a retry cannot mend the setting: not 1, which a scheduler retries").isEqualTo(2);
        assertThat(run.lines()).containsExactly(
                "policygen: invalid configuration: policygen.generation.daily-quota: must be between 1 and 50 (AWS's daily quota"
                        + " per account), was 51");
        assertNothingWasCalled();
    }

    @Test
    void shouldAddTheStackTraceWithVerbose() throws Exception {
        List<String> args = new ArrayList<>(settings("spring.datasource.url=jdbc:postgresql://127.0.0.1:1/policygen"));
        args.add("--verbose");

        PolicygenProcess.Finished run = run(environment(), args);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.lines()).as("the one line, then the trace").containsSubsequence(
                "policygen: cannot reach the database at jdbc:postgresql://127.0.0.1:1/policygen: Connection to 127.0.0.1:1 refused."
                        + " Check that the hostname and port are correct and that the postmaster is accepting TCP/IP connections.",
                "org.postgresql.util.PSQLException: Connection to 127.0.0.1:1 refused. Check that the hostname and port are correct"
                        + " and that the postmaster is accepting TCP/IP connections.");
        assertThat(run.lines()).anySatisfy(line -> assertThat(line).startsWith("\tat org.postgresql."));
    }

    @Test
    void shouldCallARefusedLoginConfigurationNamingTheUserAndWhereThePasswordCameFrom() throws Exception {
        PolicygenProcess.Finished run = run(environment("SPRING_DATASOURCE_PASSWORD", "not-the-password"),
                settings("spring.datasource.username=nobody"));

        assertThat(run.exitCode()).as("a retry cannot help").isEqualTo(2);
        assertThat(run.lines()).singleElement().asString()
                .matches("policygen: the database at \\Q" + database.url() + "\\E refused the login of user 'nobody'"
                        + " \\(FATAL: .*\"nobody\".*\\): check the user and its password, which came from the environment variable"
                        + " SPRING_DATASOURCE_PASSWORD")
                .doesNotContain("not-the-password");
    }

    @Test
    void shouldCallAUserWithoutPrivilegesConfigurationInOneLine() throws Exception {
        TestDatabase notTheirs = TestPostgres.emptyDatabase(RunCommandIT.class);
        JdbcClient admin = JdbcClient.create(notTheirs.dataSource());
        admin.sql("""
                do $$ begin create role policygen_run_it_stranger login password 'stranger';
                exception when duplicate_object then null; end $$""").update();
        admin.sql("revoke create on schema public from public").update(); // PostgreSQL 15's default, and older ones'

        PolicygenProcess.Finished run = run(environment("SPRING_DATASOURCE_PASSWORD", "stranger"),
                settings("spring.datasource.url=" + notTheirs.url(), "spring.datasource.username=policygen_run_it_stranger"));

        assertThat(run.exitCode()).as("a retry cannot help").isEqualTo(2);
        // PostgreSQL's error names where in Flyway's statement it failed, on a line of its own: not printed
        assertThat(run.lines()).singleElement().asString().isEqualTo("policygen: user 'policygen_run_it_stranger' lacks a"
                + " privilege in " + notTheirs.url() + " (ERROR: permission denied for schema public): run policygen as the"
                + " database's owner");
        assertThat(admin.sql("select count(*) from pg_tables where schemaname = 'public'").query(Long.class).single()).isZero();
        assertNothingWasCalled();
    }

    @Test
    void shouldRefuseAMisspelledSettingOnTheCommandLineSuggestingTheKnownOne() throws Exception {
        PolicygenProcess.Finished run = run(environment(), settings("policygen.generation.daily-qouta=10"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.lines()).containsExactly("policygen: invalid configuration: policygen.generation.daily-qouta (command line):"
                + " not a policygen setting; did you mean policygen.generation.daily-quota?");
        assertNothingWasCalled();
    }

    @Test
    void shouldRefuseAMisspelledSettingInTheEnvironment() throws Exception {
        PolicygenProcess.Finished run = run(environment("POLICYGEN_GENERATION_DAILY_QUOTA", "10"), settings());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.lines()).containsExactly("policygen: invalid configuration: POLICYGEN_GENERATION_DAILY_QUOTA (environment"
                + " variable): not a policygen setting; did you mean POLICYGEN_GENERATION_DAILYQUOTA (policygen.generation.daily-quota)?");
    }

    @Test
    void shouldRefuseAMisspelledSettingInAConfigurationFileNamingTheLine() throws Exception {
        Path file = Files.writeString(directory.resolve("application.yml"), """
                policygen:
                  generation:
                    daily-qouta: 10
                """);

        PolicygenProcess.Finished run = run(environment(), settings("spring.config.additional-location=file:" + file));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.lines()).singleElement().asString()
                .startsWith("policygen: invalid configuration: policygen.generation.daily-qouta (")
                .contains(file.getFileName() + "] - 3:18)")
                .endsWith("): not a policygen setting; did you mean policygen.generation.daily-quota?");
    }

    @Test
    void shouldSayInOneLineThatAConfigurationFileIsMissingOrCannotBeParsed() throws Exception {
        // relative, as a cron job in another directory than the one it was tried in finds it
        PolicygenProcess.Finished missing = run(environment(), settings("spring.config.additional-location=file:policygen.yml"));

        assertThat(missing.exitCode()).as("a retry cannot help").isEqualTo(2);
        assertThat(missing.lines()).containsExactly("policygen: invalid configuration: the configuration file file:policygen.yml"
                + " does not exist (looked for " + directory.toAbsolutePath().resolve("policygen.yml") + "); give the file's"
                + " path, absolute or from the directory policygen runs in");
        assertNothingWasCalled();

        Path file = Files.writeString(directory.resolve("policygen.yml"), """
                policygen:
                  generation:
                    daily-quota: 10
                   trails: []
                """);
        PolicygenProcess.Finished notYaml = run(environment(), settings("spring.config.additional-location=file:" + file));

        assertThat(notYaml.exitCode()).isEqualTo(2);
        assertThat(notYaml.lines()).containsExactly("policygen: invalid configuration: " + file.toAbsolutePath() + " is not valid YAML:"
                + " expected <block end>, but found '<block mapping start>' at line 4, column 4, while parsing a block mapping"
                + " at line 2, column 3");
        assertNothingWasCalled();

        // Spring reads application.yml from the directory it runs in unasked: the line names that file, not the one given
        Files.writeString(file, "policygen:\n  generation:\n    daily-quota: 10\n");
        Path unasked = Files.writeString(directory.resolve("application.yml"), "policygen: [\n");
        try {
            PolicygenProcess.Finished local = run(environment(), settings("spring.config.additional-location=file:" + file));

            assertThat(local.exitCode()).isEqualTo(2);
            assertThat(local.lines()).singleElement().asString().startsWith("policygen: invalid configuration: "
                    + unasked.toAbsolutePath() + " is not valid YAML: ");
            assertNothingWasCalled();
        } finally {
            Files.delete(unasked);
        }

        Path properties = Files.writeString(directory.resolve("policygen.properties"), "policygen.generation.daily-quota=10\nnote=\\u12\n");
        PolicygenProcess.Finished notProperties = run(environment(), settings("spring.config.additional-location=file:" + properties));

        assertThat(notProperties.exitCode()).as("a retry cannot help").isEqualTo(2);
        assertThat(notProperties.lines()).containsExactly("policygen: invalid configuration: " + properties.toAbsolutePath()
                + " is not a valid properties file: Malformed \\uxxxx encoding.");
        assertNothingWasCalled();
    }

    @Test
    void shouldPrintOnlyTheNamedMessageForABadValue() throws Exception {
        PolicygenProcess.Finished run = run(environment(), settings("policygen.generation.daily-quota=51"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.lines()).containsExactly(
                "policygen: invalid configuration: policygen.generation.daily-quota: must be between 1 and 50 (AWS's daily quota"
                        + " per account), was 51");
        assertNothingWasCalled();
    }

    @Test
    void shouldNameTheCredentialsChainWhenThereAreNoAwsCredentials() throws Exception {
        Map<String, String> environment = new HashMap<>(environment());
        environment.remove("AWS_ACCESS_KEY_ID");
        environment.remove("AWS_SECRET_ACCESS_KEY");
        environment.put("AWS_EC2_METADATA_DISABLED", "true");

        PolicygenProcess.Finished run = run(environment, settings());

        assertThat(run.exitCode()).as("configuration: a retry finds none either").isEqualTo(2);
        assertThat(run.lines()).containsExactly("policygen: no AWS credentials: the AWS SDK's default chain found none (system"
                + " properties aws.accessKeyId/aws.secretAccessKey, environment AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, a web"
                + " identity token (EKS IRSA), profile 'default' in ~/.aws, container credentials (ECS, EKS Pod Identity), an EC2"
                + " instance profile); give policygen the management account's credentials through one of them, e.g."
                + " AWS_PROFILE=NAME");
        assertNothingWasCalled();
    }

    @Test
    void shouldNameTheStepAndWhatTheSdkSaidWhenNothingAnswersAtTheAwsEndpoint() throws Exception {
        PolicygenProcess.Finished run = run(environment(), settings("policygen.aws.endpoint=http://127.0.0.1:1", "policygen.aws.clock=system"));

        assertThat(run.exitCode()).as("AWS may answer again: a retry can help").isEqualTo(1);
        assertThat(run.lines()).as("the log, then the run's summary").filteredOn(line -> line.startsWith("policygen: ")).singleElement()
                .asString().startsWith("policygen: run ").contains(" ended FAILED (exit 1): ")
                .contains("failure in step discoverAccounts: software.amazon.awssdk.core.exception.SdkClientException: Unable to"
                        + " execute HTTP request: Connect to 127.0.0.1:1 ")
                .contains("(cause: java.net.ConnectException: Connection refused)")
                .doesNotContain("Unable to process chunk");
    }

    @Test
    void shouldSayNothingAnswersWhenTheSimulatorsClockIsAskedOfAnEndpointWhereNothingListens() throws Exception {
        PolicygenProcess.Finished run = run(environment(), settings("policygen.aws.endpoint=http://127.0.0.1:1"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.lines()).filteredOn(line -> line.startsWith("policygen: ")).singleElement().asString()
                .contains("cannot read the simulator's clock at http://127.0.0.1:1: nothing answers there (is the simulator running?");
    }

    @Test
    void shouldSayStoppedOnRequestWhenTerminated() throws Exception {
        int generationsBefore = simulator.generations().size();
        PolicygenProcess run = PolicygenProcess.start(directory, environment(), settings());
        JobHarness.await("a generation to start", Duration.ofMinutes(1), () -> simulator.generations().size() > generationsBefore);

        run.terminate();
        PolicygenProcess.Finished stopped = run.waitFor(Duration.ofMinutes(1));

        assertThat(stopped.exitCode()).isEqualTo(1);
        assertThat(stopped.lines()).filteredOn(line -> line.startsWith("policygen: run ")).singleElement().asString()
                .matches("policygen: run \\d+ ended STOPPED \\(exit 1\\): job execution \\d+ STOPPED, stopped on request \\(SIGTERM\\),"
                        + " slots \\{.*}; generations started \\d+, .*");
        assertThat(stopped.console()).doesNotContain("JobInterruptedException", "\tat ", "Exception");
    }

    @Test
    void shouldRefuseADatabaseThatANewerPolicygenMigratedAndChangeNothing() throws Exception {
        JdbcClient jdbc = JdbcClient.create(database.dataSource());
        jdbc.sql("""
                insert into flyway_schema_history (installed_rank, version, description, type, script, checksum, installed_by,
                    installed_on, execution_time, success)
                values (999, '999', 'from a later policygen', 'SQL', 'V999__from_a_later_policygen.sql', 1, current_user, now(), 1, true)""")
                .update();
        try {
            PolicygenProcess.Finished run = run(environment(), settings());

            assertThat(run.exitCode()).as("a retry cannot help").isEqualTo(2);
            assertThat(run.lines()).singleElement().asString().matches("policygen: the database was upgraded by a newer policygen: it"
                    + " has V999 \\(from a later policygen\\), and this build knows migrations up to V\\d+; run that newer policygen"
                    + " \\(or a later one\\) against it, never an older one");
            assertNothingWasCalled();
        } finally {
            jdbc.sql("delete from flyway_schema_history where version = '999'").update();
        }
    }

    private void assertNothingWasCalled() {
        assertThat(requests()).as("requests to AWS").isEqualTo(requestsBefore);
        assertThat(runs()).as("runs recorded").isEqualTo(runsBefore);
    }

    private static long requests() {
        return simulator.requestCounts().snapshot().values().stream().flatMap(operations -> operations.values().stream())
                .flatMap(outcomes -> outcomes.values().stream()).mapToLong(Long::longValue).sum();
    }

    private static long runs() {
        return JdbcClient.create(database.dataSource()).sql("select count(*) from run").query(Long.class).single();
    }
}
