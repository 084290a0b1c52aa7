package io.policygen.simulator;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
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
              --distribution D            skewed (a few big, busier accounts; default) or uniform (exactly N each)
              --suspended-accounts N      member accounts in state SUSPENDED (default 1 if >= 5 accounts)
              --unassumable-accounts N    member accounts whose member role cannot be assumed (same default)
              --pending-activation-accounts N  member accounts in state PENDING_ACTIVATION, unusable (default 0)
              --pending-closure-accounts N     member accounts in state PENDING_CLOSURE, still usable (default 0)
              --closed-accounts N         member accounts in state CLOSED, unusable (default 0)
              --delegated-admin ACCOUNT   a member account that may call Organizations' list operations
              --member-role NAME          role assumed in every account (default OrganizationAccountAccessRole)
              --max-session-duration D    the member role's MaxSessionDuration, PT1H-PT12H (default PT1H)
              --access-role PATH/NAME     Access Analyzer's access role (default service-role/AccessAnalyzerMonitorServiceRole)
              --trail-name NAME           organization trail name (default organization-trail)
              --trail-kms-key             the trail's log files are encrypted with a KMS key
              --region R                  home Region of the organization and its trail (default us-east-1)
              --access-key-id ID          management account access key (default AKIAPOLICYGENSIM0001)
              --secret-access-key S       its secret
              --external-id X             AssumeRole then requires this ExternalId

            IAM content (every principal has policies, tags and a last use; see the package documentation)
              --unused-share F            share of principals last used 100-400 days ago or never (default 0.25)
              --new-share F               share created in the five days before the start (default 0.03)
              --opted-out-share F         share tagged policygen:skip, for good or until a date to come (default 0.04)
              --credential-report-time D  time IAM takes to generate an account's credential report (default PT0.2S)
              --permission-sets N         IAM Identity Center permission sets, 0-3 (default 0): AdministratorAccess,
                                          ReadOnlyAccess, PowerUserAccess, each an AWS managed policy; the first in
                                          every account, the others in about three accounts in four, each with its
                                          role AWSReservedSSO_NAME_SUFFIX under /aws-reserved/sso.amazonaws.com/

            CloudTrail and Access Analyzer
              --active-regions N          Regions with CloudTrail activity per account, the home Region among
                                          them (default 4)
              --log-files-per-region-day N  log files an account writes per active Region and day (default 288;
                                          four times as many in the big accounts of the skewed distribution)
              --log-file-kb N             a log file's mean size in KB (default 20): above 25 GB of them a
                                          generation ends FAILED (SERVICE_QUOTA_EXCEEDED_ERROR, "CloudTrail data
                                          size processed per policy generation limit exceeded", a guess)
              --generation-time D         time of a generation that reads 30 days of one Region of an account at
                                          the base rate, ISO-8601 (default PT30S). A generation reads its account's
                                          log files of the Regions it asks for (all active ones with allRegions)
                                          over its window, and takes generation-time x files / (30 x files per
                                          Region-day); above 100,000 files it stops there and ends FAILED
                                          (SERVICE_QUOTA_EXCEEDED_ERROR, "CloudTrail log files processed per
                                          policy generation limit exceeded")
              --generation-jitter D       +/- this much (default: a sixth of the generation time)
              --duration-distribution S   uniform (the jitter only; default) or lognormal: durations times
                                          e^(spread x Z), Z standard normal (median kept, a long tail)
              --duration-spread S         the lognormal's spread (default 0.5: p90 1.9x, p99 3.2x the median)
              --duration-spread-by B      job (each job's own factor; default) or account (one per account)
              --failure-rate F            share of generations that end FAILED with SERVICE_ERROR (default 0)
              --failing-account A=CODE    generations in account A end FAILED with that jobError.code:
                                          AUTHORIZATION_ERROR, RESOURCE_NOT_FOUND_ERROR,
                                          SERVICE_QUOTA_EXCEEDED_ERROR or SERVICE_ERROR (repeatable)
              --failing-principal ARN=CODE  the same for one role or user (repeatable)
              --broken-access-role A=HOW  account A's access role is MISSING (GetRole: NoSuchEntity) or UNTRUSTED
                                          (its trust policy omits access-analyzer.amazonaws.com); generations
                                          there end FAILED with AUTHORIZATION_ERROR (repeatable)
              --broken-trail-bucket       no access role can read the trail's bucket: every generation ends
                                          FAILED with AUTHORIZATION_ERROR
              --no-pass-role A            account A's member role may not iam:PassRole the access role:
                                          StartPolicyGeneration there is AccessDeniedException (repeatable)
              --concurrent-quota N        generations in progress per account and Region (default 1)
              --concurrency-error E       quota (ServiceQuotaExceededException, default) or conflict
                                          (ConflictException): the answer to a start while one is in progress
              --quota-scope S             region (default) or account: whether the concurrent and daily quotas
                                          count per account and Region or across the account's Regions (AWS does
                                          not say; each Region's listing shows only its own generations)
              --daily-quota N             generations started per account and Region per 24 h, in every Region
                                          (default: AWS's 50, and 5 in af-south-1, ap-east-1, ap-southeast-3,
                                          eu-south-1, me-south-1)

            Rates and faults
              --rate R                    requests/s per account and operation (default 0 = unlimited)
              --operation-rate OP=R       one operation's rate, e.g. StartPolicyGeneration=2 (repeatable)
              --error-rate F              share of 5xx answers, every operation
              --throttle-rate F           share of throttling answers, every operation
              --latency D                 added to every answer, e.g. PT0.05S
              --lost-start-responses F    share of StartPolicyGeneration that start but answer 500
              --unreadable-for D          GetGeneratedPolicy answers 404 for a generation this long after its
                                          start (eventual consistency), e.g. PT5S

            Clock
              --manual-clock              the simulated clock moves only through POST /_simulator/clock
              --clock-start INSTANT       start of the manual clock (default now)

              --help                      this text

            Control calls (unsigned, on the same port): GET /_simulator/state, POST /_simulator/clock?advance=,
            /_simulator/faults, /_simulator/quotas?concurrent=&daily=&concurrencyError=, /_simulator/rates,
            /_simulator/principals, POST /_simulator/generations?account=&principal=&region=&window= (a console
            user's generation), POST /_simulator/accounts?account=&state= (suspended, closed, reinstated),
            POST|DELETE /_simulator/job-errors?account=|principal=&code=,
            /_simulator/broken-access-roles?account=&how=, /_simulator/broken-trail-bucket,
            /_simulator/no-pass-role?account=, /_simulator/denied-actions?account=&action=[&region=] (an SCP's deny),
            /_simulator/expired-credentials?who=management|sessions  (see the package documentation of
            io.policygen.simulator)
            """;

    private SimulatorCommand() {
    }

    public static void main(String[] args) {
        SimulatorOptions options;
        try {
            options = parse(args);
        } catch (SimulatorArguments.HelpRequested e) {
            System.out.print(USAGE);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println("policygen simulate: " + e.getMessage() + "; see 'policygen simulate --help'");
            System.exit(2);
            return;
        }
        Simulator simulator;
        try {
            simulator = Simulator.start(options);
        } catch (IllegalArgumentException e) {
            System.err.println("policygen simulate: " + e.getMessage());
            System.exit(2);
            return;
        } catch (UncheckedIOException e) {
            if (!(e.getCause() instanceof BindException)) {
                throw e;
            }
            System.err.println("policygen simulate: port " + options.port() + " is in use (another simulator?): stop it, or"
                    + " give another with --port");
            System.exit(2);
            return;
        }
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
        out.println("  trail bucket        " + org.trail().bucket());
        out.println("  region              " + org.region());
        org.delegatedAdministrator().ifPresent(id -> out.println("  delegated admin     " + id));
        out.println("  accounts            " + org.accounts().size() + " (" + org.principalCount() + " principals)");
        out.println("  CloudTrail          " + simulator.options().activeRegions() + " active Regions per account, "
                + simulator.options().logFilesPerRegionDay() + " log files per Region and day, "
                + simulator.options().logFileKilobytes() + " KB each");
        out.println("  quotas              " + quotas(simulator.options()));
        out.println("  clock               " + simulator.clock().instant()
                + (simulator.clock().isManual() ? " (manual)" : ""));
        out.println("  state               " + simulator.endpoint() + "/_simulator/state?generations=false");
        out.flush();
    }

    static String quotas(SimulatorOptions options) {
        String daily = options.dailyQuota() > 0 ? options.dailyQuota() + " a day"
                : GenerationQuotas.AWS_DAILY + " a day (" + GenerationQuotas.AWS_DAILY_SMALL_REGIONS + " in "
                        + String.join(", ", GenerationQuotas.SMALL_REGIONS.stream().sorted().toList()) + ")";
        return options.concurrentQuota() + " in progress and " + daily + " per "
                + (options.quotaScope() == QuotaScope.ACCOUNT ? "account, across its Regions" : "account and Region");
    }

    static SimulatorOptions parse(String[] args) {
        return SimulatorArguments.parse(args);
    }
}
