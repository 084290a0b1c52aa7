package io.policygen.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.policygen.simulator.Faults.Decision;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultsTest {

    private static final String ACCOUNT = "111122223333";

    @Test
    void shouldFailExactlyTheNextNCallsOfAnOperation() {
        // given
        Faults faults = new Faults(7, FaultSettings.NONE);

        // when
        faults.failNext("ListRoles", 2);
        faults.throttleNext("ListRoles", 1);

        // then
        assertThat(List.of(faults.decide("ListUsers", ACCOUNT), faults.decide("ListRoles", ACCOUNT), faults.decide("ListRoles", ACCOUNT),
                faults.decide("ListRoles", ACCOUNT), faults.decide("ListRoles", ACCOUNT)))
                .containsExactly(Decision.NONE, Decision.ERROR, Decision.ERROR, Decision.THROTTLE, Decision.NONE);
    }

    @Test
    void shouldDecideTheSameWayForTheSameSeed() {
        assertThat(decisions(new Faults(7, FaultSettings.NONE.withErrorRate(0.3).withThrottleRate(0.3))))
                .isEqualTo(decisions(new Faults(7, FaultSettings.NONE.withErrorRate(0.3).withThrottleRate(0.3))));
    }

    @Test
    void shouldAnswerAboutTheAskedShareWithFaults() {
        List<Decision> decisions = decisions(new Faults(7, FaultSettings.NONE.withErrorRate(0.2).withThrottleRate(0.1)));
        assertThat(decisions.stream().filter(d -> d == Decision.ERROR).count()).isBetween(150L, 250L);
        assertThat(decisions.stream().filter(d -> d == Decision.THROTTLE).count()).isBetween(60L, 140L);
    }

    @Test
    void shouldPreferAnOperationsOwnSettingsOverTheDefault() {
        // given
        Faults faults = new Faults(7, FaultSettings.NONE.withLatency(Duration.ofMillis(5)));

        // when
        faults.set("StartPolicyGeneration", FaultSettings.NONE.withErrorRate(1));

        // then
        assertThat(faults.decide("StartPolicyGeneration", ACCOUNT)).isEqualTo(Decision.ERROR);
        assertThat(faults.decide("GetGeneratedPolicy", ACCOUNT)).isEqualTo(Decision.NONE);
        assertThat(faults.settings("ListRoles").latency()).isEqualTo(Duration.ofMillis(5));
        faults.clear();
        assertThat(faults.decide("StartPolicyGeneration", ACCOUNT)).isEqualTo(Decision.NONE);
    }

    @Test
    void shouldFailOneAccountsCallsOnlyWhereItHasItsOwnFaults() {
        // given
        Faults faults = new Faults(7, FaultSettings.NONE);

        // when
        faults.set("ListRoles", ACCOUNT, FaultSettings.NONE.withErrorRate(1));
        faults.failNext("ListUsers", ACCOUNT, 1);

        // then
        assertThat(faults.decide("ListRoles", ACCOUNT)).isEqualTo(Decision.ERROR);
        assertThat(faults.decide("ListRoles", "444455556666")).isEqualTo(Decision.NONE);
        assertThat(faults.decide("ListUsers", "444455556666")).isEqualTo(Decision.NONE);
        assertThat(faults.decide("ListUsers", ACCOUNT)).isEqualTo(Decision.ERROR);
        assertThat(faults.decide("ListUsers", ACCOUNT)).isEqualTo(Decision.NONE);
        assertThat(faults.all()).containsKey("ListRoles@" + ACCOUNT);
        faults.clear();
        assertThat(faults.decide("ListRoles", ACCOUNT)).isEqualTo(Decision.NONE);
    }

    private static List<Decision> decisions(Faults faults) {
        List<Decision> out = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            out.add(faults.decide("GetGeneratedPolicy", ACCOUNT));
        }
        return out;
    }
}
