package io.policygen.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.accessanalyzer.model.StartPolicyGenerationRequest;
import software.amazon.awssdk.services.sts.model.StsException;
import tools.jackson.databind.JsonNode;

/** The simulator's own HTTP endpoints: state, clock, faults, quotas, rates. */
class ControlEndpointIT {

    static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

    static Simulator simulator;
    static SimulatorClients clients;
    static HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        simulator = Simulator.start(SimulatorOptions.builder().accounts(8).principalsPerAccount(5)
                .suspendedAccounts(1).unassumableAccounts(1).manualClock(T0).build());
        clients = SimulatorClients.withoutRetries(simulator);
    }

    @AfterAll
    static void stop() throws Exception {
        clients.close();
        simulator.close();
        http.close();
    }

    static HttpResponse<String> call(String method, String pathAndQuery) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(simulator.endpoint() + pathAndQuery))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Protocols.JSON.readTree(response.body());
    }

    @Test
    void shouldDescribeOrganizationAccountsGenerationsClockAndRequests() throws Exception {
        // given
        String member = simulator.organization().accounts().stream()
                .filter(a -> !a.management() && a.active() && a.assumable()).findFirst().orElseThrow().id();
        Principal principal = simulator.organization().principals(member).stream().filter(p -> !p.serviceLinked())
                .findFirst().orElseThrow();
        Instant now = simulator.clock().instant();
        String jobId = clients.accessAnalyzer(clients.member(member)).startPolicyGeneration(
                StartPolicyGenerationRequest.builder().clientToken("state-token")
                        .policyGenerationDetails(d -> d.principalArn(principal.arn()))
                        .cloudTrailDetails(c -> c.accessRole(simulator.organization().accessRoleArn(member))
                                .trails(t -> t.cloudTrailArn(simulator.organization().trailArn()))
                                .startTime(now.minus(Duration.ofDays(7)))).build()).jobId();

        // when
        JsonNode state = json(call("GET", "/_simulator/state"));

        // then
        JsonNode org = state.get("organization");
        assertThat(org.get("managementAccountId").asString()).isEqualTo(simulator.organization().managementAccountId());
        assertThat(org.get("memberRoleName").asString()).isEqualTo("OrganizationAccountAccessRole");
        assertThat(org.get("accessRoleName").asString()).isEqualTo("service-role/AccessAnalyzerMonitorServiceRole");
        assertThat(org.get("trailArn").asString()).isEqualTo(simulator.organization().trailArn());
        assertThat(org.get("credentials").get("accessKeyId").asString()).isEqualTo("AKIAPOLICYGENSIM0001");
        assertThat(org.get("credentials").get("secretAccessKey").asString()).isNotBlank();
        assertThat(state.get("accounts").size()).isEqualTo(8);
        JsonNode account = state.get("accounts").get(1);
        assertThat(account.has("id") && account.has("state") && account.has("ou") && account.has("principals")
                && account.has("assumable")).isTrue();
        JsonNode generation = state.get("generations").get(0);
        assertThat(generation.get("jobId").asString()).isEqualTo(jobId);
        assertThat(generation.get("accountId").asString()).isEqualTo(member);
        assertThat(generation.get("region").asString()).isEqualTo("us-east-1");
        assertThat(generation.get("principalArn").asString()).isEqualTo(principal.arn());
        assertThat(generation.get("clientToken").asString()).isEqualTo("state-token");
        assertThat(generation.get("status").asString()).isEqualTo("IN_PROGRESS");
        assertThat(Instant.parse(generation.get("startedOn").asString())).isEqualTo(now);
        assertThat(generation.get("completedOn").isNull()).isTrue();
        assertThat(Instant.parse(state.get("clock").asString())).isEqualTo(simulator.clock().instant());
        assertThat(state.get("requests").get("access-analyzer").get("StartPolicyGeneration").get("ok").asLong())
                .isEqualTo(1);
        assertThat(state.get("requests").get("sts").get("AssumeRole").get("ok").asLong()).isPositive();
    }

    @Test
    void shouldLeaveGenerationsOutWhenAsked() throws Exception {
        JsonNode state = json(call("GET", "/_simulator/state?generations=false"));
        assertThat(state.has("generations")).isFalse();
        assertThat(state.has("generationCount")).isTrue();
        assertThat(state.has("clock")).isTrue();
    }

    @Test
    void shouldMoveTheClock() throws Exception {
        // given
        Instant before = simulator.clock().instant();

        // when
        JsonNode answer = json(call("POST", "/_simulator/clock?advance=PT24H"));

        // then
        assertThat(Instant.parse(answer.get("clock").asString())).isEqualTo(before.plus(Duration.ofHours(24)));
        assertThat(simulator.clock().instant()).isEqualTo(before.plus(Duration.ofHours(24)));
        assertThat(call("POST", "/_simulator/clock?advance=tomorrow").statusCode()).isEqualTo(400);
    }

    @Test
    void shouldChangeFaultsAtRuntime() throws Exception {
        // when
        json(call("POST", "/_simulator/faults?operation=ListRoots&errorRate=1&latency=PT0.01S"));

        // then
        assertThat(simulator.faults().settings("ListRoots").errorRate()).isEqualTo(1);
        assertThat(SigningContractIT.code(() -> clients.organizations().listRoots()))
                .isEqualTo("500 ServiceException");

        // and when cleared
        json(call("DELETE", "/_simulator/faults"));
        assertThat(clients.organizations().listRoots().roots()).hasSize(1);

        // and the next call only
        json(call("POST", "/_simulator/faults?operation=ListRoots&failNext=1"));
        assertThat(SigningContractIT.code(() -> clients.organizations().listRoots()))
                .isEqualTo("500 ServiceException");
        assertThat(clients.organizations().listRoots().roots()).hasSize(1);
        assertThat(call("POST", "/_simulator/faults?operation=ListRoots&errorRate=7").statusCode()).isEqualTo(400);
    }

    @Test
    void shouldFailOneAccountsCallsOnly() throws Exception {
        var assumable = simulator.organization().accounts().stream().filter(a -> a.active() && a.assumable()).toList();
        String failing = assumable.get(0).id();
        String other = assumable.get(1).id();
        try {
            // when
            JsonNode answer = json(call("POST", "/_simulator/faults?operation=ListRoles&account=" + failing + "&errorRate=1"));

            // then
            assertThat(answer.get("account").asString()).isEqualTo(failing);
            assertThat(SigningContractIT.code(() -> clients.iam(clients.member(failing)).listRoles())).isEqualTo("500 ServiceFailure");
            assertThat(clients.iam(clients.member(other)).listRoles().roles()).isNotEmpty();
            assertThat(clients.iam(clients.member(failing)).listUsers().users()).as("its other operations").isNotNull();
            assertThat(call("POST", "/_simulator/faults?operation=ListRoles&account=999999999999&errorRate=1").statusCode())
                    .isEqualTo(400);
            assertThat(call("POST", "/_simulator/faults?account=" + failing + "&errorRate=1").statusCode()).isEqualTo(400);
            assertThat(call("POST", "/_simulator/faults?operation=ListRoles&account=" + failing + "&unreadableFor=PT1S")
                    .statusCode()).isEqualTo(400);

            // and when cleared
            json(call("DELETE", "/_simulator/faults"));
            assertThat(clients.iam(clients.member(failing)).listRoles().roles()).isNotEmpty();
        } finally {
            simulator.faults().clear();
        }
    }

    @Test
    void shouldChangeQuotasAndRatesAtRuntime() throws Exception {
        JsonNode quotas = json(call("POST", "/_simulator/quotas?daily=8&concurrent=2"));
        assertThat(quotas.get("daily").asInt()).isEqualTo(8);
        assertThat(simulator.concurrentQuota()).isEqualTo(2);
        json(call("POST", "/_simulator/rates?operation=ListUsers&rate=3"));
        assertThat(simulator.rates().rate("ListUsers")).isEqualTo(3);
        json(call("POST", "/_simulator/rates?operation=ListUsers&rate=0"));
        json(call("POST", "/_simulator/quotas?daily=50&concurrent=1"));
    }

    @Test
    void shouldAnswerNotFoundForAnUnknownSimulatorEndpoint() throws Exception {
        assertThat(call("GET", "/_simulator/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
    }

    @Test
    void shouldChangeAnAccountsStateAsAwsSuspendingOrClosingItWould() throws Exception {
        // given
        String account = simulator.organization().accounts().stream()
                .filter(a -> !a.management() && a.active() && a.assumable()).reduce((first, last) -> last).orElseThrow().id();
        try {
            // when
            JsonNode changed = json(call("POST", "/_simulator/accounts?account=" + account + "&state=CLOSED"));

            // then
            assertThat(changed.get("state").asString()).isEqualTo("CLOSED");
            assertThat(changed.get("status").asString()).as("the retired Status").isEqualTo("SUSPENDED");
            assertThat(clients.organizations().listAccountsPaginator().stream().flatMap(page -> page.accounts().stream())
                    .filter(a -> a.id().equals(account)).findFirst().orElseThrow().stateAsString()).isEqualTo("CLOSED");
            assertThatThrownBy(() -> clients.iam(clients.member(account)).listRoles())
                    .as("AssumeRole into it refused").isInstanceOf(StsException.class);
            assertThat(call("POST", "/_simulator/accounts?account=" + account + "&state=GONE").statusCode()).isEqualTo(400);
            assertThat(call("POST", "/_simulator/accounts?account=" + simulator.organization().managementAccountId()
                    + "&state=SUSPENDED").statusCode()).isEqualTo(400);
        } finally {
            json(call("POST", "/_simulator/accounts?account=" + account + "&state=ACTIVE"));
        }
        assertThat(clients.iam(clients.member(account)).listRoles().roles()).as("reinstated").isNotEmpty();
    }

    @Test
    void shouldAddAndDeletePrincipals() throws Exception {
        // given
        String account = simulator.organization().accounts().get(2).id();
        int before = simulator.organization().principalCount(account);

        // when
        JsonNode added = json(call("POST", "/_simulator/principals?account=" + account + "&type=user&path=/ops/&name=oncall"));

        // then
        assertThat(added.get("arn").asString()).isEqualTo("arn:aws:iam::" + account + ":user/ops/oncall");
        assertThat(simulator.organization().principalCount(account)).isEqualTo(before + 1);
        json(call("DELETE", "/_simulator/principals?arn=" + added.get("arn").asString()));
        assertThat(simulator.organization().principalCount(account)).isEqualTo(before);
        assertThat(call("DELETE", "/_simulator/principals?arn=" + added.get("arn").asString()).statusCode())
                .isEqualTo(404);
    }
}
