package io.policygen.gap;

import static io.policygen.gap.TestCatalog.allow;
import static io.policygen.gap.TestCatalog.generated;
import static io.policygen.gap.TestCatalog.policy;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PrincipalGapsTest {

    private static final GapPrincipal APP = new GapPrincipal(3, "111111111111", PrincipalKind.ROLE, "app", "/", null);
    private static final GapPrincipal ADMIN = new GapPrincipal(7, "111111111111", PrincipalKind.ROLE, "admin", "/ops/", null);
    private static final GapPrincipal ALICE = new GapPrincipal(9, "222222222222", PrincipalKind.USER, "alice", "/", null);

    private final InMemoryGapSource source = new InMemoryGapSource()
            .principal(ADMIN, CurrentPolicies.of(AttachedPolicy.managed("arn:aws:iam::aws:policy/AdministratorAccess",
                    policy(allow("\"*\"")))), generated(policy(allow("[\"s3:GetObject\", \"sqs:*\"]"))))
            .principal(APP, CurrentPolicies.of(AttachedPolicy.inline("app", policy(allow("\"s3:Get*\"")))),
                    generated(policy(allow("\"s3:GetObject\""))))
            .principal(ALICE, CurrentPolicies.of(AttachedPolicy.group("readers/read", policy(allow("\"sqs:ReceiveMessage\"")))),
                    generated(policy(allow("\"sqs:ReceiveMessage\""))));
    private final PrincipalGaps gaps = new PrincipalGaps(new GapCalculator(TestCatalog.CATALOG), source);

    @Test
    void shouldComputeTheGapsOfOnePageInIdOrder() {
        List<PrincipalGap> page = gaps.page(0, 2);

        assertThat(page).extracting(PrincipalGap::principal).containsExactly(APP, ADMIN);
        assertThat(page.get(0).gap().unusedActions()).containsExactly("s3:GetBucketPolicy");
        assertThat(gaps.page(7, 2)).extracting(PrincipalGap::principal).containsExactly(ALICE);
        assertThat(gaps.page(9, 2)).isEmpty();
        assertThat(source.pagesAfter).containsExactly(0L, 7L, 9L);
    }

    @Test
    void shouldTurnAPageIntoTableRows() {
        List<GapRow> rows = gaps.rows(3, 10);

        assertThat(rows).hasSize(2);
        GapRow admin = rows.getFirst();
        assertThat(admin.principalId()).isEqualTo(7);
        assertThat(admin.accountId()).isEqualTo("111111111111");
        assertThat(admin.type()).isEqualTo(PrincipalKind.ROLE);
        assertThat(admin.name()).isEqualTo("admin");
        assertThat(admin.path()).isEqualTo("/ops/");
        assertThat(admin.granted()).isEqualTo(15);
        assertThat(admin.used()).isEqualTo(1);
        assertThat(admin.usedAtServiceLevel()).isEqualTo(2);
        assertThat(admin.notObservable()).isEqualTo(1);
        assertThat(admin.unused()).isEqualTo(11);
        assertThat(admin.unusedShare()).isEqualTo(11.0 / 15);
        assertThat(admin.score()).isEqualTo(26 + 12 + 11); // s3 but GetObject, iam but PassRole, ec2
        assertThat(admin.topUnusedServices()).containsExactly("s3", "iam", "ec2");
        assertThat(admin.serviceLevel()).containsExactly("sqs");
        assertThat(admin.notes()).isZero();
        GapRow alice = rows.get(1);
        assertThat(alice.unused()).isZero();
        assertThat(alice.topUnusedServices()).isEmpty();
    }
}
