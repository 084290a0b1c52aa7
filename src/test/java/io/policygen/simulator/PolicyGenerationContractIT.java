package io.policygen.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.accessanalyzer.AccessAnalyzerClient;
import software.amazon.awssdk.services.accessanalyzer.model.ConflictException;
import software.amazon.awssdk.services.accessanalyzer.model.GetGeneratedPolicyResponse;
import software.amazon.awssdk.services.accessanalyzer.model.JobErrorCode;
import software.amazon.awssdk.services.accessanalyzer.model.JobStatus;
import software.amazon.awssdk.services.accessanalyzer.model.PolicyGeneration;
import software.amazon.awssdk.services.accessanalyzer.model.ResourceNotFoundException;
import software.amazon.awssdk.services.accessanalyzer.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.accessanalyzer.model.StartPolicyGenerationRequest;

/** Access Analyzer policy generation through the real SDK client, on a manual clock. */
class PolicyGenerationContractIT extends GenerationContractBase {

    @Test
    void shouldGenerateAPolicyOnceTheGenerationTimeHasPassed() {
        // given
        String jobId = startFor(0);
        assertThat(analyzer.getGeneratedPolicy(r -> r.jobId(jobId)).jobDetails().status())
                .isEqualTo(JobStatus.IN_PROGRESS);

        // when
        simulator.clock().advance(Duration.ofMinutes(4));
        GetGeneratedPolicyResponse done = analyzer.getGeneratedPolicy(r -> r.jobId(jobId)
                .includeResourcePlaceholders(true).includeServiceLevelTemplate(true));

        // then
        assertThat(done.jobDetails().status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.jobDetails().completedOn()).isAfter(done.jobDetails().startedOn());
        assertThat(done.generatedPolicyResult().generatedPolicies()).singleElement()
                .satisfies(p -> assertThat(p.policy()).startsWith("{\"Version\":\"2012-10-17\",\"Statement\":["));
        assertThat(done.generatedPolicyResult().properties().principalArn()).isEqualTo(principals.getFirst().arn());
    }

    @Test
    void shouldRefuseSecondGenerationWhileOneIsInProgress() {
        // given
        startFor(0);

        // then
        assertThatThrownBy(() -> startFor(1))
                .isInstanceOfSatisfying(ServiceQuotaExceededException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(402);
                    assertThat(e.getMessage()).contains("Concurrent");
                });
    }

    @Test
    void shouldRefuseGenerationsBeyondTheDailyQuotaUntilTheNextDay() {
        // given
        for (int i = 0; i < 3; i++) {
            startFor(i);
            simulator.clock().advance(Duration.ofMinutes(5));
        }

        // then
        assertThatThrownBy(() -> startFor(3))
                .isInstanceOfSatisfying(ServiceQuotaExceededException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(402);
                    assertThat(e.getMessage()).contains("Daily");
                });
        simulator.clock().advance(Duration.ofHours(24));
        assertThat(startFor(3)).isNotBlank();
    }

    @Test
    void shouldReturnTheSameJobForTheSameClientTokenAndStartNothing() {
        // given
        StartPolicyGenerationRequest request = request(principals.get(0).arn(), "token-1");
        String first = analyzer.startPolicyGeneration(request).jobId();

        // when
        String second = analyzer.startPolicyGeneration(request).jobId();

        // then
        assertThat(second).isEqualTo(first);
        assertThat(simulator.generations()).hasSize(1);
        assertThatThrownBy(() -> analyzer.startPolicyGeneration(request(principals.get(1).arn(), "token-1")))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.statusCode()).isEqualTo(409));
    }

    @Test
    void shouldListOnlyGenerationsOfTheLastSevenDays() {
        // given
        String old = startFor(0);
        simulator.clock().advance(Duration.ofDays(6));
        String recent = startFor(1);

        // when
        simulator.clock().advance(Duration.ofDays(2));
        List<String> listed = analyzer.listPolicyGenerationsPaginator(r -> r.maxResults(1)).policyGenerations()
                .stream().map(PolicyGeneration::jobId).toList();

        // then
        assertThat(listed).containsExactly(recent).doesNotContain(old);
        assertThatThrownBy(() -> analyzer.getGeneratedPolicy(r -> r.jobId(old)))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void shouldCancelAGenerationInProgress() {
        // given
        String jobId = startFor(0);

        // when
        analyzer.cancelPolicyGeneration(r -> r.jobId(jobId));

        // then
        assertThat(analyzer.getGeneratedPolicy(r -> r.jobId(jobId)).jobDetails().status())
                .isEqualTo(JobStatus.CANCELED);
        assertThat(startFor(1)).isNotBlank();
    }

    @Test
    void shouldFailTheConfiguredShareOfGenerationsWithAJobError() {
        // given
        start(options().failureRate(1));
        String jobId = startFor(0);

        // when
        simulator.clock().advance(Duration.ofMinutes(4));
        GetGeneratedPolicyResponse failed = analyzer.getGeneratedPolicy(r -> r.jobId(jobId));

        // then
        assertThat(failed.jobDetails().status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.jobDetails().jobError().code()).isEqualTo(JobErrorCode.SERVICE_ERROR);
        assertThat(failed.generatedPolicyResult().generatedPolicies()).isEmpty();
    }

    @Test
    void shouldFailAboutTheConfiguredShare() {
        // given
        start(options().failureRate(0.3).concurrentQuota(1000).dailyQuota(1000));

        // when
        for (int i = 0; i < 100; i++) {
            startFor(i % principals.size());
        }
        simulator.clock().advance(Duration.ofHours(1));

        // then
        long failed = simulator.generations().stream().filter(g -> g.status().equals("FAILED")).count();
        assertThat(failed).isBetween(15L, 45L);
    }

    @Test
    void shouldAllowAsManyGenerationsInProgressAsTheConcurrentQuota() {
        // given
        simulator.setConcurrentQuota(2);

        // when
        startFor(0);
        startFor(1);

        // then
        assertThatThrownBy(() -> startFor(2)).isInstanceOf(ServiceQuotaExceededException.class);
    }

    @Test
    void shouldCountQuotasPerRegion() {
        // given
        startFor(0);

        // when
        AccessAnalyzerClient otherRegion = clients.accessAnalyzer(clients.member(account),
                software.amazon.awssdk.regions.Region.EU_WEST_1);

        // then
        assertThat(otherRegion.startPolicyGeneration(request(principals.get(1).arn(), "other-region")).jobId())
                .isNotBlank();
        assertThat(otherRegion.listPolicyGenerations(r -> { }).policyGenerations()).hasSize(1);
    }

    @Test
    void shouldListTheGenerationsOfOnePrincipalPageByPage() {
        // given
        simulator.setConcurrentQuota(10);
        simulator.setDailyQuota(10);
        String principal = principals.get(2).arn();
        for (int i = 0; i < 4; i++) {
            analyzer.startPolicyGeneration(request(principal, "p-" + i));
            simulator.clock().advance(Duration.ofMinutes(1));
        }
        startFor(3);

        // when
        List<PolicyGeneration> listed = analyzer.listPolicyGenerationsPaginator(r -> r.principalArn(principal)
                .maxResults(3)).policyGenerations().stream().toList();

        // then
        assertThat(listed).hasSize(4).allMatch(g -> g.principalArn().equals(principal));
        assertThat(listed).extracting(PolicyGeneration::startedOn).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void shouldRecordTheGenerationsInTheSimulatorState() {
        // given
        String jobId = analyzer.startPolicyGeneration(request(principals.getFirst().arn(), "recorded")).jobId();

        // when
        GenerationRecord record = simulator.generations().getFirst();

        // then
        assertThat(record.jobId()).isEqualTo(jobId);
        assertThat(record.accountId()).isEqualTo(account);
        assertThat(record.region()).isEqualTo("us-east-1");
        assertThat(record.clientToken()).isEqualTo("recorded");
        assertThat(record.status()).isEqualTo("IN_PROGRESS");
        assertThat(record.startedOn()).isEqualTo(T0);
        assertThat(record.completedOn()).isNull();
    }

    @Test
    void shouldRecordWhenALookFirstFoundTheGenerationEnded() {
        // given: a generation looked at while it runs, then ended unseen for a minute
        String jobId = startFor(0);
        analyzer.getGeneratedPolicy(r -> r.jobId(jobId));
        simulator.clock().advance(Duration.ofMinutes(4));
        Instant completed = simulator.generations().getFirst().completedOn();
        assertThat(simulator.generations().getFirst().endSeenOn()).isNull();

        // when: looked at twice, a minute apart
        simulator.clock().advance(Duration.ofMinutes(1));
        Instant firstLook = simulator.clock().instant();
        analyzer.getGeneratedPolicy(r -> r.jobId(jobId));
        simulator.clock().advance(Duration.ofMinutes(1));
        analyzer.getGeneratedPolicy(r -> r.jobId(jobId));

        // then: its end was seen at the first of them, a minute after it
        GenerationRecord record = simulator.generations().getFirst();
        assertThat(record.completedOn()).isEqualTo(completed).isBefore(firstLook);
        assertThat(record.endSeenOn()).isEqualTo(firstLook);
    }
}
