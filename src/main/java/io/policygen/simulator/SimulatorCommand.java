package io.policygen.simulator;

import io.policygen.simulator.SimulatorOptions.Distribution;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar policygen.jar simulate [options]}: the simulator standalone, without Spring, until
 * stopped (SIGTERM / Ctrl-C). A bad option names itself and exits with 2.
 */
public final class SimulatorCommand {

    private static final String USAGE = """
            usage: java -jar policygen.jar simulate [options]

            The organization
              --port N                    loopback port (default 4566; 0 = any free port)
              --seed N                    makes everything reproducible (default 7)
              --accounts N                accounts, the management account included (default 10)
              --principals-per-account N  roles + users per account (default 20)
              --distribution D            skewed (a few big accounts; default) or uniform (exactly N each)
              --suspended-accounts N      member accounts in state SUSPENDED (default 1 if >= 5 accounts)
              --unassumable-accounts N    member accounts whose member role cannot be assumed (same default)
              --member-role NAME          role assumed in every account (default OrganizationAccountAccessRole)
              --access-role PATH/NAME     Access Analyzer's access role (default service-role/AccessAnalyzerMonitorServiceRole)
              --trail-name NAME           organization trail name (default organization-trail)
              --region R                  region of the trail (default us-east-1)
              --access-key-id ID          management account access key (default AKIAPOLICYGENSIM0001)
              --secret-access-key S       its secret
              --external-id X             AssumeRole then requires this ExternalId

            Access Analyzer
              --generation-time D         simulated time a generation takes, ISO-8601 (default PT30S)
              --generation-jitter D       +/- this much (default: a sixth of the generation time)
              --failure-rate F            share of generations that end FAILED (default 0)
              --concurrent-quota N        generations in progress per account and region (default 1)
              --daily-quota N             generations started per account and region per 24 h (default 50)

            Rates and faults
              --rate R                    requests/s per account and operation (default 0 = unlimited)
              --operation-rate OP=R       one operation's rate, e.g. StartPolicyGeneration=2 (repeatable)
              --error-rate F              share of 5xx answers, every operation
              --throttle-rate F           share of throttling answers, every operation
              --latency D                 added to every answer, e.g. PT0.05S
              --lost-start-responses F    share of StartPolicyGeneration that start but answer 500

            Clock
              --manual-clock              the simulated clock moves only through POST /_simulator/clock
              --clock-start INSTANT       start of the manual clock (default now)

              --help                      this text
            """;

    private SimulatorCommand() {
    }

    public static void main(String[] args) {
        SimulatorOptions options;
        try {
            options = parse(args);
        } catch (HelpRequested e) {
            System.out.print(USAGE);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println("simulate: " + e.getMessage());
            System.err.println("run 'simulate --help' for the options");
            System.exit(2);
            return;
        }
        Simulator simulator = Simulator.start(options);
        printFacts(simulator, System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "simulator-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void printFacts(Simulator simulator, PrintStream out) {
        SimulatedOrganization org = simulator.organization();
        out.println("simulator listening on " + simulator.endpoint());
        out.println("  management account  " + org.managementAccountId());
        out.println("  access key id       " + org.credentials().accessKeyId());
        out.println("  secret access key   " + org.credentials().secretAccessKey());
        out.println("  member role         " + org.memberRoleName());
        out.println("  access role         " + org.accessRoleName());
        out.println("  trail ARN           " + org.trailArn());
        out.println("  region              " + org.region());
        out.println("  accounts            " + org.accounts().size() + " (" + org.principalCount() + " principals)");
        out.println("  clock               " + simulator.clock().instant()
                + (simulator.clock().isManual() ? " (manual)" : ""));
        out.println("  state               " + simulator.endpoint() + "/_simulator/state?generations=false");
        out.flush();
    }

    private static final class HelpRequested extends RuntimeException {
        HelpRequested() {
            super(null, null, false, false);
        }
    }

    static SimulatorOptions parse(String[] args) {
        SimulatorOptions.Builder b = SimulatorOptions.builder().port(4566);
        FaultSettings faults = FaultSettings.NONE;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                throw new HelpRequested();
            }
            if (option.equals("--manual-clock")) {
                b.manualClock(true);
                continue;
            }
            if (!option.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + option + "'");
            }
            String value;
            int eq = option.indexOf('=');
            if (eq > 0) {
                value = option.substring(eq + 1);
                option = option.substring(0, eq);
            } else {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(option + ": a value is required");
                }
                value = args[++i];
            }
            try {
                switch (option) {
                    case "--port" -> b.port(Integer.parseInt(value));
                    case "--seed" -> b.seed(Long.parseLong(value));
                    case "--accounts" -> b.accounts(Integer.parseInt(value));
                    case "--principals-per-account" -> b.principalsPerAccount(Integer.parseInt(value));
                    case "--distribution" -> b.distribution(switch (value.toLowerCase(Locale.ROOT)) {
                        case "skewed" -> Distribution.SKEWED;
                        case "uniform" -> Distribution.UNIFORM;
                        default -> throw new IllegalArgumentException("--distribution: must be skewed or uniform, was '"
                                + value + "'");
                    });
                    case "--suspended-accounts" -> b.suspendedAccounts(Integer.parseInt(value));
                    case "--unassumable-accounts" -> b.unassumableAccounts(Integer.parseInt(value));
                    case "--member-role" -> b.memberRoleName(value);
                    case "--access-role" -> b.accessRoleName(value);
                    case "--trail-name" -> b.trailName(value);
                    case "--region" -> b.region(value);
                    case "--access-key-id" -> b.accessKeyId(value);
                    case "--secret-access-key" -> b.secretAccessKey(value);
                    case "--external-id" -> b.externalId(value);
                    case "--generation-time" -> b.generationTime(Duration.parse(value));
                    case "--generation-jitter" -> b.generationJitter(Duration.parse(value));
                    case "--failure-rate" -> b.failureRate(Double.parseDouble(value));
                    case "--concurrent-quota" -> b.concurrentQuota(Integer.parseInt(value));
                    case "--daily-quota" -> b.dailyQuota(Integer.parseInt(value));
                    case "--rate" -> b.defaultRate(Double.parseDouble(value));
                    case "--operation-rate" -> {
                        int sep = value.indexOf('=');
                        if (sep <= 0) {
                            throw new IllegalArgumentException("expected OPERATION=RATE");
                        }
                        b.rate(value.substring(0, sep), Double.parseDouble(value.substring(sep + 1)));
                    }
                    case "--error-rate" -> faults = faults.withErrorRate(Double.parseDouble(value));
                    case "--throttle-rate" -> faults = faults.withThrottleRate(Double.parseDouble(value));
                    case "--latency" -> faults = faults.withLatency(Duration.parse(value));
                    case "--lost-start-responses" -> faults = faults.withLostStartResponses(Double.parseDouble(value));
                    case "--clock-start" -> b.manualClock(Instant.parse(value));
                    default -> throw new IllegalArgumentException(option + ": unknown option");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + ": not a number: '" + value + "'", e);
            } catch (IllegalArgumentException | java.time.DateTimeException e) {
                String message = e.getMessage();
                if (message != null && message.startsWith("--")) {
                    throw new IllegalArgumentException(message, e);
                }
                throw new IllegalArgumentException(option + ": " + (option.equals(message) || message == null
                        ? "bad value '" + value + "'" : message + " (was '" + value + "')"), e);
            }
        }
        return b.faults(faults).build();
    }
}
