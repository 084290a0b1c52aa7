package io.policygen.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** {@code --verbose}: a failure's stack trace on the console too, and Spring's own start-up report. */
final class Verbosity {

    @Option(names = "--verbose", description = "On a failure, print its stack trace and Spring's start-up report too.")
    private boolean verbose;

    boolean on() {
        return verbose;
    }

    Console console(PrintWriter err) {
        return new Console(err, verbose);
    }
}
