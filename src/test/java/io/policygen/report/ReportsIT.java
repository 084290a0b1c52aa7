package io.policygen.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static io.policygen.testsupport.ViewRows.cells;
import static io.policygen.testsupport.ViewRows.named;
import static io.policygen.testsupport.ViewRows.read;
import static io.policygen.testsupport.ViewRows.row;
import static io.policygen.testsupport.ViewRows.rows;

import io.policygen.testsupport.TestDatabase;
import io.policygen.testsupport.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every report view on a small, known state written straight into the tables: three runs, accounts in and out of
 * scope, principals with generations in every state, a deferred account. Times are relative to now, as the views'
 * refresh period is.
 */
@ExtendWith(TestPostgres.class)
class ReportsIT {

    private static final String A = "111111111111";
    private static final String B = "222222222222";
    private static final String C = "333333333333";
    private static final String D = "444444444444";
    private static final String REGION = "us-east-1";
    private static final String LISTING_FAILURE = "GetAccountAuthorizationDetails failed: ... (Service: Iam, Status Code: 500)";
    private static final String OUT_OF_SCOPE = "the account is out of the run's scope: the organization no longer lists it,"
            + " or policygen.organization's ou-ids, include or exclude leave it out";
    private static final String BUDGET_STOP = "daily quota of 50 generations reached for the last 24 hours; "
            + "the remaining principals are deferred to a later run";

    /** Two documents: duplicates, a string Action, a Deny statement. */
    private static final String FRESH_POLICY = """
            [{"Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Action": ["s3:ListBucket", "s3:GetObject"], "Resource": "*"},
                {"Effect": "Allow", "Action": ["ec2:DescribeInstances", "s3:GetObject"], "Resource": "*"}]},
             {"Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Action": "sts:GetCallerIdentity", "Resource": "*"},
                {"Effect": "Deny", "Action": "iam:*", "Resource": "*"}]}]""";
    private static final String OLDER_POLICY = """
            [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:PutObject"], "Resource": "*"}]}]""";
    /** A single Statement object, a single Action string. */
    private static final String STALE_POLICY = """
            [{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "*"}}]""";
    /** No Effect: Allow. */
    private static final String LOGS_POLICY = """
            [{"Statement": [{"Action": ["logs:PutLogEvents"], "Resource": "*"}]}]""";
    /** What GenerationStore keeps when AWS hands back a document that is not JSON. */
    private static final String NOT_JSON_POLICY = "[\"not json\"]";

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private static JdbcClient jdbc;
    private static DataSource dataSource;
    private static long run1;
    private static long run2;
    private static long run3;

    @BeforeAll
    static void knownState(TestDatabase database) {
        dataSource = database.dataSource();
        jdbc = JdbcClient.create(dataSource);
        run1 = run(ago("2d"), ago("2d").plus(hours(1)), "COMPLETED", 0, 100, 3, null);
        run2 = run(ago("1d"), ago("1d").plus(hours(2)), "QUOTA_STOPPED", 3, 50, 10, "stopped at a quota in 1 account");
        run3 = run(ago("30m"), null, "RUNNING", null, 0, 0, null);

        account(A, "prod", true, null);
        account(B, "dev", true, null);
        account(C, "old", false, null);
        account(D, "empty", true, "AccessDenied");
        jdbc.sql("update account set principals_listed_at = ? where account_id = ?").params(ts(ago("30m")), A).update();
        // B's listing of tonight failed: it keeps yesterday's
        jdbc.sql("update account set principals_listed_at = ?, listing_failed_at = ?, listing_failure = ? where account_id = ?")
                .params(ts(ago("1d")), ts(ago("30m")), LISTING_FAILURE, B).update();

        principal(A, "ROLE", "never", null);
        long pending = principal(A, "ROLE", "pending", null);
        generation(pending, "PENDING", run3, null, ago("10m"), null, "NO_ANSWER", "connect timed out", null);
        long running = principal(A, "ROLE", "running", null);
        generation(running, "IN_PROGRESS", run3, "j-a3", ago("20m"), null, null, null, null);
        long fresh = principal(A, "ROLE", "fresh", null);
        generation(fresh, "SUCCEEDED", null, "j-a4-old", ago("35d"), ago("35d").plus(minutes(2)), null, null, OLDER_POLICY);
        generation(fresh, "SUCCEEDED", run1, "j-a4", ago("2d").plus(minutes(5)), ago("2d").plus(minutes(7)), null, null, FRESH_POLICY);
        long stale = principal(A, "ROLE", "stale", null);
        generation(stale, "SUCCEEDED", null, "j-a5", ago("40d"), ago("40d").plus(minutes(2)), null, null, STALE_POLICY);
        long failedOnce = principal(A, "ROLE", "failed-once", null);
        generation(failedOnce, "FAILED", run2, "j-a6", ago("1d").plus(minutes(10)), ago("1d").plus(minutes(12)), "SERVICE_ERROR", "a6 failed", null);
        long failedThrice = principal(A, "ROLE", "failed-thrice", null);
        generation(failedThrice, "FAILED", run1, "j-a7-1", ago("2d").plus(minutes(10)), ago("2d").plus(minutes(12)), "SERVICE_ERROR", "a7 failed", null);
        generation(failedThrice, "FAILED", run1, "j-a7-2", ago("2d").plus(minutes(20)), ago("2d").plus(minutes(22)), "SERVICE_ERROR", "a7 failed", null);
        generation(failedThrice, "FAILED", run2, "j-a7-3", ago("1d").plus(minutes(20)), ago("1d").plus(minutes(22)), "SERVICE_ERROR", "a7 failed", null);
        long rejected = principal(A, "ROLE", "rejected", null);
        generation(rejected, "REJECTED", run2, null, ago("1d").plus(minutes(30)), ago("1d").plus(minutes(30)), "ValidationException", "principal ARN is invalid", null);
        long canceled = principal(A, "ROLE", "canceled", null);
        generation(canceled, "CANCELED", run2, "j-a9", ago("1d").plus(minutes(40)), ago("1d").plus(minutes(45)), null, null, null);
        long deleted = principal(A, "ROLE", "deleted", ago("1d"));
        generation(deleted, "SUCCEEDED", run1, "j-a10", ago("2d").plus(minutes(30)), ago("2d").plus(minutes(32)), null, null, FRESH_POLICY);
        long deferredRequest = principal(A, "USER", "deferred-req", null);
        generation(deferredRequest, "SUCCEEDED", null, "j-a11", ago("40d"), ago("40d").plus(minutes(2)), null, null, LOGS_POLICY);
        generation(deferredRequest, "DEFERRED", run2, null, ago("1d").plus(minutes(50)), ago("1d").plus(minutes(50)), "ServiceQuotaExceededException", "quota reached", null);
        long failedX1 = principal(A, "ROLE", "failed-x1", null);
        generation(failedX1, "FAILED", run2, "j-a12", ago("1d").plus(minutes(60)), ago("1d").plus(minutes(62)), "SERVICE_ERROR", "a12 failed", null);
        // not worth a generation, as discovery found them; one generated before it fell out of use
        long unused = principal(A, "ROLE", "unused", null);
        assessed(unused, "UNUSED", "never used, as far as IAM tracks", null, "ADMIN", "{AdministratorAccess: *}",
                "[{\"arn\": \"arn:aws:iam::aws:policy/AdministratorAccess\", \"version\": \"v1\"}]", null);
        long unusedGenerated = principal(A, "ROLE", "unused-generated", null);
        assessed(unusedGenerated, "UNUSED", "last used 200 days ago", ago("200d"), "SERVICE_WIDE", "{inline s3: s3:*}", "[]", null);
        generation(unusedGenerated, "SUCCEEDED", null, "j-a14", ago("210d"), ago("210d").plus(minutes(2)), null, null, OLDER_POLICY);
        assessed(principal(A, "ROLE", "too-new", null), "TOO_NEW", "created 2 days ago", ago("1h"), "NARROW", "{inline q: sqs:SendMessage}", "[]", null);
        assessed(principal(A, "ROLE", "opted-out", null), "OPTED_OUT", "tag policygen:skip (no end date)", ago("2h"), "ADMIN", "{inline: *}", "[]", null);
        // succeeded 40 days ago, past the refresh period, but its policies and last use have not changed since: done
        long unchanged = principal(A, "ROLE", "unchanged", null);
        assessed(unchanged, "ELIGIBLE", null, ago("45d"), "NARROW", "{inline q: sqs:SendMessage}", "[]", "f-unchanged");
        generation(unchanged, "SUCCEEDED", null, "j-a15", ago("40d"), ago("40d").plus(minutes(2)), null, null, STALE_POLICY);
        jdbc.sql("update generation set principal_fingerprint = 'f-unchanged' where job_id = 'j-a15'").update();
        long failedX2 = principal(A, "ROLE", "failed-x2", null);
        generation(failedX2, "FAILED", run2, "j-a13", ago("1d").plus(minutes(70)), ago("1d").plus(minutes(72)), "SERVICE_ERROR", "a13 failed", null);
        // A stopped at the quota in run 2 (deferred-req's refusal), then finished in run 3
        accountRegion(A, "ServiceQuotaExceededException: quota reached", ago("1d").plus(minutes(50)), run2, ago("1d").plus(minutes(50)));
        jdbc.sql("""
                        update account_region set deferred_reason = null, deferred_at = null, deferred_run_id = null, last_activity_at = ?
                        where account_id = ?""").params(ts(ago("1h")), A).update();

        principal(B, "ROLE", "never-deferred", null);
        long succeeded = principal(B, "ROLE", "succeeded", null);
        generation(succeeded, "SUCCEEDED", run2, "j-b2", ago("1d").plus(minutes(80)), ago("1d").plus(minutes(82)), null, null, NOT_JSON_POLICY);
        jdbc.sql("update generation set policy_complete = false where job_id = 'j-b2'").update();
        long failedDeferred = principal(B, "ROLE", "failed-deferred", null);
        generation(failedDeferred, "FAILED", run2, "j-b3", ago("1d").plus(minutes(90)), ago("1d").plus(minutes(92)), "SERVICE_ERROR", "b3 failed", null);
        accountRegion(B, BUDGET_STOP, ago("1d").plus(minutes(95)), run2, ago("1d").plus(minutes(95)));

        principal(C, "ROLE", "old-role", null);
    }

    @Test
    void accountProgressShouldSplitEveryLivePrincipalIntoDoneInProgressDueDeferredAndNotWorthAGeneration() {
        assertThat(named(jdbc, "select * from report_account_progress")).containsExactly(
                cells("account_id", A, "account_name", "prod", "state", "ACTIVE", "principals", 17L, "done", 3L,
                        "in_progress", 2L, "due", 8L, "deferred", 0L, "account_inactive", 0L, "unused", 2L, "too_new", 1L, "opted_out", 1L,
                        "days_needed", 1L, "daily_quota", 50L, "failed_last_attempt", 6L,
                        "last_activity_at", ago("10m"), "deferred_reason", null, "access_error_code", null,
                        "principals_listed_at", ago("30m"), "listing_failure", null),
                cells("account_id", B, "account_name", "dev", "state", "ACTIVE", "principals", 3L, "done", 1L,
                        "in_progress", 0L, "due", 0L, "deferred", 2L, "account_inactive", 0L, "unused", 0L, "too_new", 0L, "opted_out", 0L,
                        "days_needed", 1L, "daily_quota", 50L, "failed_last_attempt", 1L,
                        "last_activity_at", ago("1d").plus(minutes(95)),
                        "deferred_reason", REGION + ": " + BUDGET_STOP, "access_error_code", null,
                        "principals_listed_at", ago("1d"), "listing_failure", LISTING_FAILURE),
                cells("account_id", D, "account_name", "empty", "state", "ACTIVE", "principals", 0L, "done", 0L,
                        "in_progress", 0L, "due", 0L, "deferred", 0L, "account_inactive", 0L, "unused", 0L, "too_new", 0L, "opted_out", 0L,
                        "days_needed", 0L, "daily_quota", 50L, "failed_last_attempt", 0L, "last_activity_at", null,
                        "deferred_reason", null, "access_error_code", "AccessDenied", "principals_listed_at", null,
                        "listing_failure", null));
        assertThat(rows(jdbc, """
                select principals - (done + in_progress + due + deferred + account_inactive + unused + too_new + opted_out)
                from report_account_progress"""))
                .as("the state columns add up to principals").containsOnly(row(0L));
    }

    @Test
    void accountProgressShouldCountNothingDueWhereTheOrganizationListsTheAccountInactive() throws SQLException {
        // A's 8 due and B's 2 deferred wait on their accounts; what is done, in progress or not worth one stays
        assertThat(withAClosedAndBSuspended("""
                select account_id, state, done, in_progress, due, deferred, account_inactive, unused, days_needed,
                       principals - (done + in_progress + due + deferred + account_inactive + unused + too_new + opted_out)
                from report_account_progress""")).containsExactly(row(A, "CLOSED", 3L, 2L, 0L, 0L, 8L, 2L, null, 0L),
                row(B, "SUSPENDED", 1L, 0L, 0L, 0L, 2L, 0L, null, 0L), row(D, "ACTIVE", 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L));
    }

    @Test
    void failuresShouldNotAskForTheSetupOfAnAccountTheOrganizationListsInactive() throws SQLException {
        // a slot refused its member role mid-run by an account suspended since the listing: nothing to fix there
        String setupFailures = "select account_id, error_code from report_failures where kind = 'ACCOUNT' and error_code = 'AccessDenied'";
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("update account_region set outcome = 'SETUP_FAILED', setup_error_code = 'AccessDenied',"
                    + " setup_fix = 'let the role policygen runs as assume the member role again' where account_id = '" + B + "'");
            try (ResultSet rows = statement.executeQuery(setupFailures)) {
                assertThat(read(rows)).as("ACTIVE: its setup to fix").containsExactly(row(B, "AccessDenied"), row(D, "AccessDenied"));
            }
            statement.execute("update account set state = 'SUSPENDED' where account_id = '" + B + "'");
            try (ResultSet rows = statement.executeQuery(setupFailures)) {
                assertThat(read(rows)).containsExactly(row(D, "AccessDenied"));
            }
            connection.rollback();
        }
    }

    /** The query's rows with account A listed CLOSED and B SUSPENDED, in a transaction rolled back after. */
    private static List<List<Object>> withAClosedAndBSuspended(String query) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("update account set state = 'CLOSED' where account_id = '" + A + "'");
            statement.execute("update account set state = 'SUSPENDED' where account_id = '" + B + "'");
            try (ResultSet rows = statement.executeQuery(query)) {
                return read(rows);
            } finally {
                connection.rollback();
            }
        }
    }

    @Test
    void accountProgressShouldTakeTheJobSettingsFromTheSession() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("set policygen.daily_quota = 5");
            statement.execute("set policygen.refresh_after = '45 days'");

            // stale and deferred-req succeeded 40 days ago: done within 45 days
            try (ResultSet rows = statement.executeQuery(
                    "select account_id, done, due, days_needed, daily_quota from report_account_progress")) {
                assertThat(read(rows)).containsExactly(row(A, 5L, 6L, 2L, 5L), row(B, 1L, 0L, 1L, 5L), row(D, 0L, 0L, 0L, 5L));
            }
        }
    }

    @Test
    void accountProgressShouldTakeTheSettingsTheJobRecorded() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("insert into report_setting (name, value) values ('daily_quota', '3'), ('max_failures', '4')");

            // failed-thrice is due again with 4 tries
            try (ResultSet rows = statement.executeQuery(
                    "select account_id, done, due, days_needed, daily_quota from report_account_progress")) {
                assertThat(read(rows)).containsExactly(row(A, 2L, 9L, 3L, 3L), row(B, 1L, 0L, 1L, 3L), row(D, 0L, 0L, 0L, 3L));
            }
            statement.execute("set local policygen.daily_quota = 9");
            try (ResultSet rows = statement.executeQuery("select days_needed, daily_quota from report_account_progress limit 1")) {
                assertThat(read(rows)).as("the session's own setting first").containsExactly(row(1L, 9L));
            }
            connection.rollback();
        }
    }

    @Test
    void principalStatusShouldGiveEveryPrincipalItsLatestRequest() {
        assertThat(named(jdbc, "select * from report_principal_status")).containsExactly(
                cells("account_id", A, "principal_arn", arn(A, "role/canceled"), "principal_type", "ROLE",
                        "status", "CANCELED", "job_id", "j-a9", "requested_at", ago("1d").plus(minutes(40)),
                        "completed_at", ago("1d").plus(minutes(45)), "error_code", null, "error_message", null,
                        "region", REGION, "deferred_reason", null, "last_used_at", null, "breadth", null,
                        "eligibility_reason", null),
                cells("account_id", A, "principal_arn", arn(A, "role/deleted"), "principal_type", "ROLE",
                        "status", "DELETED", "job_id", "j-a10", "requested_at", ago("2d").plus(minutes(30)),
                        "completed_at", ago("2d").plus(minutes(32)), "error_code", null, "error_message", null,
                        "region", REGION, "deferred_reason", null, "last_used_at", null, "breadth", null,
                        "eligibility_reason", null),
                cells("account_id", A, "principal_arn", arn(A, "role/failed-once"), "principal_type", "ROLE",
                        "status", "FAILED", "job_id", "j-a6", "requested_at", ago("1d").plus(minutes(10)),
                        "completed_at", ago("1d").plus(minutes(12)), "error_code", "SERVICE_ERROR",
                        "error_message", "a6 failed", "region", REGION, "deferred_reason", null,
                        "last_used_at", null, "breadth", null, "eligibility_reason", null),
                cells("account_id", A, "principal_arn", arn(A, "role/failed-thrice"), "principal_type", "ROLE",
                        "status", "FAILED", "job_id", "j-a7-3", "requested_at", ago("1d").plus(minutes(20)),
                        "completed_at", ago("1d").plus(minutes(22)), "error_code", "SERVICE_ERROR",
                        "error_message", "a7 failed", "region", REGION, "deferred_reason", null,
                        "last_used_at", null, "breadth", null, "eligibility_reason", null),
                cells("account_id", A, "principal_arn", arn(A, "role/failed-x1"), "principal_type", "ROLE",
                        "status", "FAILED", "job_id", "j-a12", "requested_at", ago("1d").plus(minutes(60)),
                        "completed_at", ago("1d").plus(minutes(62)), "error_code", "SERVICE_ERROR",
                        "error_message", "a12 failed", "region", REGION, "deferred_reason", null,
                        "last_used_at", null, "breadth", null, "eligibility_reason", null),
                cells("account_id", A, "principal_arn", arn(A, "role/failed-x2"), "principal_type", "ROLE",
                        "status", "FAILED", "job_id", "j-a13", "requested_at", ago("1d").plus(minutes(70)),
                        "completed_at", ago("1d").plus(minutes(72)), "error_code", "SERVICE_ERROR",
                        "error_message", "a13 failed", "region", REGION, "deferred_reason", null,
                        "last_used_at", null, "breadth", null, "eligibility_reason", null),
                cells("account_id", A, "principal_arn", arn(A, "role/fresh"), "principal_type", "ROLE",
                        "status", "SUCCEEDED", "job_id", "j-a4", "requested_at", ago("2d").plus(minutes(5)),
                        "completed_at", ago("2d").plus(minutes(7)), "error_code", null, "error_message", null,
                        "region", REGION, "deferred_reason", null, "last_used_at", null, "breadth", null,
                        "eligibility_reason", null),
                cells("account_id", A, "principal_arn", arn(A, "role/never"), "principal_type", "ROLE",
                        "status", "NEVER", "job_id", null, "requested_at", null, "completed_at", null,
                        "error_code", null, "error_message", null, "region", null, "deferred_reason", null,
                        "last_used_at", null, "breadth", null, "eligibility_reason", null),
                cells("account_id", A, "principal_arn", arn(A, "role/opted-out"), "principal_type", "ROLE",
                        "status", "OPTED_OUT", "job_id", null, "requested_at", null, "completed_at", null,
                        "error_code", null, "error_message", null, "region", null, "deferred_reason", null,
                        "last_used_at", ago("2h"), "breadth", "ADMIN",
                        "eligibility_reason", "tag policygen:skip (no end date)"),
                cells("account_id", A, "principal_arn", arn(A, "role/pending"), "principal_type", "ROLE",
                        "status", "PENDING", "job_id", null, "requested_at", ago("10m"), "completed_at", null,
                        "error_code", "NO_ANSWER", "error_message", "connect timed out", "region", REGION,
                        "deferred_reason", null, "last_used_at", null, "breadth", null, "eligibility_reason", null),
                cells("account_id", A, "principal_arn", arn(A, "role/rejected"), "principal_type", "ROLE",
                        "status", "REJECTED", "job_id", null, "requested_at", ago("1d").plus(minutes(30)),
                        "completed_at", ago("1d").plus(minutes(30)), "error_code", "ValidationException",
                        "error_message", "principal ARN is invalid", "region", REGION, "deferred_reason", null,
                        "last_used_at", null, "breadth", null, "eligibility_reason", null),
                cells("account_id", A, "principal_arn", arn(A, "role/running"), "principal_type", "ROLE",
                        "status", "IN_PROGRESS", "job_id", "j-a3", "requested_at", ago("20m"),
                        "completed_at", null, "error_code", null, "error_message", null, "region", REGION,
                        "deferred_reason", null, "last_used_at", null, "breadth", null, "eligibility_reason", null),
                cells("account_id", A, "principal_arn", arn(A, "role/stale"), "principal_type", "ROLE",
                        "status", "SUCCEEDED", "job_id", "j-a5", "requested_at", ago("40d"),
                        "completed_at", ago("40d").plus(minutes(2)), "error_code", null, "error_message", null,
                        "region", REGION, "deferred_reason", null, "last_used_at", null, "breadth", null,
                        "eligibility_reason", null),
                cells("account_id", A, "principal_arn", arn(A, "role/too-new"), "principal_type", "ROLE",
                        "status", "TOO_NEW", "job_id", null, "requested_at", null, "completed_at", null,
                        "error_code", null, "error_message", null, "region", null, "deferred_reason", null,
                        "last_used_at", ago("1h"), "breadth", "NARROW", "eligibility_reason", "created 2 days ago"),
                cells("account_id", A, "principal_arn", arn(A, "role/unchanged"), "principal_type", "ROLE",
                        "status", "SUCCEEDED", "job_id", "j-a15", "requested_at", ago("40d"),
                        "completed_at", ago("40d").plus(minutes(2)), "error_code", null, "error_message", null,
                        "region", REGION, "deferred_reason", null, "last_used_at", ago("45d"), "breadth", "NARROW",
                        "eligibility_reason", null),
                cells("account_id", A, "principal_arn", arn(A, "role/unused"), "principal_type", "ROLE",
                        "status", "UNUSED", "job_id", null, "requested_at", null, "completed_at", null,
                        "error_code", null, "error_message", null, "region", null, "deferred_reason", null,
                        "last_used_at", null, "breadth", "ADMIN",
                        "eligibility_reason", "never used, as far as IAM tracks"),
                cells("account_id", A, "principal_arn", arn(A, "role/unused-generated"), "principal_type", "ROLE",
                        "status", "UNUSED", "job_id", "j-a14", "requested_at", ago("210d"),
                        "completed_at", ago("210d").plus(minutes(2)), "error_code", null, "error_message", null,
                        "region", REGION, "deferred_reason", null, "last_used_at", ago("200d"),
                        "breadth", "SERVICE_WIDE", "eligibility_reason", "last used 200 days ago"),
                cells("account_id", A, "principal_arn", arn(A, "user/deferred-req"), "principal_type", "USER",
                        "status", "DEFERRED", "job_id", null, "requested_at", ago("1d").plus(minutes(50)),
                        "completed_at", ago("1d").plus(minutes(50)), "error_code", "ServiceQuotaExceededException",
                        "error_message", "quota reached", "region", REGION, "deferred_reason", null,
                        "last_used_at", null, "breadth", null, "eligibility_reason", null),
                cells("account_id", B, "principal_arn", arn(B, "role/failed-deferred"), "principal_type", "ROLE",
                        "status", "FAILED", "job_id", "j-b3", "requested_at", ago("1d").plus(minutes(90)),
                        "completed_at", ago("1d").plus(minutes(92)), "error_code", "SERVICE_ERROR",
                        "error_message", "b3 failed", "region", REGION, "deferred_reason", null,
                        "last_used_at", null, "breadth", null, "eligibility_reason", null),
                cells("account_id", B, "principal_arn", arn(B, "role/never-deferred"), "principal_type", "ROLE",
                        "status", "DEFERRED", "job_id", null, "requested_at", null, "completed_at", null,
                        "error_code", null, "error_message", null, "region", null,
                        "deferred_reason", REGION + ": " + BUDGET_STOP, "last_used_at", null, "breadth", null,
                        "eligibility_reason", null),
                cells("account_id", B, "principal_arn", arn(B, "role/succeeded"), "principal_type", "ROLE",
                        "status", "SUCCEEDED", "job_id", "j-b2", "requested_at", ago("1d").plus(minutes(80)),
                        "completed_at", ago("1d").plus(minutes(82)), "error_code", null, "error_message", null,
                        "region", REGION, "deferred_reason", null, "last_used_at", null, "breadth", null,
                        "eligibility_reason", null),
                cells("account_id", C, "principal_arn", arn(C, "role/old-role"), "principal_type", "ROLE",
                        "status", "OUT_OF_SCOPE", "job_id", null, "requested_at", null, "completed_at", null,
                        "error_code", null, "error_message", null, "region", null, "deferred_reason", OUT_OF_SCOPE,
                        "last_used_at", null, "breadth", null, "eligibility_reason", null));
    }

    @Test
    void principalStatusShouldSayNoRunWorksWhereTheOrganizationListsTheAccountInactive() throws SQLException {
        // never tried, or waiting on a quota: waiting on the account; what happened, is open or is not worth one stays
        String closed = "the organization lists the account CLOSED: no run generates there";
        assertThat(withAClosedAndBSuspended("""
                select account_id, split_part(principal_arn, ':', 6), status, deferred_reason from report_principal_status
                where split_part(principal_arn, ':', 6) in
                      ('role/never', 'user/deferred-req', 'role/running', 'role/failed-once', 'role/unused',
                       'role/never-deferred', 'role/succeeded')""")).containsExactly(
                row(A, "role/failed-once", "FAILED", null),
                row(A, "role/never", "ACCOUNT_INACTIVE", closed),
                row(A, "role/running", "IN_PROGRESS", null),
                row(A, "role/unused", "UNUSED", null),
                row(A, "user/deferred-req", "ACCOUNT_INACTIVE", closed),
                row(B, "role/never-deferred", "ACCOUNT_INACTIVE", "the organization lists the account SUSPENDED: no run generates there"),
                row(B, "role/succeeded", "SUCCEEDED", null));
    }

    @Test
    void failuresShouldGroupLatestFailuresByCodeAndAccountWithThreeSamples() {
        assertThat(named(jdbc, "select * from report_failures")).containsExactly(
                cells("kind", "PRINCIPAL", "error_code", "SERVICE_ERROR", "account_id", A, "principals", 4L,
                        "sample_principals", List.of(arn(A, "role/failed-once"), arn(A, "role/failed-thrice"), arn(A, "role/failed-x1")),
                        "last_message", "a13 failed", "last_at", ago("1d").plus(minutes(72)), "fix", null),
                cells("kind", "PRINCIPAL", "error_code", "CANCELED", "account_id", A, "principals", 1L,
                        "sample_principals", List.of(arn(A, "role/canceled")), "last_message", null,
                        "last_at", ago("1d").plus(minutes(45)), "fix", null),
                cells("kind", "PRINCIPAL", "error_code", "NO_ANSWER", "account_id", A, "principals", 1L,
                        "sample_principals", List.of(arn(A, "role/pending")), "last_message", "connect timed out",
                        "last_at", ago("10m"), "fix", null),
                cells("kind", "PRINCIPAL", "error_code", "SERVICE_ERROR", "account_id", B, "principals", 1L,
                        "sample_principals", List.of(arn(B, "role/failed-deferred")), "last_message", "b3 failed",
                        "last_at", ago("1d").plus(minutes(92)), "fix", null),
                cells("kind", "PRINCIPAL", "error_code", "ValidationException", "account_id", A, "principals", 1L,
                        "sample_principals", List.of(arn(A, "role/rejected")),
                        "last_message", "principal ARN is invalid", "last_at", ago("1d").plus(minutes(30)),
                        "fix", null),
                cells("kind", "ACCOUNT", "error_code", "AccessDenied", "account_id", D, "principals", 0L,
                        "sample_principals", List.of(), "last_message", null, "last_at", ago("30m"), "fix", null));
    }

    @Test
    void runsShouldCountWhatEachRunStartedAndWhatBecameOfIt() {
        assertThat(rows(jdbc, """
                select run_id, started_at, ended_at, extract(epoch from duration)::bigint / 60 as minutes, status, exit_code,
                       accounts_worked, generations_started, succeeded, failed, lost, open, rejected, quota_stops,
                       aws_calls, throttled_calls, message
                from report_runs""")).containsExactly(
                row(run3, ago("30m"), null, 30L, "RUNNING", null, 1L, 1L, 0L, 0L, 0L, 1L, 0L, 0L, 0L, 0L, null),
                row(run2, ago("1d"), ago("1d").plus(hours(2)), 120L, "QUOTA_STOPPED", 3L, 2L, 7L, 1L, 6L, 0L, 0L, 1L, 2L, 50L, 10L,
                        "stopped at a quota in 1 account"),
                row(run1, ago("2d"), ago("2d").plus(hours(1)), 60L, "COMPLETED", 0L, 1L, 4L, 2L, 2L, 0L, 0L, 0L, 0L, 100L, 3L, null));
    }

    @Test
    void deferralHistoryShouldKeepEveryStopAfterTheAccountFinished() {
        assertThat(rows(jdbc, "select account_id, region, run_id, reason, deferred_at from account_region_deferral order by deferred_at"))
                .containsExactly(
                        row(A, REGION, run2, "ServiceQuotaExceededException: quota reached", ago("1d").plus(minutes(50))),
                        row(B, REGION, run2, BUDGET_STOP, ago("1d").plus(minutes(95))));
    }

    @Test
    void policiesShouldGiveTheLatestSuccessOfEveryLivePrincipalWithItsServicesAndActions() {
        assertThat(rows(jdbc, """
                select account_id, principal_arn, principal_type, region, job_id, completed_at, policy_complete, services, actions
                from report_policies""")).containsExactly(
                row(A, arn(A, "role/fresh"), "ROLE", REGION, "j-a4", ago("2d").plus(minutes(7)), true,
                        List.of("ec2", "s3", "sts"),
                        List.of("ec2:DescribeInstances", "s3:GetObject", "s3:ListBucket", "sts:GetCallerIdentity")),
                row(A, arn(A, "role/stale"), "ROLE", REGION, "j-a5", ago("40d").plus(minutes(2)), true,
                        List.of("dynamodb"), List.of("dynamodb:GetItem")),
                row(A, arn(A, "role/unchanged"), "ROLE", REGION, "j-a15", ago("40d").plus(minutes(2)), true,
                        List.of("dynamodb"), List.of("dynamodb:GetItem")),
                row(A, arn(A, "role/unused-generated"), "ROLE", REGION, "j-a14", ago("210d").plus(minutes(2)), true,
                        List.of("s3"), List.of("s3:PutObject")),
                row(A, arn(A, "user/deferred-req"), "USER", REGION, "j-a11", ago("40d").plus(minutes(2)), true,
                        List.of("logs"), List.of("logs:PutLogEvents")),
                row(B, arn(B, "role/succeeded"), "ROLE", REGION, "j-b2", ago("1d").plus(minutes(82)), false, List.of(), List.of()));
        assertThat(jdbc.sql("select policies = ?::jsonb from report_policies where job_id = 'j-a4'").param(FRESH_POLICY)
                .query(Boolean.class).single()).isTrue();
    }

    @Test
    void unusedPrincipalsShouldListTheUnusedWithWhatTheyMayStillDoBroadestFirst() {
        assertThat(rows(jdbc, """
                select account_id, account_name, principal_arn, principal_type, last_used_at, days_unused, age_days, breadth,
                       broadest_grants, attached_policies, eligibility_reason
                from report_unused_principals""")).containsExactly(
                row(A, "prod", arn(A, "role/unused"), "ROLE", null, null, 400L, "ADMIN", List.of("AdministratorAccess: *"),
                        List.of("arn:aws:iam::aws:policy/AdministratorAccess"), "never used, as far as IAM tracks"),
                row(A, "prod", arn(A, "role/unused-generated"), "ROLE", ago("200d"), 200L, 400L, "SERVICE_WIDE",
                        List.of("inline s3: s3:*"), List.of(), "last used 200 days ago"));
    }

    @Test
    void readerRoleShouldSelectTheViewsButNoTable() throws SQLException {
        List<String> tables = jdbc.sql("select tablename from pg_tables where schemaname = current_schema() order by 1")
                .query(String.class).list();
        assertThat(tables).contains("run", "account", "principal", "generation", "account_region", "flyway_schema_history");

        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("set role policygen_reader");
            for (Report report : Reports.load().all()) {
                try (ResultSet rows = statement.executeQuery("select count(*) from " + report.name())) {
                    assertThat(rows.next()).as(report.name()).isTrue();
                }
            }
            for (String table : tables) {
                assertThatThrownBy(() -> statement.executeQuery("select count(*) from " + table).close())
                        .as(table)
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
            }
        }
        assertThat(jdbc.sql("select rolcanlogin from pg_roles where rolname = 'policygen_reader'").query(Boolean.class).single())
                .isFalse();
    }

    // --- the known state

    private static long run(Instant started, Instant ended, String status, Integer exitCode, long awsCalls, long throttled, String message) {
        return jdbc.sql("""
                        insert into run (started_at, ended_at, status, exit_code, aws_calls, throttled_calls, message)
                        values (?, ?, ?, ?, ?, ?, ?) returning run_id""")
                .params(ts(started), ts(ended), status, exitCode, awsCalls, throttled, message)
                .query(Long.class).single();
    }

    private static void account(String accountId, String name, boolean inScope, String accessError) {
        jdbc.sql("""
                        insert into account (account_id, name, state, in_scope, first_seen_at, last_seen_at, access_error_code)
                        values (?, ?, 'ACTIVE', ?, ?, ?, ?)""")
                .params(accountId, name, inScope, ts(ago("60d")), ts(ago("30m")), accessError).update();
    }

    private static long principal(String accountId, String type, String name, Instant deletedAt) {
        return jdbc.sql("""
                        insert into principal (account_id, principal_arn, principal_type, name, path, first_seen_at, changed_at, deleted_at)
                        values (?, ?, ?, ?, '/', ?, ?, ?) returning principal_id""")
                .params(accountId, arn(accountId, type.toLowerCase() + "/" + name), type, name, ts(ago("60d")), ts(ago("30m")), ts(deletedAt))
                .query(Long.class).single();
    }

    /** What discovery found: eligibility, last use, breadth and grants, attached policies, fingerprint. */
    private static void assessed(long principalId, String eligibility, String reason, Instant lastUsed, String breadth,
                                 String grants, String attached, String fingerprint) {
        jdbc.sql("""
                        update principal set eligibility = ?, eligibility_reason = ?, last_used_at = ?, last_use_known = true,
                            breadth = ?, broadest_grants = ?::text[], attached_policies = ?::jsonb, fingerprint = ?,
                            iam_created_at = ?
                        where principal_id = ?""")
                .params(eligibility, reason, ts(lastUsed), breadth, grants, attached, fingerprint, ts(ago("400d")), principalId)
                .update();
    }

    private static void generation(long principalId, String state, Long runId, String jobId, Instant requestedAt,
                                   Instant completedAt, String errorCode, String errorMessage, String policies) {
        jdbc.sql("""
                        insert into generation (principal_id, account_id, region, client_token, job_id, state, run_id, requested_at,
                            completed_at, request, error_code, error_message, policies, policy_complete)
                        select principal_id, account_id, ?, ?, ?, ?, ?, ?, ?, '{}'::jsonb, ?, ?, ?::jsonb,
                               case when ? = 'SUCCEEDED' then true end
                        from principal where principal_id = ?""")
                .params(REGION, UUID.randomUUID(), jobId, state, runId, ts(requestedAt), ts(completedAt), errorCode, errorMessage,
                        policies, state, principalId)
                .update();
    }

    private static void accountRegion(String accountId, String reason, Instant deferredAt, Long runId, Instant lastActivity) {
        jdbc.sql("""
                        insert into account_region (account_id, region, deferred_reason, deferred_at, deferred_run_id, last_activity_at)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(accountId, REGION, reason, ts(deferredAt), runId, ts(lastActivity)).update();
    }

    private static String arn(String accountId, String resource) {
        return "arn:aws:iam::" + accountId + ":" + resource;
    }

    /** "10m", "1h", "2d" before now. */
    private static Instant ago(String amount) {
        long n = Long.parseLong(amount.substring(0, amount.length() - 1));
        return NOW.minus(switch (amount.charAt(amount.length() - 1)) {
            case 'm' -> minutes(n);
            case 'h' -> hours(n);
            case 'd' -> Duration.ofDays(n);
            default -> throw new IllegalArgumentException(amount);
        });
    }

    private static Duration minutes(long n) {
        return Duration.ofMinutes(n);
    }

    private static Duration hours(long n) {
        return Duration.ofHours(n);
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
