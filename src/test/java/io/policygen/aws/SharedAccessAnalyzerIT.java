package io.policygen.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.policygen.generation.AccessAnalyzerPolicyGenerations;
import io.policygen.generation.GenerationProperties;
import io.policygen.generation.GenerationRequest;
import io.policygen.generation.PolicyGenerations;
import io.policygen.simulator.FaultSettings;
import io.policygen.simulator.Simulator;
import io.policygen.simulator.SimulatorOptions;
import io.policygen.throttle.CallRateLimits;
import io.policygen.throttle.ThrottleProperties;
import io.policygen.time.Sleeper;
import io.policygen.time.Ticker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

/** One Access Analyzer client per Region serves every member account: each request goes as its own account. */
class SharedAccessAnalyzerIT {

    private static final String REGION = "us-east-1";

    @Test
    void eachAccountsRequestsGoAsThatAccountThroughTheRegionsOneClient() {
        try (Simulator simulator = Simulator.start(SimulatorOptions.builder().accounts(3).principalsPerAccount(3)
                .distribution(SimulatorOptions.Distribution.UNIFORM).suspendedAccounts(0).unassumableAccounts(0).build());
             AwsClients clients = clients(simulator)) {
            List<String> members = simulator.organization().accounts().stream().filter(a -> !a.management()).map(a -> a.id()).toList();
            String a = members.get(0);
            String b = members.get(1);
            MemberAccessAnalyzer asA = clients.memberAccount(a).accessAnalyzer(REGION);
            MemberAccessAnalyzer asB = clients.memberAccount(b).accessAnalyzer(REGION);
            assertThat(asA.client()).isSameAs(asB.client());
            assertThat(clients.memberAccount(a).accessAnalyzer("us-west-2").client()).isNotSameAs(asA.client());

            String principal = simulator.organization().principals(a).stream().filter(p -> !p.serviceLinked()).findFirst()
                    .orElseThrow().arn();
            GenerationRequest request = request(simulator, principal);
            String jobId = generations(asA).start(request, UUID.randomUUID());

            assertThat(generations(asA).jobsInAccount()).extracting(PolicyGenerations.ListedJob::jobId).containsExactly(jobId);
            assertThat(generations(asB).jobsInAccount()).as("B's listing is B's account").isEmpty();
            assertThatThrownBy(() -> generations(asB).start(request, UUID.randomUUID()))
                    .as("A's principal, asked for as B").isInstanceOf(PolicyGenerations.GenerationRejectedException.class)
                    .hasMessageContaining("not in account " + b);
        }
    }

    @Test
    void aRequestOnTheSharedClientThatNamesNoAccountFails() {
        try (Simulator simulator = Simulator.start(SimulatorOptions.builder().accounts(2).principalsPerAccount(1).build());
             AwsClients clients = clients(simulator)) {
            String member = simulator.organization().accounts().stream().filter(a -> !a.management()).findFirst().orElseThrow().id();
            MemberAccessAnalyzer analyzer = clients.memberAccount(member).accessAnalyzer(REGION);

            assertThatThrownBy(() -> analyzer.client().listPolicyGenerations(r -> { }))
                    .isInstanceOf(SdkClientException.class)
                    .hasMessageContaining("must carry its account's credentials");
        }
    }

    @Test
    void aSessionStsCannotRenewIsSaidToBeStssAnswerNotAccessAnalyzers() {
        // "An internal error occurred. Try again." was all a look said while STS, not Access Analyzer, failed
        try (Simulator simulator = Simulator.start(SimulatorOptions.builder().accounts(2).principalsPerAccount(1)
                .suspendedAccounts(0).unassumableAccounts(0).build());
             AwsClients clients = clients(simulator)) {
            String member = simulator.organization().accounts().stream().filter(a -> !a.management()).findFirst().orElseThrow().id();
            PolicyGenerations generations = generations(clients.memberAccount(member).accessAnalyzer(REGION));
            assertThat(generations.jobsInAccount()).isEmpty();
            simulator.faults().set("AssumeRole", FaultSettings.NONE.withErrorRate(1));
            simulator.expireMemberSessions();

            assertThatThrownBy(generations::jobsInAccount).isInstanceOf(PolicyGenerations.GenerationUnavailableException.class)
                    .hasMessageStartingWith("Sts InternalFailure (the member role's session): ");
        }
    }

    private static GenerationRequest request(Simulator simulator, String principal) {
        Instant end = Instant.now();
        return new GenerationRequest(principal,
                List.of(new GenerationProperties.Trail(simulator.organization().trailArn(), List.of(REGION), false)),
                simulator.organization().accessRoleArn(principal.substring(13, 25)), end.minus(Duration.ofDays(30)), end);
    }

    private static PolicyGenerations generations(MemberAccessAnalyzer analyzer) {
        return new AccessAnalyzerPolicyGenerations(analyzer, false, false, reason -> { });
    }

    private static AwsClients clients(Simulator simulator) {
        AwsProperties properties = new AwsProperties(REGION, simulator.endpoint(), Duration.ofSeconds(30), Duration.ofSeconds(10), 1, 10,
                "system");
        var keys = simulator.credentials();
        return new AwsClients(properties, new MemberRole("OrganizationAccountAccessRole", null, "policygen"),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey())),
                new CallRateLimits(new ThrottleProperties(100, 1000), Ticker.SYSTEM, Sleeper.SYSTEM), new AwsCallMetrics());
    }
}
