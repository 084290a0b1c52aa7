package io.policygen.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The application's imports point one way: cli -> job / run -> features -> ports and adapters. Read from the
 * sources (imports and fully qualified names), so a new arrow up fails here, not in a review.
 */
class PackageDependenciesTest {

    private static final Path SOURCES = Path.of("src/main/java/io/policygen");
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.policygen\\.([a-z]+)\\.[A-Z]");
    private static final Set<String> FEATURES = Set.of("organization", "principal", "generation", "report", "preflight", "gap");
    private static final Set<String> ABOVE_FEATURES = Set.of("cli", "run", "job", "wiring", "local");

    @Test
    void shouldHaveNoFeatureImportTheRunTheJobTheCommandLineOrTheWiring() {
        Map<String, Set<String>> graph = packageGraph();

        for (String feature : FEATURES) {
            assertThat(graph.getOrDefault(feature, Set.of())).as("what %s depends on", feature).doesNotContainAnyElementsOf(ABOVE_FEATURES);
        }
        for (String port : List.of("aws", "throttle", "time", "store")) {
            assertThat(graph.getOrDefault(port, Set.of())).as("what %s depends on", port)
                    .doesNotContainAnyElementsOf(ABOVE_FEATURES).doesNotContainAnyElementsOf(FEATURES);
        }
    }

    @Test
    void shouldKeepTheSimulatorAClosedRoom() {
        assertThat(packageGraph().getOrDefault("simulator", Set.of())).isEmpty();
    }

    @Test
    void shouldHaveNoCycleBetweenPackages() {
        Map<String, Set<String>> graph = packageGraph();

        for (String from : graph.keySet()) {
            assertThat(reachable(graph, from)).as("packages reachable from %s", from).doesNotContain(from);
        }
    }

    @Test
    void shouldHaveNoClassOverTwoHundredFiftyLines() throws IOException {
        List<String> tooLong = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                long lines = Files.lines(file).count();
                if (lines > 250) {
                    tooLong.add(SOURCES.relativize(file) + " (" + lines + " lines)");
                }
            }
        }
        assertThat(tooLong).isEmpty();
    }

    private static Set<String> reachable(Map<String, Set<String>> graph, String from) {
        Set<String> seen = new TreeSet<>();
        List<String> todo = new ArrayList<>(graph.getOrDefault(from, Set.of()));
        while (!todo.isEmpty()) {
            String next = todo.removeLast();
            if (seen.add(next)) {
                todo.addAll(graph.getOrDefault(next, Set.of()));
            }
        }
        return seen;
    }

    /** Package -> the policygen packages its sources name; the root package (the Spring Boot application) aside. */
    static Map<String, Set<String>> packageGraph() {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            files.filter(file -> file.toString().endsWith(".java") && !file.getParent().equals(SOURCES))
                    .forEach(file -> {
                        String from = SOURCES.relativize(file).getName(0).toString();
                        Set<String> to = graph.computeIfAbsent(from, k -> new TreeSet<>());
                        Matcher matcher = REFERENCE.matcher(read(file));
                        while (matcher.find()) {
                            if (!matcher.group(1).equals(from)) {
                                to.add(matcher.group(1));
                            }
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return graph;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
