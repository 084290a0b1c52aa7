package io.policygen.cli;

import io.policygen.local.EmbeddedDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the README's commands as written, the few kinds it uses: {@code export}, {@code java -jar
 * target/policygen.jar ...} (with {@code NAME=value} before it; {@code simulate} started in the background, as
 * "in a second terminal"), {@code psql} with {@code -c} or a here-document, and {@code curl -X POST}. A command of
 * any other kind fails the walkthrough: this class is then to learn it, so that no README command goes untried.
 *
 * <p>The machine's ports and server are the test's: the simulator's {@code --port 4566} becomes a free port and
 * {@code 127.0.0.1:4566} its address; {@code psql} and {@code localhost:5432} go to the embedded PostgreSQL.
 */
final class ReadmeShell implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("simulator listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(3);

    /** What one {@code java -jar target/policygen.jar} command printed, and its exit code. */
    record Run(List<String> args, int exitCode, String console) {

        String command() {
            return args.getFirst();
        }
    }

    private final Path directory;
    private final Path jar;
    private final EmbeddedDatabase database;
    private final Map<String, String> exported = new HashMap<>();
    private final List<Run> runs = new ArrayList<>();
    private Process simulator;
    private int simulatorPort = -1;

    ReadmeShell(Path directory, Path jar, EmbeddedDatabase database) {
        this.directory = directory;
        this.jar = jar;
        this.database = database;
    }

    List<Run> runs() {
        return runs;
    }

    /** The README's addresses, turned into the test's. */
    String localize(String text) {
        String local = text.replace("localhost:5432", "localhost:" + database.port());
        return simulatorPort < 0 ? local : local.replace("127.0.0.1:4566", "127.0.0.1:" + simulatorPort);
    }

    void writeFile(String name, List<String> lines) throws IOException {
        Files.writeString(directory.resolve(name), localize(String.join("\n", lines)) + "\n");
    }

    void run(List<String> lines) throws Exception {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.endsWith("<<'SQL'")) {
                List<String> body = new ArrayList<>();
                for (i++; !lines.get(i).strip().equals("SQL"); i++) {
                    body.add(lines.get(i));
                }
                psql(ShellWords.split(line.substring(0, line.length() - "<<'SQL'".length())), String.join("\n", body));
            } else {
                command(ShellWords.split(localize(line)));
            }
        }
    }

    private void command(List<String> words) throws Exception {
        Map<String, String> environment = new HashMap<>(exported);
        int first = 0;
        while (first < words.size() && words.get(first).matches("[A-Z_][A-Z0-9_]*=.*")) {
            String assignment = words.get(first++);
            environment.put(assignment.substring(0, assignment.indexOf('=')), assignment.substring(assignment.indexOf('=') + 1));
        }
        List<String> command = words.subList(first, words.size());
        switch (command.getFirst()) {
            case "export" -> command.subList(1, command.size()).forEach(assignment -> exported.put(
                    assignment.substring(0, assignment.indexOf('=')), assignment.substring(assignment.indexOf('=') + 1)));
            case "java" -> java(command, environment);
            case "psql" -> psql(command, option(command, "-c"));
            case "curl" -> curl(command);
            default -> throw new AssertionError("the README runs '" + String.join(" ", words) + "', which ReadmeShell does not know");
        }
    }

    private void java(List<String> command, Map<String, String> environment) throws Exception {
        if (!command.subList(0, 3).equals(List.of("java", "-jar", "target/policygen.jar"))) {
            throw new AssertionError("the README runs " + command + ", not java -jar target/policygen.jar");
        }
        List<String> args = new ArrayList<>(command.subList(3, command.size()));
        if (args.getFirst().equals("simulate")) {
            args.set(args.indexOf("--port") + 1, "0");
            startSimulator(args, environment);
            return;
        }
        Process process = start(args, environment);
        Path console = directory.resolve("console-" + runs.size() + ".txt");
        if (!process.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("still running after " + COMMAND_TIMEOUT + ": " + args + "\n" + Files.readString(console));
        }
        runs.add(new Run(List.copyOf(args), process.exitValue(), Files.readString(console, StandardCharsets.UTF_8)));
    }

    private Process start(List<String> args, Map<String, String> environment) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        if (!args.getFirst().equals("simulate")) {
            builder.redirectOutput(directory.resolve("console-" + runs.size() + ".txt").toFile());
        }
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("SPRING_")
                || name.startsWith("POLICYGEN_"));
        builder.environment().put("HOME", directory.toString());
        builder.environment().putAll(environment);
        return builder.start();
    }

    private void startSimulator(List<String> args, Map<String, String> environment) throws IOException {
        simulator = start(args, environment);
        BufferedReader out = new BufferedReader(new InputStreamReader(simulator.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            Matcher listening = LISTENING.matcher(line);
            if (listening.find()) {
                simulatorPort = Integer.parseInt(listening.group(1));
            }
            if (line.strip().startsWith("state")) {
                Thread.ofVirtual().start(() -> out.lines().forEach(ignored -> { })); // keeps its pipe from filling
                return;
            }
        }
        throw new AssertionError("the simulator ended before it printed its facts");
    }

    private void psql(List<String> command, String sql) throws SQLException {
        String user = option(command, "-U");
        try (Connection connection = database.dataSource(option(command, "-d")).getConnection();
             Statement statement = connection.createStatement()) {
            if (!user.equals(database.user())) {
                throw new AssertionError("the README runs psql as " + user + ", the embedded server's superuser is " + database.user());
            }
            for (String each : sql.split(";\\s*(\n|$)")) {
                if (!each.isBlank()) {
                    statement.execute(each);
                }
            }
        }
    }

    private void curl(List<String> command) throws Exception {
        if (!command.subList(0, 3).equals(List.of("curl", "-X", "POST"))) {
            throw new AssertionError("the README runs " + command + ", not curl -X POST URL");
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(command.get(3)))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError(command + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static String option(List<String> command, String name) {
        int at = command.indexOf(name);
        if (at < 0 || at + 1 >= command.size()) {
            throw new AssertionError(command + " has no " + name);
        }
        return command.get(at + 1);
    }

    @Override
    public void close() throws InterruptedException {
        if (simulator != null) {
            simulator.destroy();
            simulator.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
