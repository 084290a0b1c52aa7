package io.policygen.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Prometheus Pushgateway (Debian's {@code prometheus-pushgateway}) on a free loopback port, for as long as a
 * test needs it. Not found, it is installed ({@code scripts/need-tool.sh}: apt-get as root or with sudo -n); where
 * that fails too it is a failure, never a skip, that says how to get it.
 */
public final class TestPushgateway implements AutoCloseable {

    private static final List<Path> CANDIDATES = List.of(Path.of("/usr/bin/prometheus-pushgateway"),
            Path.of("/usr/local/bin/prometheus-pushgateway"), Path.of("/usr/bin/pushgateway"), Path.of("/usr/local/bin/pushgateway"));
    /** {@code name{label="value",...} value} in the text exposition format. */
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestPushgateway(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static TestPushgateway start() throws IOException {
        Path binary = binary().or(TestPushgateway::install).orElseThrow(() -> new AssertionError("no Prometheus Pushgateway on this machine (looked for"
                + " prometheus-pushgateway or pushgateway on PATH and in /usr/bin, /usr/local/bin): install it with"
                + " 'apt-get install -y prometheus-pushgateway' (.ci/run does)"));
        int port = freePort();
        Path log = Files.createTempFile("pushgateway", ".log");
        Process process = new ProcessBuilder(binary.toString(), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        TestPushgateway pushgateway = new TestPushgateway(process, port, log);
        try {
            JobHarness.await("the Pushgateway to answer on port " + port, Duration.ofSeconds(30), pushgateway::ready);
        } catch (RuntimeException | AssertionError e) {
            pushgateway.close();
            throw new AssertionError("the Pushgateway did not start; its log:\n" + Files.readString(log), e);
        }
        return pushgateway;
    }

    private static Optional<Path> install() {
        try {
            Process install = new ProcessBuilder(Path.of("scripts/need-tool.sh").toAbsolutePath().toString(),
                    "prometheus-pushgateway", "prometheus-pushgateway").inheritIO().start();
            if (!install.waitFor(10, java.util.concurrent.TimeUnit.MINUTES)) {
                install.destroyForcibly();
                return Optional.empty();
            }
            return install.exitValue() == 0 ? binary() : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    static Optional<Path> binary() {
        List<Path> candidates = new ArrayList<>();
        for (String directory : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!directory.isEmpty()) {
                candidates.add(Path.of(directory, "prometheus-pushgateway"));
                candidates.add(Path.of(directory, "pushgateway"));
            }
        }
        candidates.addAll(CANDIDATES);
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    /** {@code host:port}, as {@code management.prometheus.metrics.export.pushgateway.address} takes it. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    private boolean ready() {
        try {
            return get("/-/ready").statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** Every sample {@code /metrics} serves now. */
    public List<Sample> samples() throws IOException {
        HttpResponse<String> response = get("/metrics");
        if (response.statusCode() != 200) {
            throw new IOException("GET /metrics answered " + response.statusCode() + ": " + response.body());
        }
        List<Sample> samples = new ArrayList<>();
        for (String line : response.body().lines().toList()) {
            Matcher sample = SAMPLE.matcher(line.strip());
            if (!line.startsWith("#") && sample.matches()) {
                Map<String, String> labels = new TreeMap<>();
                Matcher label = LABEL.matcher(sample.group(2) == null ? "" : sample.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
                samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
            }
        }
        return samples;
    }

    /** The value of {@code name} in the group of {@code job} and {@code instance}, if it was pushed. */
    public Optional<Double> value(String name, String job, String instance) throws IOException {
        return samples().stream()
                .filter(s -> s.name().equals(name) && job.equals(s.labels().get("job")) && instance.equals(s.labels().get("instance")))
                .map(Sample::value).findFirst();
    }

    private HttpResponse<String> get(String path) throws IOException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://" + address() + path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    public record Sample(String name, Map<String, String> labels, double value) {
    }
}
