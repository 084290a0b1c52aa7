package io.policygen.cli;

import io.policygen.run.ExitCode;
import io.policygen.run.PolicygenRun;
import io.policygen.wiring.Edits;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
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
            List<String> suggestions = suggestions(unmatched, first);
            if (!suggestions.isEmpty()) {
                line.append(" (did you mean ").append(String.join(" or ", suggestions)).append("?)");
            }
        } else {
            line.append(lowerFirst(e.getMessage()));
        }
        line.append("; see '").append(name).append(" --help'");
        command.getErr().println(line);
        command.getErr().flush();
        return ExitCode.BAD_CONFIGURATION.code();
    }

    /** picocli's, or else the commands or options within two edits ("rnu" is far from "run" by picocli's measure). */
    private static List<String> suggestions(UnmatchedArgumentException unmatched, String typed) {
        if (!unmatched.getSuggestions().isEmpty()) {
            return unmatched.getSuggestions();
        }
        CommandSpec spec = unmatched.getCommandLine().getCommandSpec();
        Collection<String> names = typed.startsWith("-")
                ? spec.options().stream().flatMap(option -> Arrays.stream(option.names())).toList()
                : spec.subcommands().keySet();
        return Edits.nearest(typed, names).stream().limit(2).toList();
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
