package io.policygen.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.policygen.simulator.AccessRoleBreak;
import io.policygen.simulator.Account;
import io.policygen.simulator.SimulatedOrganization;
import io.policygen.simulator.Simulator;
import io.policygen.simulator.SimulatorOptions.Distribution;
import io.policygen.testsupport.TestSimulator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code policygen check} against the simulator through the real SDK clients: it names what is broken, and spends no quota. */
class PreflightIT {

    static final long SEED = 7;
    static final String MANAGEMENT = SimulatedOrganization.accountId(SEED, 0);

    @RegisterExtension
    final TestSimulator simulator = TestSimulator.perTest(o -> o.seed(SEED).accounts(8).principalsPerAccount(2)
            .suspendedAccounts(0).unassumableAccounts(0).manualClock(true));

    static String account(int index) {
        return SimulatedOrganization.accountId(SEED, index);
    }

    static List<String> accounts(Simulator aws) {
        return aws.organization().accounts().stream().filter(Account::active).map(Account::id).sorted().toList();
    }

    @Test
    void shouldFindNothingToFixInAHealthyOrganizationAndStartNoGeneration() {
        // given a suspended account, which a run leaves out
        Simulator aws = simulator.start(o -> o.suspendedAccounts(1));

        // when
        PreflightReport report = new PreflightRunner(aws).check(PreflightOptions.everyAccount());

        // then
        assertThat(report.exitCode()).isEqualTo(0);
        assertThat(report.problems()).isEmpty();
        assertThat(report.caller().accountId()).isEqualTo(MANAGEMENT);
        assertThat(report.accountsListed()).isEqualTo(8);
        assertThat(report.accountsInScope()).isEqualTo(7);
        assertThat(report.checkedAccounts()).isEqualTo(accounts(aws)).hasSize(7);
        assertThat(report.trails()).singleElement().satisfies(trail -> {
            assertThat(trail.arn()).isEqualTo(aws.organization().trailArn());
            assertThat(trail.organization()).isTrue();
            assertThat(trail.homeRegion()).isEqualTo("us-east-1");
            assertThat(trail.bucket()).isEqualTo(aws.organization().trail().bucket());
        });
        assertThat(report.estimate().files()).isEqualTo(30 * 288);
        assertThat(report.counts()).containsExactly(
                new CheckCount(CheckKind.CREDENTIALS, 1, 0, 0),
                new CheckCount(CheckKind.ORGANIZATION, 1, 0, 0),
                new CheckCount(CheckKind.TRAIL, 1, 0, 0),
                new CheckCount(CheckKind.LOG_FILES, 1, 0, 0),
                new CheckCount(CheckKind.MEMBER_ROLE, 7, 0, 0),
                new CheckCount(CheckKind.ACCESS_ROLE, 7, 0, 0),
                new CheckCount(CheckKind.PASS_ROLE, 7, 0, 0),
                new CheckCount(CheckKind.ACTIONS, 7, 0, 0));
        assertThat(aws.generations()).isEmpty();
    }

    @Test
    void shouldNameExactlyTheTwoAccountsWhoseAccessRoleIsBrokenAndStartNoGeneration() {
        // given
        Simulator aws = simulator.start(o -> o.brokenAccessRole(account(2), AccessRoleBreak.MISSING)
                .brokenAccessRole(account(5), AccessRoleBreak.UNTRUSTED));

        // when
        PreflightReport report = new PreflightRunner(aws).check(PreflightOptions.everyAccount());

        // then
        assertThat(report.exitCode()).isEqualTo(5);
        assertThat(report.problems()).extracting(Problem::accountId).containsExactly(account(2), account(5));
        assertThat(report.problems()).extracting(Problem::kind).containsOnly(CheckKind.ACCESS_ROLE);
        assertThat(report.problems()).extracting(Problem::resource)
                .containsExactly(aws.organization().accessRoleArn(account(2)), aws.organization().accessRoleArn(account(5)));
        assertThat(report.problems().get(0).what()).isEqualTo("does not exist (IAM GetRole: NoSuchEntity)");
        assertThat(report.problems().get(1).what())
                .isEqualTo("its trust policy does not allow access-analyzer.amazonaws.com to sts:AssumeRole");
        assertThat(report.problems()).allSatisfy(problem ->
                assertThat(problem.fix()).contains("config/iam/access-role-trust-policy.json", "config/iam/README.md#access-role"));
        assertThat(report.count(CheckKind.ACCESS_ROLE)).isEqualTo(new CheckCount(CheckKind.ACCESS_ROLE, 6, 2, 0));
        assertThat(aws.generations()).isEmpty();
        StringBuilder printed = new StringBuilder();
        report.print(printed);
        assertThat(printed.toString().lines().filter(line -> line.startsWith("  access role: account ")))
                .containsExactly("  " + report.problems().get(0).line(), "  " + report.problems().get(1).line());
    }

    @Test
    void shouldNameTheAccountWhoseMemberRoleCannotBeAssumedAndCheckNothingElseThere() {
        // given
        Simulator aws = simulator.start(o -> o.unassumableAccounts(1));
        String unassumable = aws.organization().accounts().stream().filter(a -> !a.assumable()).map(Account::id)
                .findFirst().orElseThrow();

        // when
        PreflightReport report = new PreflightRunner(aws).check(PreflightOptions.everyAccount());

        // then
        assertThat(report.exitCode()).isEqualTo(5);
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(CheckKind.MEMBER_ROLE);
            assertThat(problem.accountId()).isEqualTo(unassumable);
            assertThat(problem.resource()).isEqualTo(aws.organization().memberRoleArn(unassumable));
            assertThat(problem.what()).isEqualTo("cannot be assumed from the management account (STS AssumeRole: AccessDenied)");
        });
        assertThat(report.count(CheckKind.ACCESS_ROLE)).isEqualTo(new CheckCount(CheckKind.ACCESS_ROLE, 7, 0, 1));
        assertThat(report.count(CheckKind.PASS_ROLE)).isEqualTo(new CheckCount(CheckKind.PASS_ROLE, 7, 0, 1));
        assertThat(report.count(CheckKind.ACTIONS)).isEqualTo(new CheckCount(CheckKind.ACTIONS, 7, 0, 1));
        assertThat(aws.generations()).isEmpty();
    }

    @Test
    void shouldNameTheAccountWhoseMemberRoleMayNotPassTheAccessRole() {
        // given
        Simulator aws = simulator.start(o -> o.noPassRole(account(3)));

        // when
        PreflightReport report = new PreflightRunner(aws).check(PreflightOptions.everyAccount());

        // then
        assertThat(report.exitCode()).isEqualTo(5);
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(CheckKind.PASS_ROLE);
            assertThat(problem.accountId()).isEqualTo(account(3));
            assertThat(problem.resource()).isEqualTo(aws.organization().memberRoleArn(account(3)));
            assertThat(problem.what()).isEqualTo("may not pass the access role " + aws.organization().accessRoleArn(account(3))
                    + " to Access Analyzer (IAM SimulatePrincipalPolicy iam:PassRole: implicitDeny)");
            assertThat(problem.fix()).contains("config/iam/README.md#passrole");
        });
        assertThat(aws.generations()).isEmpty();
    }

    @Test
    void shouldStopAtCredentialsThatDoNotWork() {
        // given
        Simulator aws = simulator.get();

        // when
        PreflightReport report = new PreflightRunner(aws).withSecret("not-the-secret").check(PreflightOptions.everyAccount());

        // then
        assertThat(report.exitCode()).isEqualTo(5);
        assertThat(report.caller()).isNull();
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(CheckKind.CREDENTIALS);
            assertThat(problem.what()).startsWith("do not work (STS GetCallerIdentity: SignatureDoesNotMatch: ");
            assertThat(problem.fix()).endsWith("see config/iam/README.md#management-role");
        });
        assertThat(report.counts()).containsExactly(
                new CheckCount(CheckKind.CREDENTIALS, 0, 1, 0),
                new CheckCount(CheckKind.ORGANIZATION, 0, 0, 1),
                new CheckCount(CheckKind.TRAIL, 0, 0, 1),
                new CheckCount(CheckKind.LOG_FILES, 1, 0, 0),
                new CheckCount(CheckKind.MEMBER_ROLE, 0, 0, 1),
                new CheckCount(CheckKind.ACCESS_ROLE, 0, 0, 1),
                new CheckCount(CheckKind.PASS_ROLE, 0, 0, 1),
                new CheckCount(CheckKind.ACTIONS, 0, 0, 1));
        assertThat(aws.requestCounts().snapshot()).containsOnlyKeys("sts");
    }

    @Test
    void shouldSayExpiredCredentialsAreToBeRenewed() {
        // given
        Simulator aws = simulator.get();
        aws.expireManagementCredentials(true);

        // when
        PreflightReport report = new PreflightRunner(aws).check(PreflightOptions.everyAccount());

        // then
        assertThat(report.exitCode()).isEqualTo(5);
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.what()).isEqualTo("do not work (STS GetCallerIdentity: ExpiredToken: The security token included"
                    + " in the request is expired)");
            assertThat(problem.fix()).startsWith("they have expired: renew them");
        });
    }

    @Test
    void shouldNameTheActionsAnScpDeniesTheMemberRole() {
        // given an SCP that lets generations start but not be read: each would be spent, its result waiting
        Simulator aws = simulator.get();
        aws.setup().denyAction(account(4), "access-analyzer:GetGeneratedPolicy", true);
        aws.setup().denyAction(account(4), "iam:GenerateCredentialReport", true);

        // when
        PreflightReport report = new PreflightRunner(aws).check(PreflightOptions.everyAccount());

        // then
        assertThat(report.exitCode()).isEqualTo(5);
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(CheckKind.ACTIONS);
            assertThat(problem.accountId()).isEqualTo(account(4));
            assertThat(problem.what()).isEqualTo("may not call iam:GenerateCredentialReport (explicitDeny),"
                    + " access-analyzer:GetGeneratedPolicy in us-east-1 (explicitDeny) (IAM SimulatePrincipalPolicy)");
            assertThat(problem.fix()).contains("service control policy", "config/iam/README.md#member-role");
        });
        assertThat(report.count(CheckKind.ACTIONS)).isEqualTo(new CheckCount(CheckKind.ACTIONS, 7, 1, 0));
        assertThat(aws.generations()).isEmpty();
    }

    @Test
    void shouldNameTheGenerationRegionAnScpDeniesItsActionsIn() {
        // given an SCP denying StartPolicyGeneration in one of the two generation Regions (a condition on
        // aws:RequestedRegion): simulated without the Region, the condition is not met and the check passed
        Simulator aws = simulator.get();
        aws.setup().denyAction(account(2), "access-analyzer:StartPolicyGeneration", "eu-west-1", true);
        PreflightRunner runner = new PreflightRunner(aws).with("policygen.generation.regions=us-east-1,eu-west-1");

        // when
        PreflightReport report = runner.check(PreflightOptions.everyAccount());

        // then
        assertThat(report.exitCode()).isEqualTo(5);
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(CheckKind.ACTIONS);
            assertThat(problem.accountId()).isEqualTo(account(2));
            assertThat(problem.what()).isEqualTo("may not call access-analyzer:StartPolicyGeneration in eu-west-1"
                    + " (explicitDeny) (IAM SimulatePrincipalPolicy)");
            assertThat(problem.fix()).contains("(denied in eu-west-1 only: an SCP on aws:RequestedRegion; or take the Region out"
                    + " of policygen.generation.regions)");
        });
        assertThat(aws.requestCounts().total("iam", "SimulatePrincipalPolicy")).as("PassRole, then the actions in each Region")
                .isEqualTo(3L * report.checkedAccounts().size());
    }

    @Test
    void shouldNameATrailThatDoesNotExist() {
        // given
        Simulator aws = simulator.get();
        String unknown = "arn:aws:cloudtrail:us-east-1:" + MANAGEMENT + ":trail/no-such-trail";

        // when
        PreflightReport report = new PreflightRunner(aws).with("policygen.generation.trails[0].arn=" + unknown)
                .check(PreflightOptions.everyAccount());

        // then
        assertThat(report.exitCode()).isEqualTo(5);
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(CheckKind.TRAIL);
            assertThat(problem.accountId()).isNull();
            assertThat(problem.resource()).isEqualTo(unknown);
            assertThat(problem.what()).isEqualTo("not found (CloudTrail GetTrail in us-east-1: TrailNotFoundException)");
            assertThat(problem.fix()).startsWith("set policygen.generation.trails[0].arn to the organization trail's ARN");
        });
        assertThat(report.trails()).singleElement().isEqualTo(TrailFacts.unread(unknown));
    }

    @Test
    void shouldNameTheLargestLookbackThatFitsWhenTheWindowIsOverTheLogFileLimit() {
        // given every account active in four Regions, each writing the base rate of files
        Simulator aws = simulator.start(o -> o.distribution(Distribution.UNIFORM).activeRegions(4));
        List<String> active = aws.activity().activeRegions(account(1));
        PreflightRunner runner = new PreflightRunner(aws).with("policygen.generation.lookback=P90D")
                .with("policygen.generation.trails[0].regions=" + String.join(",", active));

        // when
        PreflightReport report = runner.check(PreflightOptions.everyAccount());

        // then the estimate is what a generation of that account would read in the simulator
        Instant now = Instant.parse("2030-01-01T00:00:00Z");
        assertThat(report.estimate().files()).isEqualTo(103_680)
                .isEqualTo(aws.activity().logFilesRead(account(1), active, now.minus(Duration.ofDays(90)), now));
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(CheckKind.LOG_FILES);
            assertThat(problem.resource()).isEqualTo("policygen.generation.lookback");
            assertThat(problem.fix()).startsWith("set policygen.generation.lookback to P86D or less");
        });
        assertThat(aws.activity().logFilesRead(account(1), active, now.minus(Duration.ofDays(86)), now))
                .isLessThanOrEqualTo(100_000);
        assertThat(aws.activity().logFilesRead(account(1), active, now.minus(Duration.ofDays(87)), now))
                .isGreaterThan(100_000);
    }

    @Test
    void shouldCheckOnlyTheSampleAndTheAccountPolicygenRunsIn() {
        // given a broken account outside the sample
        Simulator aws = simulator.start(o -> o.brokenAccessRole(account(6), AccessRoleBreak.MISSING));

        // when
        PreflightReport report = new PreflightRunner(aws).check(PreflightOptions.sample(3));

        // then
        assertThat(report.checkedAccounts()).containsExactly(MANAGEMENT, account(1), account(2), account(3));
        assertThat(report.exitCode()).isEqualTo(0);
        assertThat(aws.requestCounts().total("sts", "AssumeRole")).isEqualTo(4);
        assertThat(aws.requestCounts().total("iam", "GetRole")).isEqualTo(4);
        assertThat(aws.requestCounts().total("iam", "SimulatePrincipalPolicy")).as("PassRole, then the actions").isEqualTo(8);
        assertThat(report.count(CheckKind.MEMBER_ROLE)).isEqualTo(new CheckCount(CheckKind.MEMBER_ROLE, 4, 0, 0));
    }
}
