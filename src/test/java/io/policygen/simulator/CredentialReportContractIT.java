package io.policygen.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.policygen.simulator.Principal.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.CredentialReportExpiredException;
import software.amazon.awssdk.services.iam.model.CredentialReportNotPresentException;
import software.amazon.awssdk.services.iam.model.CredentialReportNotReadyException;
import software.amazon.awssdk.services.iam.model.ReportStateType;

/** IAM's credential report through the real SDK client: generation states, the CSV, expiry after four hours. */
class CredentialReportContractIT {

    private static final Instant START = Instant.parse("2026-06-01T00:00:00Z");

    private final AtomicLong nanos = new AtomicLong();
    private Simulator simulator;
    private SimulatorClients clients;

    private IamClient iam(Duration reportTime) {
        simulator = Simulator.start(SimulatorOptions.builder().accounts(3).principalsPerAccount(40).seed(7)
                .suspendedAccounts(0).unassumableAccounts(0).manualClock(START).nanoTicker(nanos::get)
                .credentialReportTime(reportTime).build());
        clients = new SimulatorClients(simulator);
        return clients.iam(clients.member(OrganizationContractIT.assumableMember(simulator, 0)));
    }

    @AfterEach
    void stop() throws Exception {
        clients.close();
        simulator.close();
    }

    @Test
    void shouldStartThenWorkOnThenCompleteTheReport() {
        IamClient iam = iam(Duration.ofSeconds(5));

        assertThatThrownBy(iam::getCredentialReport).isInstanceOfSatisfying(CredentialReportNotPresentException.class,
                e -> assertThat(e.statusCode()).isEqualTo(410));
        assertThat(iam.generateCredentialReport().state()).isEqualTo(ReportStateType.STARTED);
        assertThat(iam.generateCredentialReport().state()).isEqualTo(ReportStateType.INPROGRESS);
        assertThatThrownBy(iam::getCredentialReport).isInstanceOfSatisfying(CredentialReportNotReadyException.class,
                e -> assertThat(e.statusCode()).isEqualTo(404));

        nanos.addAndGet(Duration.ofSeconds(5).toNanos());

        assertThat(iam.generateCredentialReport().state()).isEqualTo(ReportStateType.COMPLETE);
        assertThat(iam.getCredentialReport().generatedTime()).isEqualTo(START);
    }

    @Test
    void shouldListEveryUserWithItsPasswordAndAccessKeysLastUse() {
        IamClient iam = iam(Duration.ZERO);
        String account = OrganizationContractIT.assumableMember(simulator, 0);
        iam.generateCredentialReport();

        List<String> lines = iam.getCredentialReport().content().asUtf8String().lines().toList();

        assertThat(lines.getFirst()).startsWith("user,arn,user_creation_time,password_enabled,password_last_used,")
                .contains("access_key_1_last_used_date").contains("access_key_2_last_used_date");
        assertThat(lines.get(1)).startsWith("<root_account>,arn:aws:iam::" + account + ":root,");
        List<Principal> users = simulator.organization().principals(account).stream().filter(p -> p.kind() == Kind.USER).toList();
        assertThat(lines).hasSize(2 + users.size());
        for (Principal user : users) {
            String[] row = lines.stream().filter(l -> l.startsWith(user.name() + ",")).findFirst().orElseThrow().split(",", -1);
            assertThat(row).hasSize(22);
            Instant lastUsed = simulator.details(user.arn()).lastUsed();
            String latest = java.util.stream.Stream.of(row[4], row[10], row[15])
                    .filter(v -> !v.equals("N/A") && !v.equals("no_information")).max(String::compareTo).orElse(null);
            assertThat(latest == null ? null : java.time.OffsetDateTime.parse(latest).toInstant()).as(user.name()).isEqualTo(lastUsed);
            if (user.path().equals("/service-users/")) {
                assertThat(row[3]).isEqualTo("false");
                assertThat(row[4]).isEqualTo("N/A");
            } else if (lastUsed == null) {
                assertThat(row[4]).isEqualTo("no_information");
            }
        }
    }

    @Test
    void shouldExpireAReportAfterFourHoursAndGenerateAgain() {
        IamClient iam = iam(Duration.ZERO);
        iam.generateCredentialReport();
        assertThat(iam.generateCredentialReport().state()).isEqualTo(ReportStateType.COMPLETE);

        simulator.clock().advance(Duration.ofHours(5));

        assertThatThrownBy(iam::getCredentialReport).isInstanceOfSatisfying(CredentialReportExpiredException.class,
                e -> assertThat(e.statusCode()).isEqualTo(410));
        assertThat(iam.generateCredentialReport().state()).isEqualTo(ReportStateType.STARTED);
        assertThat(iam.getCredentialReport().generatedTime()).isEqualTo(START.plus(Duration.ofHours(5)));
    }
}
