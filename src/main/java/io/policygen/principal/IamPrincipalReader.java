package io.policygen.principal;

import io.policygen.aws.CredentialsExpiredException;
import io.policygen.batch.StepStop;
import io.policygen.log.LogEvent;
import io.policygen.principal.IamEntity.ListedGroup;
import io.policygen.principal.IamEntity.ListedPolicy;
import io.policygen.principal.IamEntity.ListedPrincipal;
import io.policygen.principal.IamPrincipals.AccountIam;
import io.policygen.principal.IamPrincipals.Listing;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Streams what one account's IAM holds, in two GetAccountAuthorizationDetails listings: first its managed policies
 * and groups (kept in an {@link AccountCatalog}, and read as items to store), then its roles and users, each
 * assessed as it comes ({@link PrincipalAssessor}) and read if the filter admits it. Users' last use comes from the
 * credential report, asked for when the account is opened and collected before the principals. When the account
 * cannot be entered or read, it records why in the step's context (keys {@value #ACCESS_ERROR_CODE},
 * {@value #ACCESS_ERROR_MESSAGE}, and {@value #ACCESS_ERROR_ENTERED}: whether the role was assumed) and reads nothing
 * more, so the other accounts go on; so it does when AWS fails to answer (5xx, throttling or no answer after the SDK's
 * retries: key {@value #LISTING_FAILURE}), since one account's bad moment must not cost every account its night;
 * without a credential report
 * it goes on, users' last use unknown (key {@value #CREDENTIAL_REPORT_ERROR}).
 * It keeps no position: a restarted partition lists its account again, and the upserts are idempotent.
 */
public class IamPrincipalReader implements ItemStreamReader<IamItem> {

    public static final String ACCESS_ERROR_CODE = "iamPrincipalReader.accessErrorCode";
    public static final String ACCESS_ERROR_MESSAGE = "iamPrincipalReader.accessErrorMessage";
    /** True when the member role was assumed and the account's IAM then refused to be read. */
    public static final String ACCESS_ERROR_ENTERED = "iamPrincipalReader.accessErrorEntered";
    public static final String CREDENTIAL_REPORT_ERROR = "iamPrincipalReader.credentialReportError";
    /** AWS's failure that cut the listing short: the account's principals are as an earlier listing left them. */
    public static final String LISTING_FAILURE = "iamPrincipalReader.listingFailure";
    /** The exit code of the step whose listing AWS cut short. */
    public static final String LISTING_FAILED = "LISTING_FAILED";

    private static final Logger log = LoggerFactory.getLogger(IamPrincipalReader.class);

    private final IamPrincipals iam;
    private final String accountId;
    private final PrincipalProperties filter;
    private final EligibilityRules rules;
    private final Clock clock;
    private final DiscoveryControl control;
    private final Deque<IamItem> pending = new ArrayDeque<>();
    private ExecutionContext context;
    private AccountIam account;
    private AccountCatalog catalog;
    private CredentialReportFetch report;
    private PrincipalAssessor assessor;
    private Map<String, LastUse> lastUses = Map.of();
    private LastUse missing = LastUse.unknown("no credential report");
    private Stream<IamEntity> stream;
    private Iterator<IamEntity> entities = Collections.emptyIterator();
    private boolean principalsListed;

    public IamPrincipalReader(IamPrincipals iam, String accountId, PrincipalProperties filter, EligibilityRules rules,
                              Clock clock, DiscoveryControl control) {
        this.iam = iam;
        this.accountId = accountId;
        this.filter = filter;
        this.rules = rules;
        this.clock = clock;
        this.control = control;
    }

    @Override
    public void open(ExecutionContext executionContext) {
        context = executionContext;
        context.remove(ACCESS_ERROR_CODE);
        context.remove(ACCESS_ERROR_MESSAGE);
        context.remove(ACCESS_ERROR_ENTERED);
        context.remove(CREDENTIAL_REPORT_ERROR);
        context.remove(LISTING_FAILURE);
        if (control.stopRequested()) {
            interrupt();
            return;
        }
        try {
            account = iam.open(accountId);
            catalog = new AccountCatalog(accountId);
            if (filter.types().contains(PrincipalType.USER)) {
                report = new CredentialReportFetch(account, control, filter.credentialReportWait());
                report.start();
            }
        } catch (AccountAccessException e) {
            stopAt(e.code(), e.getMessage(), false);
            return;
        } catch (CredentialsExpiredException e) {
            stopRun(e);
            return;
        } catch (SdkException e) {
            failed("AssumeRole", e);
            return;
        }
        list(EnumSet.of(Listing.MANAGED_POLICIES, Listing.GROUPS));
    }

    @Override
    public IamItem read() {
        try {
            while (pending.isEmpty()) {
                if (control.stopRequested()) {
                    return interrupt();
                }
                if (entities.hasNext()) {
                    IamItem item = item(entities.next());
                    if (item != null) {
                        return item;
                    }
                } else if (catalog != null && !principalsListed) {
                    principalsListed = true;
                    pending.addAll(catalog.groups());
                    collectLastUses();
                    assessor = new PrincipalAssessor(accountId, catalog, rules, clock.instant());
                    Set<Listing> kinds = EnumSet.noneOf(Listing.class);
                    filter.types().forEach(type -> kinds.add(type == PrincipalType.ROLE ? Listing.ROLES : Listing.USERS));
                    list(kinds);
                } else {
                    return null;
                }
            }
            return pending.poll();
        } catch (AccountAccessException e) {
            return stopAt(e.code(), e.getMessage(), true);
        } catch (RuntimeException e) {
            var expired = CredentialsExpiredException.in(e);
            if (expired.isPresent()) {
                return stopRun(expired.get());
            }
            if (!(e instanceof SdkException failure)) {
                throw e;
            }
            if (!(e instanceof AwsServiceException refused) || refused.statusCode() != 403) {
                return failed("GetAccountAuthorizationDetails", failure);
            }
            AccountAccessException error = AwsIamPrincipals.accessError(accountId, "cannot read IAM", refused);
            return stopAt(error.code(), error.getMessage(), true);
        }
    }

    /** Expired credentials enter or read no account: the whole run stops, and this listing with it. */
    private IamItem stopRun(CredentialsExpiredException expired) {
        control.requestStop(expired.getMessage());
        return interrupt();
    }

    /**
     * Stops the listing as a stop request asks (SIGTERM; the credentials expired): the step ends STOPPED, not
     * COMPLETED, so that nothing unlisted is taken for deleted and a restart lists the account again; the accounts not
     * yet entered stop at once, without a call to AWS or a failure's stack trace each.
     */
    private IamItem interrupt() {
        StepStop.stopCurrentStep();
        return readNoMore();
    }

    private IamItem item(IamEntity entity) {
        return switch (entity) {
            case ListedPolicy policy -> catalog.add(policy);
            case ListedGroup group -> {
                catalog.add(group);
                yield null;
            }
            case ListedPrincipal p -> filter.admits(p.type(), p.path(), p.name())
                    ? assessor.assess(p, p.type() == PrincipalType.ROLE ? roleLastUse(p)
                    : lastUses.getOrDefault(p.arn(), missing)) // not in the report: created since it was made
                    : null;
        };
    }

    private static LastUse roleLastUse(ListedPrincipal role) {
        return role.lastUsed() == null ? LastUse.never() : new LastUse(role.lastUsed(), "RoleLastUsed", true);
    }

    private void collectLastUses() {
        if (report == null) {
            return;
        }
        report.lastUses().ifPresent(uses -> {
            lastUses = uses;
            missing = LastUse.unknown("not in the credential report");
        });
        if (report.failure() != null) {
            context.putString(CREDENTIAL_REPORT_ERROR, report.failure());
            LogEvent.warn(log, "credential-report-unavailable").with("account", accountId).quoted("reason", report.failure())
                    .quoted("effect", "users' last use unknown: none is taken for unused").log();
        }
    }

    private void list(Set<Listing> kinds) {
        closeStream();
        stream = account.authorizationDetails(kinds);
        entities = stream.iterator();
    }

    /** AWS failed to answer, asked again: the listing ends here, not complete; stopped if a stop cut an ask's wait short. */
    private IamItem failed(String operation, SdkException failure) {
        if (control.stopRequested()) {
            return interrupt();
        }
        context.putString(LISTING_FAILURE, operation + " failed: " + failure.getMessage());
        return readNoMore();
    }

    private IamItem stopAt(String code, String message, boolean entered) {
        context.putString(ACCESS_ERROR_CODE, code);
        context.putString(ACCESS_ERROR_MESSAGE, message);
        context.put(ACCESS_ERROR_ENTERED, entered);
        return readNoMore();
    }

    private IamItem readNoMore() {
        entities = Collections.emptyIterator();
        pending.clear();
        catalog = null;
        return null;
    }

    private void closeStream() {
        if (stream != null) {
            stream.close();
            stream = null;
        }
    }

    @Override
    public void close() {
        closeStream();
        if (account != null) {
            account.close();
            account = null;
        }
    }
}
