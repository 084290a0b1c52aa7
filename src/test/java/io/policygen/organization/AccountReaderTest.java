package io.policygen.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

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
    private final InMemoryOrganizationPages organization = new InMemoryOrganizationPages()
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

        assertThat(organization.answered).containsExactly("ListAccounts 0", "ListAccounts 0");
    }

    @Test
    void shouldLetAFailedListingFailTheStepSoThatNoAccountIsMarkedOutOfScope() {
        organization.pageSize(1).failing(new IllegalStateException("not an AWS failure"), 1, Integer.MAX_VALUE);
        AccountReader reader = reader(List.of(), () -> false);
        reader.open(new ExecutionContext());

        assertThat(reader.read().accountId()).isEqualTo("111111111111");
        assertThatThrownBy(reader::read).hasMessageContaining("not an AWS failure");
        assertThat(waits).isEmpty();
        reader.close();
    }

    @Test
    void shouldAskAgainForThePageAwsDidNotAnswerAndGoOnFromIt() {
        // Organizations answering 500 past the SDK's retries failed discovery, and the whole run exited 1; then the
        // listing was listed again from its first page (250 pages at 5,000 accounts)
        organization.pageSize(1).failing(unanswered(), 1, 2);

        assertThat(readAll(List.of())).extracting(OrgAccount::accountId)
                .containsExactly("111111111111", "222222222222", "333333333333", "444444444444");
        assertThat(organization.answered).as("each page answered once")
                .containsExactly("ListAccounts 0", "ListAccounts 1", "ListAccounts 2", "ListAccounts 3");
        assertThat(organization.calls).isEqualTo(6);
        assertThat(waits).containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(60));
    }

    @Test
    void shouldAskAgainForTheOusOfAParentAndGoOnBelowIt() {
        organization.pageSize(1).failing(unanswered(), 1, 2);

        assertThat(readAll(List.of("ou-root-prod"))).extracting(OrgAccount::accountId, OrgAccount::parentId)
                .containsExactly(tuple("222222222222", "ou-root-prod"), tuple("333333333333", "ou-prod-eu"));
        assertThat(organization.answered).containsExactly("ListAccountsForParent ou-root-prod 0",
                "ListOrganizationalUnitsForParent ou-root-prod 0", "ListAccountsForParent ou-prod-eu 0",
                "ListOrganizationalUnitsForParent ou-prod-eu 0");
        assertThat(waits).hasSize(2);
    }

    @Test
    void shouldFailTheListingWhereAwsStillDidNotAnswerAfterTwoAsks() {
        organization.pageSize(1).failing(unanswered(), 1, Integer.MAX_VALUE);
        AccountReader reader = reader(List.of(), () -> false);
        reader.open(new ExecutionContext());

        assertThat(reader.read().accountId()).isEqualTo("111111111111");
        assertThatThrownBy(reader::read).isInstanceOf(AwsServiceException.class);
        assertThat(organization.calls).as("the first page, then the second asked three times").isEqualTo(4);
        reader.close();
    }

    @Test
    void shouldEndTheListingWhenAStopCutsTheWaitShort() {
        organization.pageSize(1).failing(unanswered(), 1, Integer.MAX_VALUE);
        boolean[] stop = {false};
        AccountReader reader = new AccountReader(organization, List.of(), new AskAgain("asked-again", null,
                () -> stop[0], duration -> stop[0] = true, Duration.ofSeconds(30)));
        reader.open(new ExecutionContext());

        assertThat(reader.read()).isNotNull();
        assertThat(reader.read()).as("stopped, not failed").isNull();
        assertThat(organization.calls).isEqualTo(2);
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
