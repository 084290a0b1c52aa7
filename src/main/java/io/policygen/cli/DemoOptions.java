package io.policygen.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/** The demo's options; every one has a default, so {@code demo} alone runs a small organization. */
record DemoOptions(boolean keep, boolean help, int accounts, int principalsPerAccount, long seed, Duration generationTime,
                   int dailyQuota) {

    static final String USAGE = """
            usage: java -jar policygen.jar demo [--keep] [--accounts N] [--principals-per-account N] [--seed N]
                                                [--generation-time PT1S] [--daily-quota N]
              --keep                    leave the database up afterwards (until Ctrl-C) and print how to query it
              --accounts N              accounts in the simulated organization (default 20)
              --principals-per-account  mean roles and users per account, a few accounts much larger (default 12)
              --seed N                  makes the organization reproducible (default 7)
              --generation-time D       how long one simulated generation takes (default PT1S)
              --daily-quota N           generations per account and day, in the simulator and the job (default 20)""";

    static DemoOptions parse(String[] args) {
        boolean keep = false;
        boolean help = false;
        int accounts = 20;
        int principals = 12;
        long seed = 7;
        Duration generationTime = Duration.ofSeconds(1);
        int dailyQuota = 20;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--keep" -> keep = true;
                case "--help", "-h" -> help = true;
                case "--accounts" -> accounts = positive(arg, value(args, ++i, arg), 1000);
                case "--principals-per-account" -> principals = positive(arg, value(args, ++i, arg), 1000);
                case "--seed" -> seed = positive(arg, value(args, ++i, arg), Integer.MAX_VALUE);
                case "--daily-quota" -> dailyQuota = positive(arg, value(args, ++i, arg), 50);
                case "--generation-time" -> generationTime = duration(arg, value(args, ++i, arg));
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
        }
        return new DemoOptions(keep, help, accounts, principals, seed, generationTime, dailyQuota);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static int positive(String option, String value, int max) {
        try {
            int number = Integer.parseInt(value);
            if (number < 1 || number > max) {
                throw new IllegalArgumentException(option + " must be between 1 and " + max + ", was " + value);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number, was '" + value + "'");
        }
    }

    private static Duration duration(String option, String value) {
        try {
            Duration duration = Duration.parse(value);
            if (duration.isNegative() || duration.isZero() || duration.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new IllegalArgumentException(option + " must be positive and at most PT1M, was " + value);
            }
            return duration;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " must be an ISO-8601 duration such as PT1S, was '" + value + "'");
        }
    }
}
