package io.policygen.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutcomePolicyTest {

    private static final String ACCOUNT = "111122223333";

    private final GenerationProperties properties = new GenerationProperties(
            List.of(new GenerationProperties.Trail("arn:aws:cloudtrail:us-east-1:111122223333:trail/org", List.of(), true)),
            "arn:aws:iam::{accountId}:role/service-role/AccessAnalyzerMonitorServiceRole", Duration.ofDays(90),
            Duration.ofDays(30), 50, List.of(), 3, false, false, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofHours(6),
            Map.of(), 3, 3, Duration.ofDays(7), GenerationOrder.BREADTH_FIRST);
    private final OutcomePolicy policy = new OutcomePolicy(properties, new SetupGate(0, () -> true, Duration.ofSeconds(1)));
    private final AccountSlot slot = new AccountSlot(new SlotId(ACCOUNT, "af-south-1"), 1, Instant.EPOCH, 0);

    @Test
    void shouldStopTheSlotForItsSetupAtTheFirstStartRefusedForTheMemberRolesPermissions() {
        ChargedTo chargedTo = policy.refused(slot, "AccessDeniedException", "not authorized to perform: iam:PassRole");

        assertThat(chargedTo).isEqualTo(ChargedTo.ACCOUNT);
        assertThat(slot.outcome()).isEqualTo(SlotOutcome.SETUP_FAILED);
        assertThat(slot.setupProblem().fix()).contains("iam:PassRole").contains("arn:aws:iam::" + ACCOUNT + ":role/service-role/");
    }

    @Test
    void shouldStopTheSlotAtTheFirstStartWhoseCredentialsTheRegionDoesNotAccept() {
        ChargedTo chargedTo = policy.refused(slot, "UnrecognizedClientException", "The security token included in the request is invalid.");

        assertThat(chargedTo).isEqualTo(ChargedTo.ACCOUNT);
        assertThat(slot.outcome()).isEqualTo(SlotOutcome.SETUP_FAILED);
        assertThat(slot.setupProblem().fix()).contains("af-south-1").contains("policygen.generation.regions");
    }

    @Test
    void shouldChargeOtherRefusalsToThePrincipalUntilTheyComeThreeInARowCountingFailures() {
        assertThat(policy.refused(slot, "ValidationException", "no such trail")).isEqualTo(ChargedTo.PRINCIPAL);
        policy.judge(slot, result("FAILED", "SERVICE_ERROR"));
        assertThat(slot.stopped()).as("two in a row").isFalse();

        policy.refused(slot, "ValidationException", "no such trail");

        assertThat(slot.outcome()).isEqualTo(SlotOutcome.FAILING);
        assertThat(slot.stopReason()).contains("3 generations in a row were refused or failed here").contains("no such trail");
    }

    @Test
    void shouldStartCountingAgainAfterASuccess() {
        policy.refused(slot, "ValidationException", "x");
        policy.refused(slot, "ValidationException", "x");
        policy.judge(slot, result(GenerationResult.SUCCEEDED, null));

        policy.refused(slot, "ValidationException", "x");
        policy.refused(slot, "ValidationException", "x");

        assertThat(slot.stopped()).isFalse();
    }

    private static GenerationResult result(String status, String errorCode) {
        return new GenerationResult(status, Instant.EPOCH, Instant.EPOCH, errorCode, errorCode == null ? null : "failed", List.of(), true);
    }
}
