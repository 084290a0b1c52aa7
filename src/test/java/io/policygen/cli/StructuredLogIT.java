package io.policygen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.policygen.simulator.Simulator;
import io.policygen.simulator.SimulatorOptions;
import io.policygen.testsupport.TestDatabase;
import io.policygen.testsupport.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code policygen run} with Spring Boot's structured logging on the console ({@code logging.structured.format.console},
 * README "Operations"): every log line is JSON, and the job's events carry their names and accounts as fields.
 */
@ExtendWith(TestPostgres.class)
class StructuredLogIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Simulator simulator;
    private static TestDatabase database;

    @TempDir
    Path directory;

    @BeforeAll
    static void start(TestDatabase testDatabase) {
        database = testDatabase;
        simulator = Simulator.start(SimulatorOptions.builder().accounts(2).principalsPerAccount(3).dailyQuota(1)
                .generationTime(Duration.ofMillis(100)).generationJitter(Duration.ZERO).build());
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void shouldWriteTheAccountEventsAsEcsFields() throws Exception {
        PolicygenProcess.Finished run = PolicygenProcess.run(directory, environment(), settings("ecs"));

        assertThat(run.exitCode()).as(run.console()).isEqualTo(3);
        List<JsonNode> events = jsonLines(run);
        assertThat(events).filteredOn(event -> event.path("event").asString("").equals("account-deferred"))
                .as("an account-deferred event per account at its quota of 1").isNotEmpty()
                .allSatisfy(event -> {
                    assertThat(event.path("account").asString()).isIn(accounts());
                    assertThat(event.path("region").asString()).isEqualTo(simulator.organization().region());
                    assertThat(event.path("outcome").asString()).isEqualTo("QUOTA_STOPPED");
                    assertThat(event.path("message").asString()).startsWith("event=account-deferred account=");
                    assertThat(event.path("log").path("level").asString()).isEqualTo("INFO");
                    assertThat(event.path("ecs").path("version").isString()).isTrue();
                });
        JsonNode finished = events.stream().filter(event -> event.path("event").asString("").equals("run-finished")).findFirst()
                .orElseThrow(() -> new AssertionError("no run-finished event in:\n" + run.console()));
        assertThat(finished.path("exitCode").isNumber()).as("numbers stay numbers").isTrue();
        assertThat(finished.path("exitCode").asInt()).isEqualTo(3);
        assertThat(finished.path("generationsStarted").asLong()).isPositive();
    }

    @Test
    void shouldWriteTheSameEventsAsLogstashFields() throws Exception {
        PolicygenProcess.Finished run = PolicygenProcess.run(directory, environment(), settings("logstash"));

        assertThat(run.exitCode()).as(run.console()).isEqualTo(3);
        assertThat(jsonLines(run)).filteredOn(event -> event.path("event").asString("").equals("run-started")).singleElement()
                .satisfies(event -> {
                    assertThat(event.path("run").isNumber()).isTrue();
                    assertThat(event.path("level").asString()).isEqualTo("INFO");
                    assertThat(event.path("@version").asString()).isEqualTo("1");
                });
    }

    /** The console's log lines; the progress and summary lines are the command's own output, not log events. */
    private static List<JsonNode> jsonLines(PolicygenProcess.Finished run) {
        List<JsonNode> events = new ArrayList<>();
        for (String line : run.lines()) {
            if (line.startsWith("{")) {
                events.add(JSON.readTree(line));
            } else {
                assertThat(line).as("a line that is not JSON").startsWith("policygen: ");
            }
        }
        return events;
    }

    private static List<String> accounts() {
        return List.of(simulator.organization().accountId(0), simulator.organization().accountId(1));
    }

    private static List<String> settings(String format) {
        return PolicygenProcess.arguments("run", simulator, database, "logging.structured.format.console=" + format);
    }

    private static Map<String, String> environment() {
        return PolicygenProcess.environment(simulator, database);
    }
}
