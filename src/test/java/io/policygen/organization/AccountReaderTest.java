package io.policygen.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.policygen.aws.AskAgain;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

class AccountReaderTest {

    private final List<Duration> waits = new ArrayList<>();
    private final InMemoryOrganizationAccounts organization = new InMemoryOrganizationAccounts()
            .account("r-root", "111111111111", "ACTIVE")
            .ou("r-root", "ou-root-prod")
            .ou("ou-root-prod", "ou-prod-eu")
            .account("ou-root-prod", "222222222222", "ACTIVE")
            .account("ou-prod-eu", "333333333333", "SUSPENDED")
            .ou("r-root", "ou-root-sandbox")
            .account("ou-root-sandbox", "444444444444", "ACTIVE");

    @Test
    void shouldReadEveryAccountOfTheOrganizationWhenNoOuIsConfigured() {
        assertThat(readAll(List.of())).extracting(OrgAccount::accountId)
                .containsExactly("111111111111", "222222222222", "333333333333", "444444444444");
    }

    @Test
    void shouldReadTheAccountsOfAnOuAndOfTheOusBelowItWithTheParentTheyWereFoundUnder() {
        List<OrgAccount> accounts = readAll(List.of("ou-root-prod"));

        assertThat(accounts).extracting(OrgAccount::accountId).containsExactly("222222222222", "333333333333");
        assertThat(accounts).extracting(OrgAccount::parentId).containsExactly("ou-root-prod", "ou-prod-eu");
    }

    @Test
    void shouldListAgainWhenReopenedAsARestartedStepDoes() {
        readAll(List.of());
        readAll(List.of());

        assertThat(organization.listings).isEqualTo(2);
    }

    @Test
    void shouldLetAFailedListingFailTheStepSoThatNoAccountIsMarkedOutOfScope() {
        organization.failingAfterFirst(new IllegalStateException("TooManyRequestsException past the retries"));
        AccountReader reader = reader(List.of(), () -> false);
        reader.open(new ExecutionContext());

        assertThat(reader.read().accountId()).isEqualTo("111111111111");
        assertThatThrownBy(reader::read).hasMessageContaining("TooManyRequestsException");
        reader.close();
    }

    @Test
    void shouldListAgainFromTheStartWhereAwsDidNotAnswerAndReadEachAccountOnce() {
        // Organizations answering 500 past the SDK's retries failed discovery, and the whole run exited 1
        organization.failingAfterFirst(unanswered(), 2);

        assertThat(readAll(List.of())).extracting(OrgAccount::accountId)
                .containsExactly("111111111111", "222222222222", "333333333333", "444444444444");
        assertThat(organization.listings).isEqualTo(3);
        assertThat(waits).containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(60));
    }

    @Test
    void shouldFailTheListingWhereAwsStillDidNotAnswerAfterTwoAsks() {
        organization.failingAfterFirst(unanswered());
        AccountReader reader = reader(List.of(), () -> false);
        reader.open(new ExecutionContext());

        assertThat(reader.read().accountId()).isEqualTo("111111111111");
        assertThatThrownBy(reader::read).isInstanceOf(AwsServiceException.class);
        assertThat(organization.listings).isEqualTo(3);
        reader.close();
    }

    @Test
    void shouldEndTheListingWhenAStopCutsTheWaitShort() {
        organization.failingAfterFirst(unanswered());
        boolean[] stop = {false};
        AccountReader reader = new AccountReader(organization, List.of(), new AskAgain("asked-again", null,
                () -> stop[0], duration -> stop[0] = true, Duration.ofSeconds(30)));
        reader.open(new ExecutionContext());

        assertThat(reader.read()).isNotNull();
        assertThat(reader.read()).as("stopped, not failed").isNull();
        assertThat(organization.listings).isEqualTo(1);
        reader.close();
    }

    @Test
    void shouldReadNoMoreOnceTheRunIsAskedToStop() {
        boolean[] stop = {false};
        AccountReader reader = reader(List.of(), () -> stop[0]);
        reader.open(new ExecutionContext());

        assertThat(reader.read()).isNotNull();
        stop[0] = true;
        assertThat(reader.read()).isNull();
        reader.close();
    }

    private AccountReader reader(List<String> ouIds, BooleanSupplier stop) {
        return new AccountReader(organization, ouIds, new AskAgain("asked-again", null, stop, waits::add, Duration.ofSeconds(30)));
    }

    private static AwsServiceException unanswered() {
        return AwsServiceException.builder().statusCode(500).message("AWS Organizations can't complete your request").build();
    }

    private List<OrgAccount> readAll(List<String> ouIds) {
        AccountReader reader = reader(ouIds, () -> false);
        reader.open(new ExecutionContext());
        List<OrgAccount> accounts = new ArrayList<>();
        for (OrgAccount account = reader.read(); account != null; account = reader.read()) {
            accounts.add(account);
        }
        reader.close();
        return accounts;
    }
}
