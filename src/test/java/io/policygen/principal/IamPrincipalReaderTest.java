package io.policygen.principal;

import static org.assertj.core.api.Assertions.assertThat;

import io.policygen.principal.IamEntity.ListedGroup;
import io.policygen.principal.IamEntity.ListedPolicy;
import io.policygen.principal.IamItem.DiscoveredGroup;
import io.policygen.principal.IamItem.DiscoveredPolicy;
import io.policygen.principal.IamItem.DiscoveredPrincipal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;

class IamPrincipalReaderTest {

    private static final String ACCOUNT = "111111111111";
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final String ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
    private static final String BOUNDARY = "arn:aws:iam::111111111111:policy/workload-boundary";
    private static final String CSV = """
            user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated
            <root_account>,arn:aws:iam::111111111111:root,2019-01-01T00:00:00+00:00,not_supported,2026-05-30T10:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A
            alice,arn:aws:iam::111111111111:user/alice,2025-01-01T00:00:00+00:00,true,2026-05-20T08:00:00+00:00,2025-01-01T00:00:00+00:00,N/A,true,true,2025-01-02T00:00:00+00:00,2026-05-28T09:30:00+00:00,us-east-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A
            """;

    private final List<Duration> waits = new ArrayList<>();
    private String stopReason;
    private final DiscoveryControl control = new DiscoveryControl() {
        @Override
        public boolean stopRequested() {
            return stopReason != null;
        }

        @Override
        public void requestStop(String reason) {
            stopReason = reason;
        }

        @Override
        public void sleep(Duration duration) {
            waits.add(duration);
        }
    };
    private final InMemoryIamPrincipals iam = new InMemoryIamPrincipals()
            .add(ACCOUNT, new ListedPolicy(ADMIN, "AdministratorAccess", "/", "v1", "all",
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}", true))
            .add(ACCOUNT, new ListedGroup("Admins", "arn:aws:iam::111111111111:group/Admins", "/", "AGPA1", Map.of(), List.of(ADMIN)))
            .add(ACCOUNT, new ListedPolicy(BOUNDARY, "workload-boundary", "/", "v3", "data only",
                    "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":[\"s3:*\",\"sqs:SendMessage\"],\"Resource\":\"*\"}}", false))
            .principal(ACCOUNT, PrincipalType.USER, "/", "alice")
            .add(ACCOUNT, InMemoryIamPrincipals.principal(ACCOUNT, PrincipalType.USER, "/", "root-like", Map.of(), List.of(),
                    List.of("Admins"), null, null))
            .add(ACCOUNT, InMemoryIamPrincipals.principal(ACCOUNT, PrincipalType.ROLE, "/", "app-billing", Map.of(), List.of(ADMIN),
                    List.of(), BOUNDARY, NOW.minus(Duration.ofDays(2))))
            .principal(ACCOUNT, PrincipalType.ROLE, "/aws-service-role/support.amazonaws.com/", "AWSServiceRoleForSupport")
            .principal(ACCOUNT, PrincipalType.ROLE, "/", "app-billing-legacy")
            .credentialReport(ACCOUNT, CSV, 2)
            .unenterable("222222222222");
    private final ExecutionContext context = new ExecutionContext();

    private static PrincipalProperties filter(List<PrincipalType> types, List<Pattern> exclude) {
        return new PrincipalProperties(types, List.of("/aws-service-role/"), List.of(), exclude, 8, 1000, Duration.ofMinutes(2), Duration.ZERO);
    }

    @Test
    void shouldReadTheCatalogFirstThenTheRolesAndUsersThatTheFilterAdmits() {
        List<IamItem> read = readAll(ACCOUNT, filter(List.of(PrincipalType.ROLE, PrincipalType.USER), List.of(Pattern.compile(".*-legacy"))));

        assertThat(read).extracting(IamPrincipalReaderTest::describe).containsExactly(
                "policy AdministratorAccess", "policy workload-boundary", "group Admins", "user alice", "user root-like",
                "role app-billing");
        assertThat(iam.open).as("account closed").isZero();
    }

    @Test
    void shouldAssessWhatEachMayDoThroughItsPoliciesGroupsAndBoundary() {
        List<DiscoveredPrincipal> principals = principals(readAll(ACCOUNT, filter(List.of(PrincipalType.ROLE, PrincipalType.USER), List.of())));

        assertThat(principal(principals, "root-like").assessment().breadth()).isEqualTo(Breadth.ADMIN);
        assertThat(principal(principals, "root-like").assessment().broadestGrants()).containsExactly("group Admins: AdministratorAccess: *");
        DiscoveredPrincipal bounded = principal(principals, "app-billing");
        assertThat(bounded.assessment().breadth()).as("AdministratorAccess within a data-only boundary").isEqualTo(Breadth.SERVICE_WIDE);
        assertThat(bounded.assessment().broadestGrants()).containsExactly("AdministratorAccess: *", "bounded by workload-boundary: SERVICE_WIDE");
        assertThat(bounded.attached()).containsExactly(new IamItem.PolicyVersion(ADMIN, "v1"));
        assertThat(bounded.boundary()).isEqualTo(new IamItem.PolicyVersion(BOUNDARY, "v3"));
        assertThat(principal(principals, "alice").assessment().breadth()).isEqualTo(Breadth.NONE);
    }

    @Test
    void shouldTakeUsersLastUseFromTheCredentialReportOnceItIsComplete() {
        List<DiscoveredPrincipal> principals = principals(readAll(ACCOUNT, filter(List.of(PrincipalType.ROLE, PrincipalType.USER), List.of())));

        assertThat(principal(principals, "alice").lastUse())
                .isEqualTo(new LastUse(Instant.parse("2026-05-28T09:30:00Z"), "access_key_1", true));
        assertThat(principal(principals, "alice").assessment().eligibility()).isEqualTo(Eligibility.ELIGIBLE);
        assertThat(principal(principals, "root-like").lastUse()).as("not in the report: created since").isEqualTo(LastUse.unknown("not in the credential report"));
        assertThat(principal(principals, "app-billing").lastUse()).isEqualTo(new LastUse(NOW.minus(Duration.ofDays(2)), "RoleLastUsed", true));
        assertThat(iam.reportPolls).as("asked for at the start, then twice more until COMPLETE").isEqualTo(3);
        assertThat(waits).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));
        assertThat(context.containsKey(IamPrincipalReader.CREDENTIAL_REPORT_ERROR)).isFalse();
    }

    @Test
    void shouldAskAgainForTheCredentialReportWhereIamDidNotAnswer() {
        // IAM answering 500 to the report's calls: every user's last use unknown for the night, none taken for unused,
        // and the account's scarce generations spent on users nobody uses
        iam.credentialReportUnanswered(ACCOUNT, 3);

        List<DiscoveredPrincipal> principals = principals(readAll(ACCOUNT, filter(List.of(PrincipalType.USER), List.of())));

        assertThat(principal(principals, "alice").lastUse())
                .isEqualTo(new LastUse(Instant.parse("2026-05-28T09:30:00Z"), "access_key_1", true));
        assertThat(context.containsKey(IamPrincipalReader.CREDENTIAL_REPORT_ERROR)).isFalse();
        assertThat(iam.reportPolls).as("three unanswered, then until COMPLETE").isEqualTo(3);
        assertThat(waits).hasSize(5);
    }

    @Test
    void shouldSayIamDidNotAnswerWhenTheCredentialReportNeverCame() {
        iam.credentialReportUnanswered(ACCOUNT, Integer.MAX_VALUE);

        List<DiscoveredPrincipal> principals = principals(readAll(ACCOUNT, filter(List.of(PrincipalType.USER), List.of())));

        assertThat(principals).allSatisfy(p -> assertThat(p.assessment().reason()).isEqualTo("last use unknown (no credential report)"));
        assertThat(context.getString(IamPrincipalReader.CREDENTIAL_REPORT_ERROR)).matches("no credential report after 12\\d s .*")
                .contains("(IAM's last failure to answer: GenerateCredentialReport: We encountered an internal error");
    }

    @Test
    void shouldGoOnWithoutTheCredentialReportWhenIamRefusesIt() {
        iam.refuseCredentialReport(ACCOUNT);

        List<DiscoveredPrincipal> principals = principals(readAll(ACCOUNT, filter(List.of(PrincipalType.USER), List.of())));

        assertThat(principals).extracting(DiscoveredPrincipal::name).containsExactly("alice", "root-like");
        assertThat(principals).allSatisfy(p -> {
            assertThat(p.lastUse().known()).isFalse();
            assertThat(p.assessment().eligibility()).as("never taken for unused on no evidence").isEqualTo(Eligibility.ELIGIBLE);
            assertThat(p.assessment().reason()).isEqualTo("last use unknown (no credential report)");
        });
        assertThat(context.getString(IamPrincipalReader.CREDENTIAL_REPORT_ERROR)).startsWith("GenerateCredentialReport: not authorized");
    }

    @Test
    void shouldAskForNoCredentialReportWhenOnlyRolesAreWanted() {
        List<IamItem> read = readAll(ACCOUNT, filter(List.of(PrincipalType.ROLE), List.of()));

        assertThat(principals(read)).extracting(DiscoveredPrincipal::name).containsExactly("app-billing", "app-billing-legacy");
        assertThat(iam.reportPolls).isZero();
    }

    @Test
    void shouldRecordWhyAnAccountCannotBeEnteredAndReadNothing() {
        List<IamItem> read = readAll("222222222222", filter(List.of(PrincipalType.ROLE), List.of()));

        assertThat(read).isEmpty();
        assertThat(context.getString(IamPrincipalReader.ACCESS_ERROR_CODE)).isEqualTo("AccessDenied");
        assertThat(context.getString(IamPrincipalReader.ACCESS_ERROR_MESSAGE))
                .isEqualTo("account 222222222222: cannot assume the member role: not authorized");
        assertThat(context.get(IamPrincipalReader.ACCESS_ERROR_ENTERED)).as("the role was not assumed").isEqualTo(false);
    }

    @Test
    void shouldForgetAnEarlierAccessErrorWhenARestartedListingSucceeds() {
        context.putString(IamPrincipalReader.ACCESS_ERROR_CODE, "AccessDenied");
        context.putString(IamPrincipalReader.ACCESS_ERROR_MESSAGE, "from an earlier attempt");

        assertThat(principals(readAll(ACCOUNT, filter(List.of(PrincipalType.USER), List.of()))))
                .extracting(DiscoveredPrincipal::name).containsExactly("alice", "root-like");
        assertThat(context.containsKey(IamPrincipalReader.ACCESS_ERROR_CODE)).isFalse();
    }

    @Test
    void shouldEnterNoAccountOnceTheRunIsAskedToStop() {
        control.requestStop("SIGTERM");

        assertThat(readAll(ACCOUNT, filter(List.of(PrincipalType.ROLE, PrincipalType.USER), List.of()))).isEmpty();
        assertThat(iam.entered).as("no AssumeRole").isZero();
        assertThat(context.containsKey(IamPrincipalReader.ACCESS_ERROR_CODE)).as("not the account's problem").isFalse();
    }

    @Test
    void shouldReadNoMoreOnceTheRunIsAskedToStopMidListing() {
        IamPrincipalReader reader = reader(ACCOUNT, filter(List.of(PrincipalType.ROLE, PrincipalType.USER), List.of()));
        reader.open(context);
        assertThat(reader.read()).isNotNull();
        control.requestStop("SIGTERM");

        assertThat(reader.read()).isNull();
        reader.close();
        assertThat(iam.open).isZero();
        assertThat(context.containsKey(IamPrincipalReader.ACCESS_ERROR_CODE)).isFalse();
    }

    @Test
    void shouldStopTheRunNotBlameTheAccountWhenTheCredentialsHaveExpired() {
        iam.expireCredentials();

        assertThat(readAll(ACCOUNT, filter(List.of(PrincipalType.ROLE, PrincipalType.USER), List.of()))).isEmpty();
        assertThat(stopReason).startsWith("the management account's credentials policygen was started with have expired");
        assertThat(context.containsKey(IamPrincipalReader.ACCESS_ERROR_CODE)).isFalse();
    }

    private IamPrincipalReader reader(String accountId, PrincipalProperties filter) {
        return new IamPrincipalReader(iam, accountId, filter,
                new EligibilityRules(Duration.ofDays(90), Duration.ofDays(7)), Clock.fixed(NOW, ZoneOffset.UTC), control);
    }

    private List<IamItem> readAll(String accountId, PrincipalProperties filter) {
        IamPrincipalReader reader = reader(accountId, filter);
        reader.open(context);
        List<IamItem> items = new ArrayList<>();
        for (IamItem item = reader.read(); item != null; item = reader.read()) {
            items.add(item);
        }
        reader.close();
        return items;
    }

    private static List<DiscoveredPrincipal> principals(List<IamItem> items) {
        return items.stream().filter(DiscoveredPrincipal.class::isInstance).map(DiscoveredPrincipal.class::cast).toList();
    }

    private static DiscoveredPrincipal principal(List<DiscoveredPrincipal> principals, String name) {
        return principals.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    private static String describe(IamItem item) {
        return switch (item) {
            case DiscoveredPolicy p -> "policy " + p.policy().name();
            case DiscoveredGroup g -> "group " + g.group().name();
            case DiscoveredPrincipal p -> p.type().name().toLowerCase() + " " + p.name();
        };
    }
}
