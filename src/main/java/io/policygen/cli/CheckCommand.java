package io.policygen.cli;

import io.policygen.preflight.Preflight;
import io.policygen.preflight.PreflightOptions;
import io.policygen.preflight.PreflightReport;
import io.policygen.run.ExitCode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/** {@code check}: the preflight, before the first night and whenever the setup changes. It starts no generation. */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = Version.class,
        customSynopsis = "policygen check [--sample N] [--verbose] [--NAME=VALUE...]",
        description = {
                "Checks what a run needs, without starting any policy generation.",
                "It checks the credentials and Organizations access; the trail (an organization",
                "trail, its Regions); in every account (or a sample) that the member role",
                "can be assumed, that the access role exists and trusts Access Analyzer,",
                "that the member role may pass it and call what a run calls (simulated,",
                "service control policies included); and an estimate of the CloudTrail",
                "log files a generation would read, against the 100,000 limit.",
                "One line per problem with its fix, then a summary table.",
                "",
                "Settings as for run (the same configuration; the database is reached",
                "and its tables created or upgraded, as a run would).",
                ""},
        footer = {"", "Exit codes: 0 all well; 5 something needs fixing (named above);",
                "2 bad configuration or usage; 1 the check itself failed."})
final class CheckCommand implements Callable<Integer> {

    @Mixin
    private Verbosity verbosity;

    @Option(names = "--sample", paramLabel = "N",
            description = "check N accounts (the first by account id) and the one policygen runs in, not all")
    private Integer sample;

    @Unmatched
    private List<String> arguments = new ArrayList<>();

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        if (sample != null && sample < 1) {
            throw new ParameterException(spec.commandLine(), "--sample must be 1 or more, was " + sample);
        }
        List<String> properties = SpringArguments.of(arguments, spec.commandLine());
        ConfigurableApplicationContext context = ApplicationStart.start(properties, verbosity.on());
        Console console = verbosity.console(spec.commandLine().getErr());
        int exitCode;
        try {
            AwsCredentialsCheck.check(context.getBean(AwsCredentialsProvider.class));
            PreflightReport report = context.getBean(Preflight.class)
                    .check(sample == null ? PreflightOptions.everyAccount() : PreflightOptions.sample(sample));
            PrintWriter out = spec.commandLine().getOut();
            report.print(out);
            out.flush();
            exitCode = report.exitCode();
        } catch (CommandFailure failure) {
            exitCode = console.report(failure);
        } catch (RuntimeException e) {
            exitCode = console.report(new CommandFailure(ExitCode.FAILED, "the check failed: " + e.getMessage(), e));
        }
        int result = exitCode;
        return SpringApplication.exit(context, () -> result);
    }
}
