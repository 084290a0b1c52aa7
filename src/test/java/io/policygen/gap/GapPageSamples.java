package io.policygen.gap;

import static io.policygen.gap.TestCatalog.allow;
import static io.policygen.gap.TestCatalog.generated;
import static io.policygen.gap.TestCatalog.policy;

import java.util.List;

/** Hand-written page data with the strings anyone with IAM rights in a member account could write. */
final class GapPageSamples {

    static final String IMG = "<img src=x onerror=alert(1)>";
    static final String SCRIPT_NAME = "</td><script>alert(2)</script>";
    static final String SVG_PATH = "/\"><svg onload=alert(3)>/";

    /** Median unused shares 0.9, 0.3, 0.6; reviewed 10 of 10, 5 of 10, 0 of 4. */
    static final List<AccountLine> ACCOUNTS = List.of(
            new AccountLine("111111111111", IMG, 10, 10, 0.9, 1.0),
            new AccountLine("222222222222", "payments", 10, 5, 0.3, 0.5),
            new AccountLine("333333333333", "sandbox", 4, 0, 0.6, 0.6));

    /** Unused shares 0.75 and 0.5; the first not complete, with two grant sets. */
    static final List<PermissionSetLine> PERMISSION_SETS = List.of(
            new PermissionSetLine(SCRIPT_NAME, 3, 2, false, 2, 40, 10, 30, 0.75, 150, List.of("ec2", IMG)),
            new PermissionSetLine("ReadOnly", 2, 2, true, 1, 8, 4, 4, 0.5, 8, List.of("s3")));

    private GapPageSamples() {
    }

    static GapPageData data() {
        GapCalculator calculator = new GapCalculator(TestCatalog.CATALOG);
        PrivilegeGap admin = calculator.gap(CurrentPolicies.of(
                        AttachedPolicy.managed("arn:aws:iam::aws:policy/AdministratorAccess", policy(allow("\"*\""))),
                        AttachedPolicy.inline(IMG, policy("{\"Effect\":\"Deny\",\"Action\":\"s3:DeleteObject\",\"Resource\":\"*\","
                                + "\"Condition\":{\"StringEquals\":{\"aws:PrincipalTag/team\":\"" + IMG.replace("\"", "\\\"") + "\"}}}"))),
                generated(policy(allow("\"s3:GetObject\""))));
        PrivilegeGap reader = calculator.gap(CurrentPolicies.of(AttachedPolicy.inline("read", policy(allow("\"s3:Get*\"")))),
                generated(policy(allow("\"s3:GetObject\""))));
        return new GapPageData("2026-11-28 07:00 UTC", TestCatalog.CATALOG.source(), 2, List.of(
                PrincipalLine.of(1, IMG, new GapPrincipal(7, "111111111111", PrincipalKind.ROLE, SCRIPT_NAME, SVG_PATH, null), admin),
                PrincipalLine.of(2, "payments", new GapPrincipal(9, "222222222222", PrincipalKind.ROLE,
                        "AWSReservedSSO_ReadOnly_0123456789abcdef", "/aws-reserved/sso.amazonaws.com/", "ReadOnly"), reader)),
                ACCOUNTS, PERMISSION_SETS);
    }
}
