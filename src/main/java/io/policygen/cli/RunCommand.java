package io.policygen.cli;

import io.policygen.run.ExitCode;
import io.policygen.run.PolicygenRun;
import io.policygen.run.RunControl;
import io.policygen.store.DatabaseOutage.DatabaseGoneException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * {@code run}: one run of the nightly job. Exit codes are design.md's: 0 done, 3 stopped at a quota or the
 * deadline, 1 failed, 2 bad configuration or usage (nothing called), 4 another run holds the lock, 5 finished but
 * accounts need their setup fixed.
 */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = Version.class,
        customSynopsis = "policygen run [--verbose] [--NAME=VALUE...]",
        description = {
                "Runs the job once: finds the principals, generates their policies.",
                "It discovers the organization's accounts and principals, then asks IAM",
                "Access Analyzer for a policy for each due principal, within the quotas.",
                "A later run resumes where this one stopped.",
                "",
                "Settings are Spring Boot properties (config/application.example.yml has",
                "them all), given as:",
                "  --spring.config.additional-location=file:application.yml",
                "  --NAME=VALUE, e.g. --spring.datasource.url=jdbc:postgresql://HOST:5432/DB",
                "               or --policygen.generation.daily-quota=10",
                "  environment variables, e.g. SPRING_DATASOURCE_PASSWORD,",
                "               POLICYGEN_GENERATION_DAILYQUOTA",
                "A policygen.* name that is no setting is refused, wherever it comes from.",
                "AWS credentials: the AWS SDK's default chain (AWS_PROFILE, environment",
                "variables, web identity, container or instance profile).",
                ""},
        footer = {"", "Exit codes: 0 done; 3 stopped at a quota or the deadline, run again later",
                "to resume; 1 failed, run again to restart it; 2 bad configuration or usage,",
                "nothing was called; 4 another run is in progress, nothing was done;",
                "5 finished, but accounts need their setup fixed (named in the log and in",
                "report_failures): rerunning will not help until it is fixed."})
public final class RunCommand implements Callable<Integer> {

    @Mixin
    private Verbosity verbosity;

    @Unmatched
    private List<String> arguments = new ArrayList<>();

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        List<String> properties = SpringArguments.of(arguments, spec.commandLine());
        ConfigurableApplicationContext context = ApplicationStart.start(properties, verbosity.on());
        return execute(context, verbosity.console(spec.commandLine().getErr()));
    }

    /**
     * Runs the job in a started context, then closes it; the exit code goes through SpringApplication.exit.
     * The configuration was validated while the context started (before the AWS clients were built).
     */
    public static int execute(ConfigurableApplicationContext context) {
        return execute(context, new Console(new PrintWriter(System.err, true), false));
    }

    static int execute(ConfigurableApplicationContext context, Console console) {
        try {
            AwsCredentialsCheck.check(context.getBean(AwsCredentialsProvider.class));
        } catch (CommandFailure failure) {
            int exitCode = console.report(failure);
            return SpringApplication.exit(context, () -> exitCode);
        }
        RunControl control = context.getBean(RunControl.class);
        // SIGTERM (a scheduler's stop) and Ctrl-C: stop starting generations, record state, exit 1.
        // The JVM's own handlers come back after the run, so a process that lives on (the demo) still stops.
        SignalHandler previousTerm = Signal.handle(new Signal("TERM"), signal -> control.requestStop("SIGTERM"));
        SignalHandler previousInt = Signal.handle(new Signal("INT"), signal -> control.requestStop("SIGINT"));
        ExitCode exitCode;
        try {
            exitCode = context.getBean(PolicygenRun.class).execute();
        } catch (DatabaseGoneException e) {
            console.report(new CommandFailure(ExitCode.FAILED, "the run stopped: " + e.getMessage()
                    + ". Run again once it is back: the next run finishes the work", e));
            exitCode = ExitCode.FAILED;
        } catch (Exception e) {
            console.report(new CommandFailure(ExitCode.FAILED, "the run failed: " + PolicygenRun.describe(e), e));
            exitCode = ExitCode.FAILED;
        } finally {
            Signal.handle(new Signal("TERM"), previousTerm);
            Signal.handle(new Signal("INT"), previousInt);
        }
        ExitCode result = exitCode;
        return SpringApplication.exit(context, result::code);
    }

    /** A context that cannot start, reported in one line per problem: bad configuration (2), anything else (1). */
    public static int startupFailure(Throwable e) {
        return new Console(new PrintWriter(System.err, true), false).report(StartupFailures.describe(e, null));
    }
}
