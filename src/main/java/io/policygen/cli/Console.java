package io.policygen.cli;

import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where a command reports a failure: one line per problem on stderr; the trace with --verbose, else the log at DEBUG. */
record Console(PrintWriter err, boolean verbose) {

    private static final Logger log = LoggerFactory.getLogger(Console.class);

    int report(CommandFailure failure) {
        failure.lines().forEach(line -> err.println("policygen: " + line));
        Throwable cause = failure.getCause();
        if (cause != null) {
            if (verbose) {
                cause.printStackTrace(err);
            } else {
                log.debug("policygen: {}", failure.getMessage(), cause);
            }
        }
        err.flush();
        return failure.exitCode().code();
    }
}
