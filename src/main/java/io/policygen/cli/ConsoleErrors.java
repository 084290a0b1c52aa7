package io.policygen.cli;

import io.policygen.run.ExitCode;
import io.policygen.run.PolicygenRun;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How the command line reports what went wrong: a usage error is one line naming the problem and the help to
 * read (exit 2); a {@link CommandFailure} is its own lines and exit code; anything else is a failed command
 * (exit 1) in one line, its trace with {@code --verbose}.
 */
final class ConsoleErrors {

    private ConsoleErrors() {
    }

    static int usageError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        String name = command.getCommandSpec().qualifiedName();
        StringBuilder line = new StringBuilder(name).append(": ");
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String first = unmatched.getUnmatched().getFirst();
            line.append(first.startsWith("-") ? "unknown option '" : "unexpected argument '").append(first).append("'");
            if (!unmatched.getSuggestions().isEmpty()) {
                line.append(" (did you mean ").append(String.join(" or ", unmatched.getSuggestions())).append("?)");
            }
        } else {
            line.append(lowerFirst(e.getMessage()));
        }
        line.append("; see '").append(name).append(" --help'");
        command.getErr().println(line);
        command.getErr().flush();
        return ExitCode.BAD_CONFIGURATION.code();
    }

    static int failure(Exception e, CommandLine command, ParseResult parsed) {
        Console console = new Console(command.getErr(), verbose(parsed));
        if (e instanceof CommandFailure failure) {
            return console.report(failure);
        }
        return console.report(new CommandFailure(ExitCode.FAILED, command.getCommandName() + " failed: " + PolicygenRun.describe(e), e));
    }

    static boolean verbose(ParseResult parsed) {
        for (ParseResult result = parsed; result != null; result = result.subcommand()) {
            if (result.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    /** picocli's "Unknown option: ..." as the rest of our lines read; "AWS ..." stays. */
    private static String lowerFirst(String message) {
        boolean capitalized = message.length() > 1 && Character.isUpperCase(message.charAt(0))
                && !Character.isUpperCase(message.charAt(1));
        return capitalized ? Character.toLowerCase(message.charAt(0)) + message.substring(1) : message;
    }
}
