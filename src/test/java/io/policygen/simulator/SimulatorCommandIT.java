package io.policygen.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.organizations.OrganizationsClient;

/** The standalone command in its own JVM: prints where it listens, serves the SDK, stops on SIGTERM. */
class SimulatorCommandIT {

    static Process launch(String... options) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                SimulatorCommand.class.getName()));
        command.addAll(List.of(options));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    @Test
    void shouldServeTheSdkUntilTerminated() throws Exception {
        // given
        Process process = launch("--port", "0", "--accounts", "50", "--principals-per-account", "40", "--seed", "7",
                "--generation-time", "PT2S");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            String first = out.readLine();
            assertThat(first).startsWith("simulator listening on http://127.0.0.1:");
            URI endpoint = URI.create(first.substring("simulator listening on ".length()));

            // when
            try (OrganizationsClient organizations = OrganizationsClient.builder().region(Region.US_EAST_1)
                    .endpointOverride(endpoint).credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(SimulatorOptions.DEFAULT_ACCESS_KEY_ID,
                                    SimulatorOptions.DEFAULT_SECRET_ACCESS_KEY))).build()) {

                // then
                assertThat(organizations.listAccountsPaginator(r -> { }).stream()
                        .mapToInt(page -> page.accounts().size()).sum()).isEqualTo(50);
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
        assertThat(output).contains("--daily-quota");
    }
}
