package io.policygen.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SimulatorCommandTest {

    @Test
    void shouldReadEveryOptionOfTheStandaloneCommand() {
        // when
        SimulatorOptions options = SimulatorCommand.parse(new String[] {"--port", "4566", "--accounts", "50",
                "--principals-per-account", "40", "--seed", "7", "--generation-time", "PT2S", "--daily-quota", "8",
                "--concurrent-quota", "2", "--failure-rate", "0.1", "--rate", "5", "--operation-rate",
                "StartPolicyGeneration=1", "--error-rate", "0.05", "--throttle-rate", "0.02", "--latency", "PT0.1S",
                "--lost-start-responses", "0.01", "--unreadable-for", "PT3S", "--distribution", "uniform", "--suspended-accounts", "0",
                "--unassumable-accounts", "3", "--external-id", "ext-1", "--generation-jitter=PT1S",
                "--manual-clock"});

        // then
        assertThat(options.port()).isEqualTo(4566);
        assertThat(options.accounts()).isEqualTo(50);
        assertThat(options.principalsPerAccount()).isEqualTo(40);
        assertThat(options.generationTime()).isEqualTo(Duration.ofSeconds(2));
        assertThat(options.generationJitter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(options.dailyQuota()).isEqualTo(8);
        assertThat(options.concurrentQuota()).isEqualTo(2);
        assertThat(options.rateFor("ListRoles")).isEqualTo(5);
        assertThat(options.rateFor("StartPolicyGeneration")).isEqualTo(1);
        assertThat(options.faults()).isEqualTo(new FaultSettings(0.05, 0.02, Duration.ofMillis(100), 0.01, Duration.ofSeconds(3)));
        assertThat(options.distribution()).isEqualTo(SimulatorOptions.Distribution.UNIFORM);
        assertThat(options.suspendedAccounts()).isZero();
        assertThat(options.unassumableAccounts()).isEqualTo(3);
        assertThat(options.externalId()).isEqualTo("ext-1");
        assertThat(options.manualClock()).isTrue();
    }

    @Test
    void shouldReadTheDurationDistribution() {
        assertThat(SimulatorCommand.parse(new String[] {"--duration-distribution", "lognormal", "--duration-spread", "0.7",
                "--duration-spread-by", "account"}).durations()).isEqualTo(DurationDistribution.lognormal(0.7, true));
        assertThat(SimulatorCommand.parse(new String[] {"--duration-distribution", "lognormal"}).durations())
                .as("a spread of 0.5 per job by default").isEqualTo(DurationDistribution.lognormal(0.5, false));
        assertThat(SimulatorCommand.parse(new String[] {}).durations()).isEqualTo(DurationDistribution.UNIFORM);
    }

    @Test
    void shouldReadTheOptionsOfTheBrokenSetupCloudTrailAndAccountStates() {
        // when
        SimulatorOptions options = SimulatorCommand.parse(new String[] {"--accounts", "20", "--active-regions", "3",
                "--log-files-per-region-day", "100", "--failing-account", "107000000002=authorization_error",
                "--failing-principal", "arn:aws:iam::107000000003:role/app=x=SERVICE_ERROR",
                "--broken-access-role", "107000000004=MISSING", "--broken-access-role=107000000005=untrusted",
                "--broken-trail-bucket", "--no-pass-role", "107000000006", "--concurrency-error", "conflict",
                "--quota-scope", "Account", "--pending-activation-accounts", "1", "--pending-closure-accounts", "2", "--closed-accounts", "3",
                "--delegated-admin", "107000000007", "--max-session-duration", "PT2H", "--trail-kms-key"});

        // then
        assertThat(options.activeRegions()).isEqualTo(3);
        assertThat(options.logFilesPerRegionDay()).isEqualTo(100);
        assertThat(options.setup().failingAccounts()).containsExactly(
                java.util.Map.entry("107000000002", JobErrorCode.AUTHORIZATION_ERROR));
        assertThat(options.setup().failingPrincipals()).containsExactly(
                java.util.Map.entry("arn:aws:iam::107000000003:role/app=x", JobErrorCode.SERVICE_ERROR));
        assertThat(options.setup().brokenAccessRoles()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                "107000000004", AccessRoleBreak.MISSING, "107000000005", AccessRoleBreak.UNTRUSTED));
        assertThat(options.setup().brokenTrailBucket()).isTrue();
        assertThat(options.setup().noPassRole()).containsExactly("107000000006");
        assertThat(options.concurrencyError()).isEqualTo(ConcurrencyError.CONFLICT);
        assertThat(options.quotaScope()).isEqualTo(QuotaScope.ACCOUNT);
        assertThat(SimulatorCommand.parse(new String[] {}).quotaScope()).isEqualTo(QuotaScope.REGION);
        assertThat(SimulatorCommand.quotas(options)).isEqualTo("1 in progress and 50 a day (5 in af-south-1, ap-east-1,"
                + " ap-southeast-3, eu-south-1, me-south-1) per account, across its Regions");
        assertThat(SimulatorCommand.quotas(SimulatorCommand.parse(new String[] {"--daily-quota", "4"})))
                .isEqualTo("1 in progress and 4 a day per account and Region");
        assertThat(options.accountStates()).isEqualTo(new AccountStates(1, 2, 3));
        assertThat(options.delegatedAdministrator()).isEqualTo("107000000007");
        assertThat(options.memberRoleMaxSession()).isEqualTo(Duration.ofHours(2));
        assertThat(options.trailKmsKey()).isTrue();
        assertThat(options.dailyQuota()).as("AWS's quota per Region").isZero();
    }

    @Test
    void shouldNameTheWrongOptionOfTheNewOnes() {
        assertThatThrownBy(() -> SimulatorCommand.parse(new String[] {"--failing-account", "107000000002=OOPS"}))
                .hasMessageContaining("--failing-account").hasMessageContaining("AUTHORIZATION_ERROR");
        assertThatThrownBy(() -> SimulatorCommand.parse(new String[] {"--failing-account", "12=SERVICE_ERROR"}))
                .hasMessageContaining("--failing-account");
        assertThatThrownBy(() -> SimulatorCommand.parse(new String[] {"--broken-access-role", "107000000002"}))
                .hasMessageContaining("--broken-access-role");
        assertThatThrownBy(() -> SimulatorCommand.parse(new String[] {"--concurrency-error", "sometimes"}))
                .hasMessageContaining("--concurrency-error");
        assertThatThrownBy(() -> SimulatorCommand.parse(new String[] {"--quota-scope", "organization"}))
                .hasMessageContaining("--quota-scope").hasMessageContaining("region or account");
        assertThatThrownBy(() -> SimulatorCommand.parse(new String[] {"--active-regions", "0"}))
                .hasMessageContaining("--active-regions");
        assertThatThrownBy(() -> SimulatorCommand.parse(new String[] {"--daily-quota", "0"}))
                .hasMessageContaining("--daily-quota");
        assertThatThrownBy(() -> SimulatorCommand.parse(new String[] {"--max-session-duration", "PT13H"}))
                .hasMessageContaining("--max-session-duration");
        assertThatThrownBy(() -> Simulator.start(SimulatorCommand.parse(new String[] {"--port", "0",
                "--delegated-admin", "107000000001"}))).hasMessageContaining("--delegated-admin");
        assertThatThrownBy(() -> Simulator.start(SimulatorCommand.parse(new String[] {"--port", "0",
                "--failing-account", "107000000099=SERVICE_ERROR"}))).hasMessageContaining("--failing-account")
                .hasMessageContaining("107000000099");
    }

    @Test
    void shouldNameTheOptionThatIsWrong() {
        assertThatThrownBy(() -> SimulatorCommand.parse(new String[] {"--accounts", "many"}))
                .hasMessageContaining("--accounts");
        assertThatThrownBy(() -> SimulatorCommand.parse(new String[] {"--no-such-thing", "1"}))
                .hasMessageContaining("--no-such-thing");
        assertThatThrownBy(() -> SimulatorCommand.parse(new String[] {"--failure-rate", "2"}))
                .hasMessageContaining("--failure-rate");
        assertThatThrownBy(() -> SimulatorCommand.parse(new String[] {"--latency", "soon"}))
                .hasMessageContaining("--latency");
        assertThatThrownBy(() -> SimulatorCommand.parse(new String[] {"--generation-time", "5"}))
                .hasMessage("--generation-time: must be an ISO-8601 duration such as PT1S or PT0.5S (was '5')");
        assertThatThrownBy(() -> SimulatorCommand.parse(new String[] {"--clock-start", "yesterday"}))
                .hasMessage("--clock-start: must be an ISO-8601 instant such as 2026-01-01T00:00:00Z (was 'yesterday')");
        assertThatThrownBy(() -> SimulatorCommand.parse(new String[] {"--daily-quota"}))
                .hasMessageContaining("--daily-quota");
    }
}
