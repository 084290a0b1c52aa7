package io.policygen.report;

import static io.policygen.testsupport.GapTables.action;
import static io.policygen.testsupport.GapTables.arn;
import static io.policygen.testsupport.ViewRows.cells;
import static io.policygen.testsupport.ViewRows.named;
import static io.policygen.testsupport.ViewRows.row;
import static io.policygen.testsupport.ViewRows.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.policygen.testsupport.GapTables;
import io.policygen.testsupport.TestDatabase;
import io.policygen.testsupport.TestPostgres;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The gap's report views on a small, known state written straight into the tables (as the computeGaps step would
 * have): two grant sets shared by four principals, a deleted principal and one in an account out of scope that must
 * not show, a principal without a gap, an account without principals.
 */
@ExtendWith(TestPostgres.class)
class GapReportsIT {

    private static final String A = "111111111111";
    private static final String B = "222222222222";
    private static final String C = "333333333333";
    private static final String D = "444444444444";
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final String NOTE = "[{\"kind\": \"CONDITIONAL_DENY\", \"policy\": \"guard\", \"detail\": \"Deny of 1 granted "
            + "actions (iam:AttachRolePolicy) under the condition {\\\"Bool\\\":{\\\"aws:MultiFactorAuthPresent\\\":\\\"false\\\"}}\"}]";
    private static final String NOT_EVALUATED = "resources and conditions not evaluated";

    private static JdbcClient jdbc;
    private static GapTables tables;

    @BeforeAll
    static void knownState(TestDatabase database) {
        jdbc = JdbcClient.create(database.dataSource());
        tables = new GapTables(jdbc, NOW);
        tables.account(A, "prod", true);
        tables.account(B, "dev", true);
        tables.account(C, "old", false);
        tables.account(D, "empty", true);
        long storage = tables.grant("g-storage", action("s3", "s3:DeleteObject", "Write", 5, true, false, true),
                action("s3", "s3:GetObject", "Read", 2, false, false, true), action("s3", "s3:PutObject", "Write", 5, false, false, true),
                action("iam", "iam:PassRole", "Write", 5, false, false, true));
        long broad = tables.grant("g-broad", action("ec2", "ec2:RunInstances", "Write", 5, false, false, true),
                action("iam", "iam:AttachRolePolicy", "Permissions management", 10, false, true, true),
                action("newsvc", "newsvc:DoThing", "Unknown", 5, false, false, false),
                action("sqs", "sqs:ReceiveMessage", "Read", 2, false, false, true), action("sqs", "sqs:SendMessage", "Write", 5, false, false, true));
        tables.gap(tables.principal(A, "role/app", null), "j-app", storage, 4, 1, 0, 1, 2, 0, 1, 0, 10, "{s3}", "{}", "{s3:GetObject}", "{iam:PassRole}", "[]");
        tables.gap(tables.principal(A, "role/admin", null), "j-admin", broad, 5, 1, 2, 0, 2, 1, 0, 1, 15, "{iam,newsvc}", "{sqs}", "{ec2:RunInstances}",
                "{}", NOTE);
        tables.gap(tables.principal(A, "user/alice", null), "j-alice", storage, 4, 2, 1, 1, 0, 0, 0, 0, 0, "{}", "{*}", "{s3:GetObject,s3:PutObject}",
                "{iam:PassRole}", "[]");
        tables.gap(tables.principal(A, "role/gone", NOW), "j-gone", broad, 5, 0, 0, 0, 5, 1, 0, 1, 27, "{iam}", "{}", "{}", "{}", "[]");
        tables.principal(A, "role/nogap", null);
        tables.gap(tables.principal(B, "role/b1", null), "j-b1", broad, 5, 0, 0, 0, 5, 1, 0, 1, 27, "{iam,sqs,ec2,newsvc}", "{}", "{}", "{}", "[]");
        tables.gap(tables.principal(C, "role/c1", null), "j-c1", broad, 5, 0, 0, 0, 5, 1, 0, 1, 27, "{iam}", "{}", "{}", "{}", "[]");
    }

    @Test
    void privilegeGapShouldRankEveryLivePrincipalInScopeByScore() {
        assertThat(named(jdbc, """
                select rank, account_id, account_name, principal_arn, principal_type, name, path, granted, used, used_at_service_level,
                       not_observable, unused, unused_share, score, top_unused_services, unused_scoped, unused_conditional, unknown,
                       service_level_services, not_evaluated, generation_job_id
                from report_privilege_gap""")).containsExactly(
                cells("rank", 1L, "account_id", B, "account_name", "dev", "principal_arn", arn(B, "role/b1"),
                        "principal_type", "ROLE", "name", "b1", "path", "/", "granted", 5L, "used", 0L,
                        "used_at_service_level", 0L, "not_observable", 0L, "unused", 5L,
                        "unused_share", new BigDecimal("1.0000"), "score", 27L,
                        "top_unused_services", List.of("iam", "sqs", "ec2", "newsvc"), "unused_scoped", 0L,
                        "unused_conditional", 1L, "unknown", 1L, "service_level_services", List.of(),
                        "not_evaluated", NOT_EVALUATED + "; the effect depends on them for 1 unused actions a conditional Deny may take away",
                        "generation_job_id", "j-b1"),
                cells("rank", 2L, "account_id", A, "account_name", "prod", "principal_arn", arn(A, "role/admin"),
                        "principal_type", "ROLE", "name", "admin", "path", "/", "granted", 5L, "used", 1L,
                        "used_at_service_level", 2L, "not_observable", 0L, "unused", 2L,
                        "unused_share", new BigDecimal("0.4000"), "score", 15L,
                        "top_unused_services", List.of("iam", "newsvc"), "unused_scoped", 0L,
                        "unused_conditional", 1L, "unknown", 1L, "service_level_services", List.of("sqs"),
                        "not_evaluated", NOT_EVALUATED + "; the effect depends on them for 1 unused actions a conditional Deny may take away",
                        "generation_job_id", "j-admin"),
                cells("rank", 3L, "account_id", A, "account_name", "prod", "principal_arn", arn(A, "role/app"),
                        "principal_type", "ROLE", "name", "app", "path", "/", "granted", 4L, "used", 1L,
                        "used_at_service_level", 0L, "not_observable", 1L, "unused", 2L,
                        "unused_share", new BigDecimal("0.5000"), "score", 10L,
                        "top_unused_services", List.of("s3"), "unused_scoped", 1L, "unused_conditional", 0L,
                        "unknown", 0L, "service_level_services", List.of(),
                        "not_evaluated", NOT_EVALUATED + "; the effect depends on them for 1 unused actions allowed" + " only on some resources or under a condition",
                        "generation_job_id", "j-app"),
                cells("rank", 4L, "account_id", A, "account_name", "prod", "principal_arn", arn(A, "user/alice"),
                        "principal_type", "USER", "name", "alice", "path", "/", "granted", 4L, "used", 2L,
                        "used_at_service_level", 1L, "not_observable", 1L, "unused", 0L,
                        "unused_share", new BigDecimal("0.0000"), "score", 0L, "top_unused_services", List.of(),
                        "unused_scoped", 0L, "unused_conditional", 0L, "unknown", 0L,
                        "service_level_services", List.of("*"), "not_evaluated", NOT_EVALUATED,
                        "generation_job_id", "j-alice"));
        assertThat(jdbc.sql("select notes::text from report_privilege_gap where name = 'admin'").query(String.class).single())
                .contains("CONDITIONAL_DENY", "aws:MultiFactorAuthPresent");
    }

    @Test
    void gapByAccountShouldGiveEachAccountInScopeItsReviewedPrincipalsMedianAndWorst() {
        assertThat(rows(jdbc, "select * from report_gap_by_account")).containsExactly(
                row(B, "dev", 1L, 1L, new BigDecimal("1.0000"), new BigDecimal("1.0000"), 5L, 27L, arn(B, "role/b1")),
                row(A, "prod", 4L, 3L, new BigDecimal("0.4000"), new BigDecimal("0.5000"), 4L, 25L, arn(A, "role/admin")),
                row(D, "empty", 0L, 0L, null, null, 0L, 0L, null));
    }

    @Test
    void gapActionsShouldGiveEveryGrantedActionItsStatusUsedFirstThenNotObservableThenServiceLevel() {
        assertThat(rows(jdbc, """
                select principal_arn, service, action, access_level, status, weight, scoped, conditional, in_catalog
                from report_gap_actions where account_id = ?""", A)).containsExactly(
                row(arn(A, "role/admin"), "ec2", "ec2:RunInstances", "Write", "USED", 5L, false, false, true),
                row(arn(A, "role/admin"), "iam", "iam:AttachRolePolicy", "Permissions management", "UNUSED", 10L, false, true, true),
                row(arn(A, "role/admin"), "newsvc", "newsvc:DoThing", "Unknown", "UNUSED", 5L, false, false, false),
                row(arn(A, "role/admin"), "sqs", "sqs:ReceiveMessage", "Read", "USED_AT_SERVICE_LEVEL", 2L, false, false, true),
                row(arn(A, "role/admin"), "sqs", "sqs:SendMessage", "Write", "USED_AT_SERVICE_LEVEL", 5L, false, false, true),
                row(arn(A, "role/app"), "iam", "iam:PassRole", "Write", "NOT_OBSERVABLE", 5L, false, false, true),
                row(arn(A, "role/app"), "s3", "s3:DeleteObject", "Write", "UNUSED", 5L, true, false, true),
                row(arn(A, "role/app"), "s3", "s3:GetObject", "Read", "USED", 2L, false, false, true),
                row(arn(A, "role/app"), "s3", "s3:PutObject", "Write", "UNUSED", 5L, false, false, true),
                row(arn(A, "user/alice"), "iam", "iam:PassRole", "Write", "NOT_OBSERVABLE", 5L, false, false, true),
                row(arn(A, "user/alice"), "s3", "s3:DeleteObject", "Write", "USED_AT_SERVICE_LEVEL", 5L, true, false, true),
                row(arn(A, "user/alice"), "s3", "s3:GetObject", "Read", "USED", 2L, false, false, true),
                row(arn(A, "user/alice"), "s3", "s3:PutObject", "Write", "USED", 5L, false, false, true));
        assertThat(rows(jdbc, "select status, count(*) from report_gap_actions where account_id <> ? group by status", A))
                .containsExactly(row("UNUSED", 5L));
    }
}
