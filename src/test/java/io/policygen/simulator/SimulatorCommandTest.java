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
                "--lost-start-responses", "0.01", "--distribution", "uniform", "--suspended-accounts", "0",
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
        assertThat(options.faults()).isEqualTo(new FaultSettings(0.05, 0.02, Duration.ofMillis(100), 0.01));
        assertThat(options.distribution()).isEqualTo(SimulatorOptions.Distribution.UNIFORM);
        assertThat(options.suspendedAccounts()).isZero();
        assertThat(options.unassumableAccounts()).isEqualTo(3);
        assertThat(options.externalId()).isEqualTo("ext-1");
        assertThat(options.manualClock()).isTrue();
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
        assertThatThrownBy(() -> SimulatorCommand.parse(new String[] {"--daily-quota"}))
                .hasMessageContaining("--daily-quota");
    }
}
