package io.policygen.cli;

import io.policygen.local.SimulatorJobSettings;
import io.policygen.simulator.Simulator;
import io.policygen.testsupport.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * policygen in a JVM of its own, as a user starts it: the console (stdout and stderr together) is what the tests
 * read, so a stray Spring log line or stack trace shows. Started in an empty directory, with no AWS_*, SPRING_* or
 * POLICYGEN_* variables but those given, and HOME there too: nothing of this machine's configuration leaks in.
 */
final class PolicygenProcess {

    private final Process process;
    private final Path console;

    private PolicygenProcess(Process process, Path console) {
        this.process = process;
        this.console = console;
    }

    static PolicygenProcess start(Path directory, Map<String, String> environment, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        Path console = Files.createTempFile(directory, "console", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(console.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("SPRING_")
                || name.startsWith("POLICYGEN_"));
        builder.environment().put("HOME", directory.toString());
        builder.environment().putAll(environment);
        return new PolicygenProcess(builder.start(), console);
    }

    static Finished run(Path directory, Map<String, String> environment, List<String> args) throws Exception {
        return start(directory, environment, args).waitFor(Duration.ofMinutes(2));
    }

    /**
     * {@code COMMAND --NAME=VALUE ...}: the job's settings for the simulator and the database, the password left to
     * the {@link #environment}; {@code overrides} as NAME=VALUE (Spring would join a setting given twice into a list).
     */
    static List<String> arguments(String command, Simulator simulator, TestDatabase database, String... overrides) {
        Map<String, Object> settings = SimulatorJobSettings.forSimulator(simulator, database.url(), database.user(), database.password());
        settings.remove("spring.datasource.password");
        for (String override : overrides) {
            settings.put(override.substring(0, override.indexOf('=')), override.substring(override.indexOf('=') + 1));
        }
        List<String> args = new ArrayList<>(List.of(command));
        settings.forEach((name, value) -> args.add("--" + name + "=" + value));
        return args;
    }

    /** What a scheduler gives the job: the database password and the simulator's credentials (a map to add to). */
    static Map<String, String> environment(Simulator simulator, TestDatabase database) {
        return new HashMap<>(Map.of("SPRING_DATASOURCE_PASSWORD", database.password(),
                "AWS_ACCESS_KEY_ID", simulator.credentials().accessKeyId(),
                "AWS_SECRET_ACCESS_KEY", simulator.credentials().secretAccessKey()));
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGTERM, as a scheduler stops it. */
    void terminate() {
        process.destroy();
    }

    Finished waitFor(Duration timeout) throws Exception {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("policygen still running after " + timeout + "; its console:\n" + console());
        }
        return new Finished(process.exitValue(), console());
    }

    String console() throws IOException {
        return Files.readString(console, StandardCharsets.UTF_8);
    }

    record Finished(int exitCode, String console) {

        List<String> lines() {
            return console.lines().toList();
        }
    }
}
