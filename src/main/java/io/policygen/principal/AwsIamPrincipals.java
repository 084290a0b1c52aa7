package io.policygen.principal;

import io.policygen.aws.AskAgain;
import io.policygen.aws.AwsClients;
import io.policygen.aws.CredentialsExpiredException;
import io.policygen.aws.MemberAccount;
import io.policygen.principal.IamEntity.ListedGroup;
import io.policygen.principal.IamEntity.ListedPolicy;
import io.policygen.principal.IamEntity.ListedPrincipal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.CredentialReportNotReadyException;
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.model.GetAccountAuthorizationDetailsResponse;
import software.amazon.awssdk.services.iam.model.ManagedPolicyDetail;
import software.amazon.awssdk.services.iam.model.PolicyDetail;
import software.amazon.awssdk.services.iam.model.PolicyVersion;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * IAM through the SDK, as the account's member role: GetAccountAuthorizationDetails page by page (MaxItems per page,
 * Marker and IsTruncated followed here, so that a session renewed between pages resumes at the marker), documents
 * URL-decoded (IAM sends them URL-encoded, RFC 3986, and the Java SDK leaves them so), and the credential report. Each
 * call goes through the account's {@link io.policygen.aws.MemberSession}, which renews a session refused as expired.
 */
public final class AwsIamPrincipals implements IamPrincipals {

    private final AwsClients clients;
    private final int pageSize;
    private final DiscoveryControl control;
    private final Duration retryAfter;

    /**
     * {@code retryAfter}: how long before a call of the listing AWS did not answer is asked again (then twice as long;
     * zero: never).
     */
    public AwsIamPrincipals(AwsClients clients, int pageSize, DiscoveryControl control, Duration retryAfter) {
        this.clients = clients;
        this.pageSize = pageSize;
        this.control = control;
        this.retryAfter = retryAfter;
    }

    @Override
    public AccountIam open(String accountId) {
        MemberAccount account = clients.memberAccount(accountId);
        AskAgain askAgain = new AskAgain("listing-call-asked-again", accountId, control::stopRequested, control, retryAfter);
        try {
            askAgain.run("AssumeRole", account::assumeRole);
        } catch (RuntimeException e) {
            account.close();
            // STS answering 5xx or throttling after the SDK's retries is a bad moment, not the account's setup
            throw e instanceof AwsServiceException refused && AskAgain.isRefusal(refused)
                    ? accessError(accountId, "cannot assume the member role", refused) : e;
        }
        return new AccountIam() {
            @Override
            public Stream<IamEntity> authorizationDetails(Set<Listing> kinds) {
                Iterator<GetAccountAuthorizationDetailsResponse> pages =
                        new Pages(account, filter(kinds), pageSize, askAgain);
                // lazy, as the SDK's paginator was: the first page is asked for on the first read, where refusals are caught
                return StreamSupport.stream(Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED), false)
                        .flatMap(AwsIamPrincipals::entities);
            }

            @Override
            public ReportState generateCredentialReport() {
                return ReportState.valueOf(account.session().call("GenerateCredentialReport",
                        () -> account.iam().generateCredentialReport()).stateAsString());
            }

            @Override
            public Optional<String> credentialReport() {
                try {
                    return Optional.of(account.session().call("GetCredentialReport",
                            () -> account.iam().getCredentialReport()).content().asUtf8String());
                } catch (CredentialReportNotReadyException e) {
                    return Optional.empty();
                }
            }

            @Override
            public void close() {
                account.close();
            }
        };
    }

    /**
     * The account's refusal, recorded as its setup problem; but expired credentials are nobody's setup and no account
     * can be entered with them: thrown as they are, they end the run.
     */
    static AccountAccessException accessError(String accountId, String what, AwsServiceException e) {
        CredentialsExpiredException.throwIfIn(e);
        String code = e.awsErrorDetails() != null ? e.awsErrorDetails().errorCode() : String.valueOf(e.statusCode());
        String message = e.awsErrorDetails() != null ? e.awsErrorDetails().errorMessage() : e.getMessage();
        return new AccountAccessException(code, "account " + accountId + ": " + what + ": " + message, e);
    }

    /**
     * GetAccountAuthorizationDetails page by page, each its own call: a session renewed between pages goes on at the
     * marker, and a page AWS did not answer is asked again with the same marker ({@link AskAgain}).
     */
    private static final class Pages implements Iterator<GetAccountAuthorizationDetailsResponse> {

        private final MemberAccount account;
        private final List<EntityType> filter;
        private final int pageSize;
        private final AskAgain askAgain;
        private String marker;
        private boolean more = true;

        Pages(MemberAccount account, List<EntityType> filter, int pageSize, AskAgain askAgain) {
            this.account = account;
            this.filter = filter;
            this.pageSize = pageSize;
            this.askAgain = askAgain;
        }

        @Override
        public boolean hasNext() {
            return more;
        }

        @Override
        public GetAccountAuthorizationDetailsResponse next() {
            if (!more) {
                throw new NoSuchElementException();
            }
            GetAccountAuthorizationDetailsResponse page = askAgain.call("GetAccountAuthorizationDetails",
                    () -> account.session().call("GetAccountAuthorizationDetails", () -> account.iam()
                            .getAccountAuthorizationDetails(r -> r.filter(filter).maxItems(pageSize).marker(marker))));
            more = Boolean.TRUE.equals(page.isTruncated());
            marker = page.marker();
            return page;
        }
    }

    private static List<EntityType> filter(Set<Listing> kinds) {
        return kinds.stream().flatMap(kind -> switch (kind) {
            case ROLES -> Stream.of(EntityType.ROLE);
            case USERS -> Stream.of(EntityType.USER);
            case GROUPS -> Stream.of(EntityType.GROUP);
            case MANAGED_POLICIES -> Stream.of(EntityType.LOCAL_MANAGED_POLICY, EntityType.AWS_MANAGED_POLICY);
        }).toList();
    }

    private static Stream<IamEntity> entities(GetAccountAuthorizationDetailsResponse page) {
        Stream<IamEntity> users = page.userDetailList().stream().map(u -> new ListedPrincipal(PrincipalType.USER, u.arn(),
                u.userName(), u.path(), u.userId(), u.createDate(), inline(u.userPolicyList()), arns(u.attachedManagedPolicies()),
                u.permissionsBoundary() == null ? null : u.permissionsBoundary().permissionsBoundaryArn(), tags(u.tags()),
                u.groupList(), null));
        Stream<IamEntity> groups = page.groupDetailList().stream().map(g -> new ListedGroup(g.groupName(), g.arn(), g.path(),
                g.groupId(), inline(g.groupPolicyList()), arns(g.attachedManagedPolicies())));
        Stream<IamEntity> roles = page.roleDetailList().stream().map(r -> new ListedPrincipal(PrincipalType.ROLE, r.arn(),
                r.roleName(), r.path(), r.roleId(), r.createDate(), inline(r.rolePolicyList()), arns(r.attachedManagedPolicies()),
                r.permissionsBoundary() == null ? null : r.permissionsBoundary().permissionsBoundaryArn(), tags(r.tags()),
                List.of(), r.roleLastUsed() == null ? null : r.roleLastUsed().lastUsedDate()));
        Stream<IamEntity> policies = page.policies().stream().map(AwsIamPrincipals::policy);
        return Stream.of(users, groups, roles, policies).flatMap(s -> s);
    }

    private static ListedPolicy policy(ManagedPolicyDetail p) {
        String document = p.policyVersionList().stream().filter(v -> Boolean.TRUE.equals(v.isDefaultVersion()))
                .map(PolicyVersion::document).findFirst().map(AwsIamPrincipals::decode).orElse("{}");
        return new ListedPolicy(p.arn(), p.policyName(), p.path(), p.defaultVersionId(), p.description(), document,
                p.arn().matches("arn:[^:]+:iam::aws:.*"));
    }

    private static Map<String, String> inline(List<PolicyDetail> policies) {
        Map<String, String> documents = new LinkedHashMap<>();
        policies.forEach(p -> documents.put(p.policyName(), decode(p.policyDocument())));
        return documents;
    }

    private static List<String> arns(List<AttachedPolicy> attached) {
        return attached.stream().map(AttachedPolicy::policyArn).toList();
    }

    private static Map<String, String> tags(List<Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        tags.forEach(t -> map.put(t.key(), t.value()));
        return map;
    }

    /** RFC 3986 encoding: no '+' stands for a space, so URLDecoder reads it right. */
    static String decode(String document) {
        return document == null ? null : URLDecoder.decode(document, StandardCharsets.UTF_8);
    }
}
