package io.policygen.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top command. A new subcommand is one class and one entry in {@code subcommands}. */
@Command(name = "policygen", mixinStandardHelpOptions = true, versionProvider = Version.class,
        subcommands = {RunCommand.class, CheckCommand.class, DemoCommand.class, ReportCommand.class, ExportCommand.class,
                SimulateCommand.class},
        synopsisSubcommandLabel = "COMMAND",
        description = {
                "Least-privilege IAM policies for every principal of an AWS Organization,",
                "through IAM Access Analyzer. Run it as: java -jar policygen.jar COMMAND;",
                "'COMMAND --help' tells more.", ""},
        footer = {"", "Exit codes: 0 done; 3 stopped at a quota, run again later to resume;",
                "1 failed, run again to restart it; 2 bad configuration or usage, nothing",
                "was called; 4 another run is in progress; 5 finished, but accounts need",
                "their setup fixed (report_failures). README.md walks through a setup."})
final class PolicygenCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "a command is needed: " + String.join(", ", spec.subcommands().keySet()));
    }
}
