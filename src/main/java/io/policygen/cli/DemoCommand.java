package io.policygen.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code demo}: policygen on its embedded defaults, offline from AWS (see {@link Demo}). */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Runs nights of the job on an embedded database and a simulated AWS.",
                "policygen runs night after night against an embedded PostgreSQL and a",
                "simulated AWS Organization in this JVM, until every principal has its",
                "policy. Nothing to configure; nothing is sent to AWS.", ""})
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--keep", description = "Leave the database up afterwards (until Ctrl-C) and print how to query it.")
    private boolean keep;

    @Option(names = "--accounts", paramLabel = "N", defaultValue = "20", description = "Accounts in the organization (default ${DEFAULT-VALUE}).")
    private int accounts;

    @Option(names = "--principals-per-account", paramLabel = "N", defaultValue = "12",
            description = "Mean roles and users per account, a few accounts much larger (default ${DEFAULT-VALUE}).")
    private int principalsPerAccount;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "7", description = "Makes the organization reproducible (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--generation-time", paramLabel = "DURATION", defaultValue = "PT1S", converter = IsoDuration.class,
            description = "How long one simulated generation takes, ISO-8601, at most PT1M (default ${DEFAULT-VALUE}).")
    private Duration generationTime;

    @Option(names = "--daily-quota", paramLabel = "N", defaultValue = "20",
            description = "Generations per account and day, in the simulator and the job, at most 50 (default ${DEFAULT-VALUE}).")
    private int dailyQuota;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        return new Demo(options(), spec.commandLine().getOut()).run();
    }

    DemoOptions options() {
        within("--accounts", accounts, 1000);
        within("--principals-per-account", principalsPerAccount, 1000);
        within("--daily-quota", dailyQuota, 50);
        within("--seed", seed, Integer.MAX_VALUE);
        if (generationTime.isNegative() || generationTime.isZero() || generationTime.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new ParameterException(spec.commandLine(), "--generation-time must be positive and at most PT1M, was " + generationTime);
        }
        return new DemoOptions(keep, accounts, principalsPerAccount, seed, generationTime, dailyQuota);
    }

    /** picocli's own message for a bad Duration names a Java class; this one shows the format. */
    static final class IsoDuration implements ITypeConverter<Duration> {

        @Override
        public Duration convert(String value) {
            try {
                return Duration.parse(value);
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("must be an ISO-8601 duration such as PT1S, was '" + value + "'");
            }
        }
    }

    private void within(String option, long value, long max) {
        if (value < 1 || value > max) {
            throw new ParameterException(spec.commandLine(), option + " must be between 1 and " + max + ", was " + value);
        }
    }
}
