package io.policygen.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.accessanalyzer.model.AccessDeniedException;
import software.amazon.awssdk.services.accessanalyzer.model.ResourceNotFoundException;
import software.amazon.awssdk.services.accessanalyzer.model.ValidationException;

/** What StartPolicyGeneration refuses before anything starts, and GetGeneratedPolicy for a job it does not know. */
class StartValidationContractIT extends GenerationContractBase {

    @Test
    void shouldDenyGenerationForAPrincipalOfAnotherAccount() {
        String other = simulator.organization().principals(simulator.organization().managementAccountId()).stream()
                .filter(p -> !p.serviceLinked()).findFirst().orElseThrow().arn();
        assertThatThrownBy(() -> analyzer.startPolicyGeneration(request(other, "t")))
                .isInstanceOfSatisfying(AccessDeniedException.class, e -> assertThat(e.statusCode()).isEqualTo(403));
    }

    @Test
    void shouldRejectAnArnThatIsNotARoleOrUser() {
        assertThatThrownBy(() -> analyzer.startPolicyGeneration(
                request("arn:aws:iam::" + account + ":group/admins", "t")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
    }

    @Test
    void shouldRejectATrailThatIsNotTheOrganizationTrail() {
        String account = this.account;
        assertThat(validation(() -> analyzer.startPolicyGeneration(validRequest().cloudTrailDetails(c -> c
                .accessRole(simulator.organization().accessRoleArn(account)).startTime(T0.minus(Duration.ofDays(1)))
                .trails(t -> t.cloudTrailArn("not-a-trail"))).build()))).contains("trail");
        assertThat(validation(() -> analyzer.startPolicyGeneration(validRequest().cloudTrailDetails(c -> c
                .accessRole(simulator.organization().accessRoleArn(account)).startTime(T0.minus(Duration.ofDays(1)))
                .trails(t -> t.cloudTrailArn("arn:aws:cloudtrail:us-east-1:" + account + ":trail/other")))
                .build()))).contains("trail");
    }

    @Test
    void shouldRejectAnAccessRoleOutsideTheCallingAccount() {
        String other = simulator.organization().managementAccountId();
        assertThat(validation(() -> analyzer.startPolicyGeneration(validRequest().cloudTrailDetails(c -> c
                .accessRole(simulator.organization().accessRoleArn(other)).startTime(T0.minus(Duration.ofDays(1)))
                .trails(t -> t.cloudTrailArn(simulator.organization().trailArn()))).build()))).contains("role");
    }

    @Test
    void shouldRejectTimeRangesThatAreBackwardsInTheFutureOrLongerThanNinetyDays() {
        for (Instant[] range : new Instant[][] {
                {T0, T0.minus(Duration.ofDays(1))},
                {T0.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(1))},
                {T0.minus(Duration.ofDays(91)), T0}}) {
            assertThatThrownBy(() -> analyzer.startPolicyGeneration(validRequest().cloudTrailDetails(c -> c
                    .accessRole(simulator.organization().accessRoleArn(account)).startTime(range[0]).endTime(range[1])
                    .trails(t -> t.cloudTrailArn(simulator.organization().trailArn()))).build()))
                    .as(range[0] + " - " + range[1])
                    .isInstanceOf(ValidationException.class);
        }
        assertThat(analyzer.startPolicyGeneration(validRequest().cloudTrailDetails(c -> c
                .accessRole(simulator.organization().accessRoleArn(account)).startTime(T0.minus(Duration.ofDays(90)))
                .trails(t -> t.cloudTrailArn(simulator.organization().trailArn()))).build()).jobId()).isNotBlank();
    }

    @Test
    void shouldRejectAPrincipalThatDoesNotExistInTheCallingAccount() {
        assertThat(validation(() -> analyzer.startPolicyGeneration(
                request("arn:aws:iam::" + account + ":role/nobody-here", "t")))).contains("does not exist");
    }

    @Test
    void shouldAnswerNotFoundForAnUnknownJob() {
        assertThatThrownBy(() -> analyzer.getGeneratedPolicy(r -> r.jobId(UUID.randomUUID().toString())))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.resourceType()).isNotBlank();
                });
    }

}
