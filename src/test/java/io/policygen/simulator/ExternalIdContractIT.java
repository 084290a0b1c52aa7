package io.policygen.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

/** A simulator configured with an ExternalId refuses AssumeRole without it. */
class ExternalIdContractIT {

    static Simulator simulator;
    static SimulatorClients clients;
    static String roleArn;

    @BeforeAll
    static void start() {
        simulator = Simulator.start(SimulatorOptions.builder().accounts(3).principalsPerAccount(2)
                .externalId("policygen-ext-42").manualClock(true).build());
        clients = SimulatorClients.withoutRetries(simulator);
        roleArn = simulator.organization().memberRoleArn(simulator.organization().accounts().get(1).id());
    }

    @AfterAll
    static void stop() throws Exception {
        clients.close();
        simulator.close();
    }

    @Test
    void shouldDenyAssumeRoleWithoutTheExternalId() {
        StsClient sts = clients.sts(clients.management());
        assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("session")))
                .isInstanceOfSatisfying(StsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
        assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("session").externalId("wrong")))
                .isInstanceOf(StsException.class);
    }

    @Test
    void shouldAssumeTheRoleWithTheRightExternalId() {
        StsClient sts = clients.sts(clients.member(simulator.organization().accounts().get(1).id(), "policygen-ext-42"));
        assertThat(sts.getCallerIdentity().account()).isEqualTo(simulator.organization().accounts().get(1).id());
    }
}
