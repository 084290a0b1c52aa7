package io.policygen.report;

import static io.policygen.testsupport.GapTables.action;
import static io.policygen.testsupport.ViewRows.cells;
import static io.policygen.testsupport.ViewRows.named;
import static io.policygen.testsupport.ViewRows.row;
import static io.policygen.testsupport.ViewRows.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.policygen.gap.GapPageData;
import io.policygen.gap.PermissionSetLine;
import io.policygen.gap.PrincipalLine;
import io.policygen.testsupport.GapTables;
import io.policygen.testsupport.TestDatabase;
import io.policygen.testsupport.TestPostgres;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * report_permission_set_gap on a known state: two permission sets' roles in three accounts (one in a Region's path),
 * judged over all their accounts; a role unused within the lookback, one not reviewed yet, two grant sets for one
 * permission set; and roles that are not a permission set's (a look-alike outside /aws-reserved/, a name without the
 * suffix), a deleted one and one in an account out of scope, none of which may count.
 */
@ExtendWith(TestPostgres.class)
class PermissionSetGapIT {

    private static final String P1 = "111111111111";
    private static final String P2 = "222222222222";
    private static final String P3 = "333333333333";
    private static final String OUT = "444444444444";
    private static final String SSO = "role/aws-reserved/sso.amazonaws.com/";
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private static JdbcClient jdbc;

    @BeforeAll
    static void knownState(TestDatabase database) {
        jdbc = JdbcClient.create(database.dataSource());
        GapTables tables = new GapTables(jdbc, NOW);
        tables.account(P1, "prod", true);
        tables.account(P2, "dev", true);
        tables.account(P3, "stage", true);
        tables.account(OUT, "old", false);
        long data = tables.grant("g-data", action("s3", "s3:GetObject", "Read", 2), action("s3", "s3:PutObject", "Write", 5),
                action("s3", "s3:DeleteBucket", "Write", 5), action("iam", "iam:PassRole", "Write", 5),
                action("sqs", "sqs:SendMessage", "Write", 5), action("ec2", "ec2:RunInstances", "Write", 5));
        tables.gap(tables.principal(P1, SSO + "AWSReservedSSO_Data_Engineer_0123456789abcdef", null), "j-d1", data,
                6, 1, 0, 1, 4, 0, 0, 0, 20, "{}", "{}", "{s3:GetObject}", "{iam:PassRole}", "[]");
        tables.gap(tables.principal(P2, SSO + "eu-west-1/AWSReservedSSO_Data_Engineer_FEDCBA9876543210", null), "j-d2", data,
                6, 1, 1, 1, 3, 0, 0, 0, 15, "{}", "{sqs}", "{s3:PutObject}", "{iam:PassRole}", "[]");
        unused(tables.principal(P3, SSO + "AWSReservedSSO_Data_Engineer_00000000000000aa", null));
        tables.gap(tables.principal(OUT, SSO + "AWSReservedSSO_Data_Engineer_00000000000000bb", null), "j-out", data,
                6, 1, 0, 0, 5, 0, 0, 0, 25, "{}", "{}", "{ec2:RunInstances}", "{}", "[]");

        long admin = tables.grant("g-admin", action("iam", "iam:AttachRolePolicy", "Permissions management", 10),
                action("ec2", "ec2:RunInstances", "Write", 5));
        long adminWithKms = tables.grant("g-admin-kms", action("iam", "iam:AttachRolePolicy", "Permissions management", 10),
                action("ec2", "ec2:RunInstances", "Write", 5), action("kms", "kms:Decrypt", "Read", 2));
        tables.gap(tables.principal(P1, SSO + "AWSReservedSSO_Admin_aaaaaaaaaaaaaaaa", null), "j-a1", admin,
                2, 1, 0, 0, 1, 0, 0, 0, 10, "{iam}", "{}", "{ec2:RunInstances}", "{}", "[]");
        tables.gap(tables.principal(P2, SSO + "AWSReservedSSO_Admin_bbbbbbbbbbbbbbbb", null), "j-a2", adminWithKms,
                3, 0, 0, 0, 3, 0, 0, 0, 17, "{iam,ec2,kms}", "{}", "{}", "{}", "[]");
        tables.principal(P3, SSO + "AWSReservedSSO_Admin_cccccccccccccccc", null);

        unused(tables.principal(P1, SSO + "AWSReservedSSO_Billing_dddddddddddddddd", null));
        tables.gap(tables.principal(P1, SSO + "AWSReservedSSO_Gone_eeeeeeeeeeeeeeee", NOW), "j-gone", admin,
                2, 0, 0, 0, 2, 0, 0, 0, 15, "{iam,ec2}", "{}", "{}", "{}", "[]");
        tables.gap(tables.principal(P1, "role/AWSReservedSSO_LookAlike_0123456789abcdef", null), "j-look", admin,
                2, 0, 0, 0, 2, 0, 0, 0, 15, "{iam,ec2}", "{}", "{}", "{}", "[]");
        tables.gap(tables.principal(P1, SSO + "AWSReservedSSO_NoSuffix", null), "j-nosuffix", admin,
                2, 0, 0, 0, 2, 0, 0, 0, 15, "{iam,ec2}", "{}", "{}", "{}", "[]");
    }

    private static void unused(long principalId) {
        jdbc.sql("update principal set eligibility = 'UNUSED' where principal_id = ?").param(principalId).update();
    }

    @Test
    void shouldJudgeEachActionOverEveryAccountOfItsPermissionSet() {
        assertThat(named(jdbc, "select * from report_permission_set_gap")).containsExactly(
                cells("permission_set", "Admin", "accounts", 3L, "reviewed", 2L, "unused_roles", 0L, "pending_accounts", List.of(P3),
                        "complete", false, "grant_sets", 2L, "granted", 3L, "used", 1L, "used_at_service_level", 0L,
                        "not_observable", 0L, "unused", 2L, "unused_share", new BigDecimal("0.6667"), "score", 12L,
                        "top_unused_services", List.of("iam", "kms"), "used_actions", List.of("ec2:RunInstances")),
                cells("permission_set", "Data_Engineer", "accounts", 3L, "reviewed", 2L, "unused_roles", 1L, "pending_accounts", List.of(),
                        "complete", true, "grant_sets", 1L, "granted", 6L, "used", 2L, "used_at_service_level", 1L,
                        "not_observable", 1L, "unused", 2L, "unused_share", new BigDecimal("0.3333"), "score", 10L,
                        "top_unused_services", List.of("ec2", "s3"), "used_actions", List.of("s3:GetObject", "s3:PutObject")),
                cells("permission_set", "Billing", "accounts", 1L, "reviewed", 0L, "unused_roles", 1L, "pending_accounts", List.of(),
                        "complete", true, "grant_sets", 0L, "granted", 0L, "used", 0L, "used_at_service_level", 0L,
                        "not_observable", 0L, "unused", 0L, "unused_share", null, "score", 0L,
                        "top_unused_services", List.of(), "used_actions", List.of()));
    }

    @Test
    void shouldNameThePermissionSetOfItsRolesInThePrincipalsViews() {
        assertThat(rows(jdbc, "select name, permission_set from report_privilege_gap where account_id = ? order by name", P1)).containsExactly(
                row("AWSReservedSSO_Admin_aaaaaaaaaaaaaaaa", "Admin"), row("AWSReservedSSO_Data_Engineer_0123456789abcdef", "Data_Engineer"),
                row("AWSReservedSSO_LookAlike_0123456789abcdef", null), row("AWSReservedSSO_NoSuffix", null));
        assertThat(rows(jdbc, "select principal_arn, permission_set from report_unused_principals order by 1")).containsExactly(
                row(GapTables.arn(P1, SSO + "AWSReservedSSO_Billing_dddddddddddddddd"), "Billing"),
                row(GapTables.arn(P3, SSO + "AWSReservedSSO_Data_Engineer_00000000000000aa"), "Data_Engineer"));
        assertThat(rows(jdbc, """
                select identity_center_permission_set('ROLE', '/aws-reserved/sso.amazonaws.com/', 'AWSReservedSSO_A_B_0123456789abcdef'),
                       identity_center_permission_set('USER', '/aws-reserved/sso.amazonaws.com/', 'AWSReservedSSO_A_0123456789abcdef'),
                       identity_center_permission_set('ROLE', '/aws-reserved/sso.amazonaws.com/', 'AWSReservedSSO__0123456789abcdef')"""))
                .containsExactly(row("A_B", null, null));
    }

    @Test
    void shouldShowTheSetsAndTheirRolesOnTheGapPage(TestDatabase database) throws Exception {
        GapPageData data;
        try (Connection connection = database.dataSource().getConnection()) {
            data = GapReport.read(connection, GapReport.MAX_PRINCIPALS);
        }

        assertThat(data.permissionSets()).extracting(PermissionSetLine::name).as("the view's order: score, then name")
                .containsExactly("Admin", "Data_Engineer", "Billing");
        assertThat(data.permissionSets().getFirst()).isEqualTo(new PermissionSetLine("Admin", 3, 2, false, 2, 3, 1, 2, 0.6667, 12,
                List.of("iam", "kms")));
        assertThat(data.permissionSets().getLast().unusedShare()).as("no action reviewed: no share").isZero();
        assertThat(data.principals()).filteredOn(line -> line.row().accountId().equals(P1))
                .extracting(line -> line.row().name(), PrincipalLine::permissionSet).containsExactlyInAnyOrder(
                        tuple("AWSReservedSSO_Admin_aaaaaaaaaaaaaaaa", "Admin"),
                        tuple("AWSReservedSSO_Data_Engineer_0123456789abcdef", "Data_Engineer"),
                        tuple("AWSReservedSSO_LookAlike_0123456789abcdef", null), tuple("AWSReservedSSO_NoSuffix", null));

        String page = GapReport.render(data);
        assertThat(page).containsSubsequence("<h2>Permission sets</h2>", "<td>Admin</td>", "accounts not reviewed yet",
                "2 grant sets", "<td>Data_Engineer</td>", "<td>Billing</td>", "<h2>Principals, ranked by score</h2>");
        assertThat(page).contains("AWSReservedSSO_Admin_aaaaaaaaaaaaaaaa<br><span class=\"hint\">/aws-reserved/sso.amazonaws.com/</span>"
                + "<br><span class=\"flag\">permission set Admin</span>");
    }
}
