package io.policygen.cli;

import io.policygen.run.ExitCode;
import io.policygen.PolicygenApplication;
import io.policygen.wiring.ConfigurationValidator;
import io.policygen.run.PolicygenRun;
import io.policygen.run.RunControl;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.context.ConfigurableApplicationContext;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * {@code run}: one run of the nightly job. Exit codes are design.md's: 0 done, 3 stopped at a quota or the
 * deadline, 1 failed, 2 bad configuration (nothing called), 4 another run holds the lock.
 */
public final class RunCommand {

    private RunCommand() {
    }

    public static int run(String[] args) {
        ConfigurableApplicationContext context;
        try {
            SpringApplication application = new SpringApplication(PolicygenApplication.class);
            application.setWebApplicationType(WebApplicationType.NONE);
            context = application.run(args);
        } catch (RuntimeException e) {
            return startupFailure(e);
        }
        return execute(context);
    }

    /**
     * Runs the job in a started context, then closes it; the exit code goes through SpringApplication.exit.
     * The configuration was validated while the context started (before the AWS clients were built).
     */
    public static int execute(ConfigurableApplicationContext context) {
        RunControl control = context.getBean(RunControl.class);
        // SIGTERM (a scheduler's stop) and Ctrl-C: stop starting generations, record state, exit 1.
        // The JVM's own handlers come back after the run, so a process that lives on (the demo) still stops.
        SignalHandler previousTerm = Signal.handle(new Signal("TERM"), signal -> control.requestStop("SIGTERM"));
        SignalHandler previousInt = Signal.handle(new Signal("INT"), signal -> control.requestStop("SIGINT"));
        ExitCode exitCode;
        try {
            exitCode = context.getBean(PolicygenRun.class).execute();
        } catch (Exception e) {
            System.err.println("policygen: the run failed: " + PolicygenRun.describe(e));
            exitCode = ExitCode.FAILED;
        } finally {
            Signal.handle(new Signal("TERM"), previousTerm);
            Signal.handle(new Signal("INT"), previousInt);
        }
        ExitCode result = exitCode;
        return SpringApplication.exit(context, () -> result.code());
    }

    /** A context that cannot start: a setting that doesn't bind is bad configuration (2); anything else failed (1). */
    public static int startupFailure(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConfigurationValidator.InvalidConfigurationException invalid) {
                invalid.problems().forEach(problem -> System.err.println("policygen: invalid configuration: " + problem));
                return ExitCode.BAD_CONFIGURATION.code();
            }
            if (cause instanceof BindException bind) {
                System.err.println("policygen: invalid configuration: " + bind.getProperty().getName() + ": cannot use '"
                        + bind.getProperty().getValue() + "': " + rootMessage(bind));
                return ExitCode.BAD_CONFIGURATION.code();
            }
        }
        System.err.println("policygen: cannot start: " + rootMessage(e));
        return ExitCode.FAILED.code();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
