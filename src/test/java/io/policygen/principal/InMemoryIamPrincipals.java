package io.policygen.principal;

import io.policygen.aws.CredentialsExpiredException;
import io.policygen.principal.IamEntity.ListedGroup;
import io.policygen.principal.IamEntity.ListedPolicy;
import io.policygen.principal.IamEntity.ListedPrincipal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * The IAM port in memory: each account's entities as GetAccountAuthorizationDetails would list them, its credential
 * report (ready after a number of GenerateCredentialReport calls, or refused), an account that cannot be entered,
 * and opening and closing tracked so a test can see the reader release what it opened. Wire-level behaviour is
 * tested against the simulator.
 */
final class InMemoryIamPrincipals implements IamPrincipals {

    static final Instant CREATED = Instant.parse("2025-01-01T00:00:00Z");

    private final Map<String, List<IamEntity>> entities = new HashMap<>();
    private final Map<String, String> reports = new HashMap<>();
    private final Map<String, Integer> pollsUntilReady = new HashMap<>();
    private final Set<String> unenterable = new HashSet<>();
    private final Set<String> reportRefused = new HashSet<>();
    private final Map<String, Integer> reportCallsUnanswered = new HashMap<>();
    private boolean credentialsExpired;
    int open;
    int entered;
    int reportPolls;

    InMemoryIamPrincipals principal(String accountId, PrincipalType type, String path, String name) {
        return add(accountId, principal(accountId, type, path, name, Map.of(), List.of(), List.of(), null, null));
    }

    static ListedPrincipal principal(String accountId, PrincipalType type, String path, String name, Map<String, String> inline,
                                     List<String> attached, List<String> groups, String boundary, Instant lastUsed) {
        String arn = "arn:aws:iam::" + accountId + ":" + type.name().toLowerCase() + path + name;
        return new ListedPrincipal(type, arn, name, path, (type == PrincipalType.ROLE ? "AROA" : "AIDA") + name.toUpperCase(),
                CREATED, inline, attached, boundary, Map.of(), groups, lastUsed);
    }

    InMemoryIamPrincipals add(String accountId, IamEntity entity) {
        entities.computeIfAbsent(accountId, k -> new ArrayList<>()).add(entity);
        return this;
    }

    /** The account's report, COMPLETE from the ({@code callsBeforeReady} + 1)-th GenerateCredentialReport on. */
    InMemoryIamPrincipals credentialReport(String accountId, String csv, int callsBeforeReady) {
        reports.put(accountId, csv);
        pollsUntilReady.put(accountId, callsBeforeReady);
        return this;
    }

    InMemoryIamPrincipals refuseCredentialReport(String accountId) {
        reportRefused.add(accountId);
        return this;
    }

    /** The account's next {@code calls} credential report calls (either) answered 500 after the SDK's retries. */
    InMemoryIamPrincipals credentialReportUnanswered(String accountId, int calls) {
        reportCallsUnanswered.put(accountId, calls);
        return this;
    }

    InMemoryIamPrincipals unenterable(String accountId) {
        unenterable.add(accountId);
        return this;
    }

    /** The management account's credentials expired: AssumeRole refused, as STS says it. */
    InMemoryIamPrincipals expireCredentials() {
        credentialsExpired = true;
        return this;
    }

    @Override
    public AccountIam open(String accountId) {
        if (credentialsExpired) {
            throw CredentialsExpiredException.in(AwsServiceException.builder().statusCode(403)
                    .awsErrorDetails(AwsErrorDetails.builder().serviceName("Sts").errorCode("ExpiredToken")
                            .errorMessage("The security token included in the request is expired").build()).build()).orElseThrow();
        }
        if (unenterable.contains(accountId)) {
            throw new AccountAccessException("AccessDenied", "account " + accountId + ": cannot assume the member role: not authorized", null);
        }
        open++;
        entered++;
        return new AccountIam() {
            @Override
            public Stream<IamEntity> authorizationDetails(Set<Listing> kinds) {
                return entities.getOrDefault(accountId, List.of()).stream().filter(e -> kinds.contains(kind(e)));
            }

            @Override
            public ReportState generateCredentialReport() {
                if (reportRefused.contains(accountId)) {
                    throw AwsServiceException.builder().statusCode(403).message("not authorized to GenerateCredentialReport")
                            .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").build()).build();
                }
                unansweredIfDue();
                reportPolls++;
                return ready() ? ReportState.COMPLETE : reportPolls == 1 ? ReportState.STARTED : ReportState.INPROGRESS;
            }

            @Override
            public Optional<String> credentialReport() {
                unansweredIfDue();
                return ready() ? Optional.ofNullable(reports.get(accountId)) : Optional.empty();
            }

            private void unansweredIfDue() {
                if (reportCallsUnanswered.merge(accountId, -1, Integer::sum) >= 0) {
                    throw AwsServiceException.builder().statusCode(500).message("We encountered an internal error")
                            .awsErrorDetails(AwsErrorDetails.builder().errorCode("ServiceFailure").build()).build();
                }
            }

            private boolean ready() {
                return reportPolls > pollsUntilReady.getOrDefault(accountId, 0);
            }

            @Override
            public void close() {
                open--;
            }
        };
    }

    private static Listing kind(IamEntity entity) {
        return switch (entity) {
            case ListedPrincipal p -> p.type() == PrincipalType.ROLE ? Listing.ROLES : Listing.USERS;
            case ListedGroup g -> Listing.GROUPS;
            case ListedPolicy p -> Listing.MANAGED_POLICIES;
        };
    }
}
