package io.policygen.cli;

import io.policygen.run.ExitCode;
import java.util.List;

/**
 * A failure the user can act on, as the console shows it: each line says what is wrong and what to do (printed
 * after {@code policygen: }), the exit code says it to a scheduler, and the cause's stack trace is for
 * {@code --verbose} and the log at DEBUG.
 */
final class CommandFailure extends RuntimeException {

    private final ExitCode exitCode;
    private final List<String> lines;

    CommandFailure(ExitCode exitCode, String line, Throwable cause) {
        this(exitCode, List.of(line), cause);
    }

    CommandFailure(ExitCode exitCode, List<String> lines, Throwable cause) {
        super(String.join("; ", lines), cause);
        this.exitCode = exitCode;
        this.lines = List.copyOf(lines);
    }

    ExitCode exitCode() {
        return exitCode;
    }

    List<String> lines() {
        return lines;
    }
}
