package io.policygen.cli;

import io.policygen.run.ExitCode;
import io.policygen.simulator.SimulatorCommand;
import java.util.Arrays;

/**
 * Entry point: {@code java -jar policygen.jar COMMAND [options]}.
 * Commands: {@code run} (the nightly job), {@code simulate} (the AWS organization simulator),
 * {@code demo}, {@code report NAME}.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            usage();
            System.exit(ExitCode.BAD_CONFIGURATION.code());
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "run" -> System.exit(RunCommand.run(rest));
            case "simulate" -> SimulatorCommand.main(rest);
            case "demo" -> System.exit(DemoCommand.run(rest));
            case "report" -> System.exit(ReportCommand.run(rest));
            default -> {
                System.err.println("policygen: unknown command '" + args[0] + "'");
                usage();
                System.exit(ExitCode.BAD_CONFIGURATION.code());
            }
        }
    }

    private static void usage() {
        System.err.println("usage: java -jar policygen.jar run|simulate|demo|report [options]");
    }
}
