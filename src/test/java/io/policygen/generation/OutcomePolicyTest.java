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
        ChargedTo chargedTo = policy.refused(slot, "AccessDeniedException", "not authorized to perform: iam:PassRole", List.of());

        assertThat(chargedTo).isEqualTo(ChargedTo.ACCOUNT);
        assertThat(slot.outcome()).isEqualTo(SlotOutcome.SETUP_FAILED);
        assertThat(slot.setupProblem().fix()).contains("iam:PassRole").contains("arn:aws:iam::" + ACCOUNT + ":role/service-role/");
    }

    @Test
    void shouldStopTheSlotAtTheFirstStartWhoseCredentialsTheRegionDoesNotAccept() {
        ChargedTo chargedTo = policy.refused(slot, "UnrecognizedClientException",
                "The security token included in the request is invalid.", List.of());

        assertThat(chargedTo).isEqualTo(ChargedTo.ACCOUNT);
        assertThat(slot.outcome()).isEqualTo(SlotOutcome.SETUP_FAILED);
        assertThat(slot.setupProblem().fix()).contains("af-south-1").contains("policygen.generation.regions");
    }

    @Test
    void shouldStopTheSlotAtTheFirstReadRefusedSayingWhoseRefusalItWas() {
        policy.readRefused(slot, "AccessDeniedException", "not authorized to perform: access-analyzer:GetGeneratedPolicy");

        assertThat(slot.outcome()).isEqualTo(SlotOutcome.SETUP_FAILED);
        assertThat(slot.setupProblem().message()).startsWith("GetGeneratedPolicy was refused: ");
        assertThat(slot.setupProblem().fix()).contains("access-analyzer:GetGeneratedPolicy").contains("stay open");

        AccountSlot renewed = new AccountSlot(new SlotId(ACCOUNT, "us-east-1"), 1, Instant.EPOCH, 0);
        policy.readRefused(renewed, "AccessDenied", "not authorized to perform: sts:AssumeRole");

        assertThat(renewed.setupProblem().message()).startsWith("the member role's session could not be renewed");
        assertThat(renewed.setupProblem().fix()).contains("assume the member role again").contains("stay open");
    }

    @Test
    void shouldChargeOtherRefusalsToThePrincipalUntilTheyComeThreeInARowCountingFailures() {
        assertThat(policy.refused(slot, "ValidationException", "no such trail", List.of())).isEqualTo(ChargedTo.PRINCIPAL);
        policy.judge(slot, result("FAILED", "SERVICE_ERROR"));
        assertThat(slot.stopped()).as("two in a row").isFalse();

        policy.refused(slot, "ValidationException", "no such trail", List.of());

        assertThat(slot.outcome()).isEqualTo(SlotOutcome.FAILING);
        assertThat(slot.stopReason()).contains("3 generations in a row were refused or failed here").contains("no such trail");
    }

    @Test
    void shouldStartCountingAgainAfterASuccess() {
        policy.refused(slot, "ValidationException", "x", List.of());
        policy.refused(slot, "ValidationException", "x", List.of());
        policy.judge(slot, result(GenerationResult.SUCCEEDED, null));

        policy.refused(slot, "ValidationException", "x", List.of());
        policy.refused(slot, "ValidationException", "x", List.of());

        assertThat(slot.stopped()).isFalse();
    }

    @Test
    void shouldLeaveAPrincipalWhoseResultWasLostDueButCountTheLossInARow() {
        OutcomePolicy.Judgement lost = policy.judge(slot, result("FAILED", OutcomePolicy.RESULT_LOST));

        assertThat(lost.chargedTo()).as("not a try of the principal's").isEqualTo(ChargedTo.ACCOUNT);
        assertThat(lost.next()).isEqualTo(OutcomePolicy.Next.DONE);
        policy.judge(slot, result("FAILED", OutcomePolicy.RESULT_LOST));
        assertThat(slot.stopped()).isFalse();
        policy.judge(slot, result("FAILED", OutcomePolicy.RESULT_LOST));
        assertThat(slot.outcome()).as("every job lost: stop rather than spend the quota").isEqualTo(SlotOutcome.FAILING);
    }

    private static GenerationResult result(String status, String errorCode) {
        return new GenerationResult(status, Instant.EPOCH, Instant.EPOCH, errorCode, errorCode == null ? null : "failed", List.of(), true);
    }

    @Test
    void shouldStopTheSlotAtTheFirstStartRefusedForTheTrailOrTheAccessRoleItNames() {
        ChargedTo chargedTo = policy.refused(slot, "ValidationException", "Trail arn:aws:cloudtrail:us-east-1:1:trail/x does not exist",
                List.of("cloudTrailDetails.trails.cloudTrailArn"));

        assertThat(chargedTo).isEqualTo(ChargedTo.ACCOUNT);
        assertThat(slot.outcome()).isEqualTo(SlotOutcome.SETUP_FAILED);
        assertThat(slot.setupProblem().message()).contains("cloudTrailDetails.trails.cloudTrailArn").contains("trail/x");
        assertThat(slot.setupProblem().fix()).contains("policygen.generation.trails").contains("policygen check");
    }

    @Test
    void shouldNotCountARefusalOfThePrincipalsOwnArnAgainstTheAccount() {
        for (int i = 0; i < 5; i++) {
            assertThat(policy.refused(slot, "ValidationException", "Principal does not exist",
                    List.of("policyGenerationDetails.principalArn"))).isEqualTo(ChargedTo.PRINCIPAL);
        }
        assertThat(slot.stopped()).as("five principals deleted since the listing").isFalse();

        policy.refused(slot, "ValidationException", "x", List.of());
        policy.refused(slot, "ValidationException", "x", List.of("policyGenerationDetails.principalArn", "cloudTrailDetails"));
        policy.refused(slot, "ValidationException", "x", List.of("somethingElse"));

        assertThat(slot.outcome()).as("fields of both parts or of neither count as before").isEqualTo(SlotOutcome.FAILING);
    }
}
