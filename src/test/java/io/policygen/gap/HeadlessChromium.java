package io.policygen.gap;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's chromium, headless, for tests that look at a rendered page. {@link #locate()} runs
 * {@code scripts/chromium.sh}, which finds a browser or installs the package with apt-get; where neither works the
 * test fails, saying how to install it: never a silent skip.
 */
final class HeadlessChromium {

    private static final long TIMEOUT_SECONDS = 180;

    private final Path binary;

    private HeadlessChromium(Path binary) {
        this.binary = binary;
    }

    static HeadlessChromium locate() throws IOException, InterruptedException {
        Path script = Path.of("scripts/chromium.sh").toAbsolutePath();
        Process process = new ProcessBuilder("bash", script.toString()).redirectErrorStream(false).start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("scripts/chromium.sh did not finish within " + TIMEOUT_SECONDS + " s");
        }
        List<String> lines = new String(out, StandardCharsets.UTF_8).lines().toList();
        if (process.exitValue() != 0 || lines.isEmpty()) {
            fail("""
                    This test renders the gap page in headless Chromium, and none could be found or installed:
                    %s
                    Install Debian's chromium package (sudo apt-get install -y chromium; scripts/chromium.sh does it as \
                    root), or point POLICYGEN_CHROMIUM at a Chromium or Chrome binary. .ci/run runs scripts/chromium.sh \
                    before the tests.""".formatted(new String(err, StandardCharsets.UTF_8).strip()));
        }
        return new HeadlessChromium(Path.of(lines.getLast().strip()));
    }

    /** A screenshot of the page at {@code width} x {@code height} CSS pixels, one device pixel each. */
    void screenshot(Path page, Path png, int width, int height, Path work) throws IOException, InterruptedException {
        run(work, "--hide-scrollbars", "--force-device-scale-factor=1", "--screenshot=" + png,
                "--window-size=" + width + "," + height, page.toUri().toString());
        if (!Files.isRegularFile(png)) {
            fail("chromium wrote no screenshot to " + png);
        }
    }

    /** The document as Chromium parsed it, serialised back. */
    String dumpDom(Path page, Path work) throws IOException, InterruptedException {
        return run(work, "--dump-dom", page.toUri().toString());
    }

    private String run(Path work, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--user-data-dir=" + Files.createTempDirectory(work, "profile")));
        command.addAll(List.of(arguments));
        Path log = Files.createTempFile(work, "chromium", ".log");
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command);
        }
        if (process.exitValue() != 0) {
            fail("chromium exited " + process.exitValue() + ": " + command + "\n" + Files.readString(log));
        }
        return out;
    }
}
