package io.policygen.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.services.accessanalyzer.AccessAnalyzerClient;
import software.amazon.awssdk.services.accessanalyzer.model.JobStatus;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.organizations.model.Account;

/**
 * The standalone command in its own JVM: prints where it listens; an unmodified SDK client pages the
 * accounts, assumes the member role, lists roles and users, follows a generation to SUCCEEDED; SIGTERM stops it.
 */
class SimulatorCommandIT {

    static Process launch(String... options) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                SimulatorCommand.class.getName()));
        command.addAll(List.of(options));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    @Test
    void shouldServeTheSdkFromAccountsToAGeneratedPolicyUntilTerminated() throws Exception {
        // given
        Process process = launch("--port", "0", "--accounts", "50", "--principals-per-account", "40", "--seed", "7",
                "--generation-time", "PT0.3S", "--generation-jitter", "PT0S", "--suspended-accounts", "0",
                "--unassumable-accounts", "0");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            String first = out.readLine();
            assertThat(first).startsWith("simulator listening on http://127.0.0.1:");
            URI endpoint = URI.create(first.substring("simulator listening on ".length()));

            String trailArn = null;
            for (String line = out.readLine(); line != null && !line.contains("state"); line = out.readLine()) {
                if (line.contains("trail ARN")) {
                    trailArn = line.substring(line.indexOf("arn:"));
                }
            }
            String trail = trailArn;

            try (SimulatorClients clients = new SimulatorClients(endpoint, new ManagementCredentials(
                    SimulatorOptions.DEFAULT_ACCESS_KEY_ID, SimulatorOptions.DEFAULT_SECRET_ACCESS_KEY), "us-east-1",
                    "OrganizationAccountAccessRole", true)) {
                // when
                List<Account> accounts = clients.organizations().listAccountsPaginator(r -> { }).stream()
                        .flatMap(page -> page.accounts().stream()).toList();
                String member = accounts.get(1).id();
                var credentials = clients.member(member);
                List<Role> roles = clients.iam(credentials).listRolesPaginator(r -> { }).roles().stream().toList();
                long users = clients.iam(credentials).listUsersPaginator(r -> { }).users().stream().count();
                Role role = roles.stream().filter(r -> !r.path().startsWith("/aws-service-role/")).findFirst()
                        .orElseThrow();
                AccessAnalyzerClient analyzer = clients.accessAnalyzer(credentials);
                Instant now = Instant.now();
                String jobId = analyzer.startPolicyGeneration(r -> r
                        .policyGenerationDetails(d -> d.principalArn(role.arn()))
                        .cloudTrailDetails(c -> c.trails(t -> t.cloudTrailArn(trail))
                                .accessRole("arn:aws:iam::" + member + ":role/service-role/AccessAnalyzerMonitorServiceRole")
                                .startTime(now.minus(Duration.ofDays(30))).endTime(now))).jobId();
                JobStatus status = JobStatus.IN_PROGRESS;
                Instant deadline = Instant.now().plusSeconds(10);
                while (status == JobStatus.IN_PROGRESS && Instant.now().isBefore(deadline)) {
                    status = analyzer.getGeneratedPolicy(r -> r.jobId(jobId)).jobDetails().status();
                }

                // then
                assertThat(accounts).hasSize(50);
                assertThat(roles.size() + users).isGreaterThan(3);
                assertThat(status).isEqualTo(JobStatus.SUCCEEDED);
            }
        } finally {
            process.destroy();
        }
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void shouldExitWithTwoNamingABadOption() throws Exception {
        Process process = launch("--daily-quota", "zero");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output).contains("policygen simulate: --daily-quota: not a number: 'zero'; see 'policygen simulate --help'");
    }

    @Test
    void shouldExitWithTwoNamingAPortInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Process process = launch("--port", String.valueOf(taken.getLocalPort()), "--accounts", "2");
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(2);
            assertThat(output.strip()).isEqualTo("policygen simulate: port " + taken.getLocalPort() + " is in use (another"
                    + " simulator?): stop it, or give another with --port");
        }
    }
}
