package io.policygen.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The embedded PostgreSQL that a killed JVM left running on a data directory the next one wants. */
final class StaleServer {

    private static final Logger log = LoggerFactory.getLogger(StaleServer.class);
    private static final String ZONKY_LOCK_FILE = "epg-lock";
    private static final Duration STALE_SERVER_SHUTDOWN = Duration.ofSeconds(30);

    private StaleServer() {
    }

    /**
     * A server whose JVM was killed is still running on its data directory, and a second
     * postmaster would refuse to start there. SIGTERM asks it for a smart shutdown, which
     * is quick as its clients died with that JVM. A server whose JVM is alive holds the
     * zonky lock file, and is left alone.
     */
    static void stopOn(Path dataDirectory) throws IOException {
        Path lockFile = dataDirectory.resolve(ZONKY_LOCK_FILE);
        if (Files.exists(lockFile)) {
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                    FileLock lock = channel.tryLock()) {
                if (lock == null) {
                    throw new IOException(dataDirectory + " is in use by another running policygen");
                }
            } catch (OverlappingFileLockException e) {
                throw new IOException(dataDirectory + " is already in use by this JVM", e);
            }
        }
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty() || !lines.getFirst().strip().matches("\\d+")) {
            return;
        }
        Optional<ProcessHandle> postmaster = ProcessHandle.of(Long.parseLong(lines.getFirst().strip()))
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command().map(command -> command.endsWith("postgres")).orElse(false));
        if (postmaster.isEmpty()) {
            return; // a stale pid file: PostgreSQL itself ignores it
        }
        log.warn("PostgreSQL (pid {}) from an earlier run still runs on {}; stopping it", postmaster.get().pid(), dataDirectory);
        postmaster.get().destroy();
        try {
            postmaster.get().onExit().get(STALE_SERVER_SHUTDOWN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IOException("PostgreSQL (pid " + postmaster.get().pid() + ") on " + dataDirectory
                    + " did not stop within " + STALE_SERVER_SHUTDOWN + "; stop it and try again", e);
        }
    }
}
