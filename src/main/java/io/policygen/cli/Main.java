package io.policygen.cli;

import ch.qos.logback.classic.Level;
import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Entry point: {@code java -jar policygen.jar COMMAND [options]} (see {@link PolicygenCommand}). Only the commands
 * that need one build a Spring context: {@code run} the application's, {@code report} a bare one for its settings,
 * {@code demo} one per night; {@code --help}, {@code --version} and {@code simulate} start none.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // Until Spring configures logging (run, report, each demo night), what logs while starting (the embedded
        // PostgreSQL, the simulator) would print at logback's default level, DEBUG.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        // A configuration file Spring cannot read fails before its logging is configured, and Spring reports it in a
        // page: the command's one line says it (StartupFailures), and --verbose its stack trace.
        for (String reporter : ApplicationStart.FAILURE_REPORTERS) {
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(reporter)).setLevel(Level.OFF);
        }
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    static int execute(PrintWriter out, PrintWriter err, String... args) {
        return commandLine(out, err).execute(args);
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return new CommandLine(new PolicygenCommand())
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(ConsoleErrors::usageError)
                .setExecutionExceptionHandler(ConsoleErrors::failure);
    }
}
