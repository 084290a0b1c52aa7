package io.policygen.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.accessanalyzer.model.AccessDeniedException;
import software.amazon.awssdk.services.accessanalyzer.model.ConflictException;
import software.amazon.awssdk.services.accessanalyzer.model.JobErrorCode;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import tools.jackson.databind.JsonNode;

/** The control calls that break the setup, start others' generations and change the refusal, over HTTP. */
class SetupControlIT {

    static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
    static final String A = SimulatedOrganization.accountId(7, 1);

    Simulator simulator;
    SimulatorClients clients;
    HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        simulator = Simulator.start(SimulatorOptions.builder().seed(7).accounts(3).principalsPerAccount(6)
                .distribution(SimulatorOptions.Distribution.UNIFORM)
                .generationTime(Duration.ofMinutes(3)).generationJitter(Duration.ZERO).activeRegions(1)
                .manualClock(T0).build());
        clients = SimulatorClients.withoutRetries(simulator);
    }

    @AfterEach
    void stop() throws Exception {
        clients.close();
        simulator.close();
        http.close();
    }

    HttpResponse<String> call(String method, String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(simulator.endpoint() + pathAndQuery))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode ok(String method, String pathAndQuery) throws Exception {
        HttpResponse<String> response = call(method, pathAndQuery);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Protocols.JSON.readTree(response.body());
    }

    String startFor(int principal) {
        return clients.accessAnalyzer(clients.member(A)).startPolicyGeneration(GenerationRequests.inRegions(
                simulator.organization(), GenerationRequests.principals(simulator, A).get(principal).arn(),
                simulator.clock().instant(), Duration.ofDays(30), List.of("us-east-1"))).jobId();
    }

    @Test
    void shouldRefuseExpiredCredentialsInEachProtocolsWordsUntilRenewed() throws Exception {
        // given a member session assumed while the management's credentials were good
        var member = clients.member(A);
        var accessAnalyzer = clients.accessAnalyzer(member);
        accessAnalyzer.listPolicyGenerations(r -> { });

        // when
        ok("POST", "/_simulator/expired-credentials?who=management");

        // then every call the management's credentials sign is refused, the member's session runs on
        assertThatThrownBy(() -> clients.organizations().listAccounts(r -> { }))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> assertExpired(e, 403, "ExpiredTokenException"));
        assertThatThrownBy(() -> clients.sts(clients.management()).assumeRole(r -> r
                        .roleArn(simulator.organization().memberRoleArn(A)).roleSessionName("policygen-test")))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> assertExpired(e, 403, "ExpiredToken"));
        assertThat(accessAnalyzer.listPolicyGenerations(r -> { }).policyGenerations()).isEmpty();
        assertThat(ok("GET", "/_simulator/state?generations=false").get("organization").get("credentials").get("expired")
                .asBoolean()).isTrue();

        // when the member sessions end too
        assertThat(ok("POST", "/_simulator/expired-credentials?who=sessions").get("message").asString())
                .isEqualTo("1 member session(s) expired");

        // then the SDK, which still reckons it valid, is refused; after the renewal a new session is had
        assertThatThrownBy(() -> accessAnalyzer.listPolicyGenerations(r -> { }))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> assertExpired(e, 403, "ExpiredTokenException"));
        assertThatThrownBy(() -> clients.iam(member).listRoles())
                .isInstanceOfSatisfying(AwsServiceException.class, e -> assertExpired(e, 403, "ExpiredToken"));
        ok("DELETE", "/_simulator/expired-credentials");
        assertThat(clients.organizations().listAccounts(r -> { }).accounts()).hasSize(3);
        assertThat(clients.accessAnalyzer(clients.member(A)).listPolicyGenerations(r -> { }).policyGenerations()).isEmpty();
        assertThat(call("POST", "/_simulator/expired-credentials?who=everyone").statusCode()).isEqualTo(400);
    }

    @Test
    void shouldDenyAnActionInOneAccountAsAServiceControlPolicyWould() throws Exception {
        // given
        String jobId = startFor(0);
        String other = SimulatedOrganization.accountId(7, 2);

        // when
        JsonNode setup = ok("POST", "/_simulator/denied-actions?account=" + A + "&action=access-analyzer:GetGeneratedPolicy");
        ok("POST", "/_simulator/denied-actions?account=" + A + "&action=iam:ListRoles");

        // then
        assertThat(setup.get("deniedActions").get(A).get(0).asString()).isEqualTo("access-analyzer:GetGeneratedPolicy");
        assertThatThrownBy(() -> clients.accessAnalyzer(clients.member(A)).getGeneratedPolicy(r -> r.jobId(jobId)))
                .isInstanceOfSatisfying(AccessDeniedException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .endsWith(":assumed-role/OrganizationAccountAccessRole/policygen-test is not authorized to perform:"
                                + " access-analyzer:GetGeneratedPolicy with an explicit deny in a service control policy"));
        assertThatThrownBy(() -> clients.iam(clients.member(A)).listRoles())
                .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
        assertThat(clients.accessAnalyzer(clients.member(A)).listPolicyGenerations(r -> { }).policyGenerations()).hasSize(1);
        assertThat(clients.iam(clients.member(other)).listRoles().roles()).isNotEmpty();
        assertThat(call("POST", "/_simulator/denied-actions?account=" + A + "&action=GetGeneratedPolicy").statusCode()).isEqualTo(400);
        // no SCP reaches the management account: there a denied action is one its role's policies do not allow
        ok("POST", "/_simulator/denied-actions?account=" + simulator.organization().managementAccountId()
                + "&action=organizations:ListAccounts");
        assertThatThrownBy(() -> clients.organizations().listAccounts(r -> { }))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .endsWith(" is not authorized to perform: organizations:ListAccounts because no identity-based policy"
                                + " allows the organizations:ListAccounts action"));

        // when
        ok("DELETE", "/_simulator/denied-actions?account=" + A + "&action=access-analyzer:GetGeneratedPolicy");

        // then
        assertThat(clients.accessAnalyzer(clients.member(A)).getGeneratedPolicy(r -> r.jobId(jobId)).jobDetails().jobId()).isEqualTo(jobId);
        assertThat(ok("GET", "/_simulator/state?generations=false").get("setup").get("deniedActions").get(A).size()).isOne();
    }

    @Test
    void shouldDenyAnActionInOneRegionAsAnScpOnTheRequestedRegionWould() throws Exception {
        // when
        JsonNode setup = ok("POST", "/_simulator/denied-actions?account=" + A
                + "&action=access-analyzer:ListPolicyGenerations&region=eu-west-1");

        // then
        assertThat(setup.get("deniedActions").get(A).get(0).asString())
                .isEqualTo("access-analyzer:ListPolicyGenerations in eu-west-1");
        assertThatThrownBy(() -> clients.accessAnalyzer(clients.member(A), Region.EU_WEST_1).listPolicyGenerations(r -> { }))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(clients.accessAnalyzer(clients.member(A), Region.US_EAST_1).listPolicyGenerations(r -> { })
                .policyGenerations()).isEmpty();
        String member = simulator.organization().memberRoleArn(A);
        var simulated = clients.iam(clients.member(A)).simulatePrincipalPolicy(r -> r.policySourceArn(member)
                .actionNames("access-analyzer:ListPolicyGenerations")).evaluationResults().getFirst();
        assertThat(simulated.evalDecisionAsString()).as("no Region given: the condition is not met").isEqualTo("allowed");
        assertThat(simulated.missingContextValues()).containsExactly("aws:RequestedRegion");
        assertThat(clients.iam(clients.member(A)).simulatePrincipalPolicy(r -> r.policySourceArn(member)
                        .actionNames("access-analyzer:ListPolicyGenerations").contextEntries(c -> c
                                .contextKeyName("aws:RequestedRegion").contextKeyType("string").contextKeyValues("eu-west-1")))
                .evaluationResults().getFirst().evalDecisionAsString()).isEqualTo("explicitDeny");
        assertThat(call("POST", "/_simulator/denied-actions?account=" + A
                + "&action=access-analyzer:ListPolicyGenerations&region=europe").statusCode()).isEqualTo(400);

        // when
        ok("DELETE", "/_simulator/denied-actions?account=" + A + "&action=access-analyzer:ListPolicyGenerations&region=eu-west-1");

        // then
        assertThat(clients.accessAnalyzer(clients.member(A), Region.EU_WEST_1).listPolicyGenerations(r -> { })
                .policyGenerations()).isEmpty();
    }

    private static void assertExpired(AwsServiceException e, int status, String code) {
        assertThat(e.statusCode()).isEqualTo(status);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The security token included in the request is expired");
    }

    @Test
    void shouldBreakAndRepairAnAccessRole() throws Exception {
        // when
        JsonNode setup = ok("POST", "/_simulator/broken-access-roles?account=" + A + "&how=missing");

        // then
        assertThat(setup.get("brokenAccessRoles").get(A).asString()).isEqualTo("MISSING");
        assertThatThrownBy(() -> clients.iam(clients.member(A)).getRole(r -> r.roleName("AccessAnalyzerMonitorServiceRole")))
                .isInstanceOf(NoSuchEntityException.class);
        assertThat(ok("DELETE", "/_simulator/broken-access-roles?account=" + A).get("brokenAccessRoles").isEmpty()).isTrue();
        assertThat(clients.iam(clients.member(A)).getRole(r -> r.roleName("AccessAnalyzerMonitorServiceRole")).role()
                .arn()).isEqualTo(simulator.organization().accessRoleArn(A));
        assertThat(call("POST", "/_simulator/broken-access-roles?account=" + A + "&how=sideways").statusCode())
                .isEqualTo(400);
        assertThat(call("POST", "/_simulator/broken-access-roles?account=999999999999&how=MISSING").statusCode())
                .isEqualTo(400);
    }

    @Test
    void shouldBreakTheTrailBucketForEveryGenerationStartedWhileItIsBroken() throws Exception {
        // given
        assertThat(ok("POST", "/_simulator/broken-trail-bucket").get("brokenTrailBucket").asBoolean()).isTrue();
        startFor(0);
        simulator.clock().advance(Duration.ofMinutes(3));

        // when
        ok("DELETE", "/_simulator/broken-trail-bucket");
        startFor(1);
        simulator.clock().advance(Duration.ofMinutes(3));

        // then
        assertThat(simulator.generations()).extracting(GenerationRecord::errorCode)
                .containsExactly(io.policygen.simulator.JobErrorCode.AUTHORIZATION_ERROR, null);
    }

    @Test
    void shouldFailAPrincipalsGenerationsSetThroughTheControlCall() throws Exception {
        // given
        String principal = GenerationRequests.principals(simulator, A).get(2).arn();
        ok("POST", "/_simulator/job-errors?principal=" + principal + "&code=service_error");
        String jobId = startFor(2);
        simulator.clock().advance(Duration.ofMinutes(3));

        // then
        assertThat(clients.accessAnalyzer(clients.member(A)).getGeneratedPolicy(r -> r.jobId(jobId)).jobDetails()
                .jobError().code()).isEqualTo(JobErrorCode.SERVICE_ERROR);
        assertThat(ok("DELETE", "/_simulator/job-errors").get("failingPrincipals").isEmpty()).isTrue();
        assertThat(call("POST", "/_simulator/job-errors?code=SERVICE_ERROR").statusCode()).isEqualTo(400);
    }

    @Test
    void shouldTakeAndGiveBackPassRole() throws Exception {
        ok("POST", "/_simulator/no-pass-role?account=" + A);
        assertThatThrownBy(() -> startFor(0)).isInstanceOf(AccessDeniedException.class);
        ok("DELETE", "/_simulator/no-pass-role?account=" + A);
        assertThat(startFor(0)).isNotBlank();
    }

    @Test
    void shouldStartAConsoleUsersGenerationAndAnswerAccessAnalyzersRefusalForASecond() throws Exception {
        // when
        JsonNode started = ok("POST", "/_simulator/generations?account=" + A + "&window=P7D");
        HttpResponse<String> refused = call("POST", "/_simulator/generations?account=" + A);

        // then
        assertThat(started.get("principalArn").asString())
                .isEqualTo(GenerationRequests.principals(simulator, A).getFirst().arn());
        assertThat(started.get("logFilesRead").asLong()).isEqualTo(288L * 7);
        assertThat(Instant.parse(started.get("completesAt").asString()))
                .isEqualTo(T0.plus(Duration.ofMinutes(3).multipliedBy(7).dividedBy(30)));
        assertThat(refused.statusCode()).isEqualTo(402);
        assertThat(refused.headers().firstValue("x-amzn-ErrorType")).contains("ServiceQuotaExceededException");
        JsonNode state = ok("GET", "/_simulator/state");
        assertThat(state.get("generations").get(0).get("console").asBoolean()).isTrue();
        assertThat(state.get("generations").get(0).get("clientToken").isNull()).isTrue();
        assertThat(call("POST", "/_simulator/generations?account=" + A + "&principal=arn:aws:iam::" + A
                + ":role/nobody").statusCode()).isEqualTo(400);
    }

    @Test
    void shouldSwitchTheConcurrencyRefusalToConflictAndShowItInTheState() throws Exception {
        // when
        JsonNode quotas = ok("POST", "/_simulator/quotas?concurrencyError=conflict");
        startFor(0);

        // then
        assertThat(quotas.get("concurrencyError").asString()).isEqualTo("conflict");
        assertThatThrownBy(() -> startFor(1)).isInstanceOf(ConflictException.class);
        JsonNode state = ok("GET", "/_simulator/state?generations=false").get("quotas");
        assertThat(state.get("concurrencyError").asString()).isEqualTo("conflict");
        assertThat(state.get("dailyOverride").isNull()).isTrue();
        assertThat(state.get("scope").asString()).as("AWS's quotas per account and Region by default").isEqualTo("region");
        assertThat(state.get("dailyByRegion").get("me-south-1").asInt()).isEqualTo(5);
        assertThat(state.get("dailyByRegion").get("default").asInt()).isEqualTo(50);
        assertThat(call("POST", "/_simulator/quotas?concurrencyError=maybe").statusCode()).isEqualTo(400);
    }
}
