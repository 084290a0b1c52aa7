package io.policygen.job;

import io.policygen.generation.SetupFixes;
import io.policygen.log.LogEvent;
import io.policygen.principal.CatalogStore;
import io.policygen.principal.IamPrincipalReader;
import io.policygen.principal.PrincipalStore;
import io.policygen.principal.PrincipalWriter;
import io.policygen.organization.AccountStore;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * After an account's listing: records an account that could not be entered (and keeps its principals as they
 * were), says that AWS cut one short (and keeps them so too: the run goes on without this listing and exits 1), or,
 * after a complete listing, marks the principals it no longer has as deleted and forgets the groups it
 * no longer has.
 */
public class PrincipalListingListener implements StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(PrincipalListingListener.class);

    private final String accountId;
    private final String memberRoleArn;
    private final AccountStore accounts;
    private final PrincipalStore principals;
    private final PrincipalWriter written;
    private final CatalogStore catalog;
    private final Clock clock;
    private final long runId;

    public PrincipalListingListener(String accountId, String memberRoleArn, AccountStore accounts, PrincipalStore principals,
                                    PrincipalWriter written, CatalogStore catalog, Clock clock, long runId) {
        this.accountId = accountId;
        this.memberRoleArn = memberRoleArn;
        this.accounts = accounts;
        this.principals = principals;
        this.written = written;
        this.catalog = catalog;
        this.clock = clock;
        this.runId = runId;
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        ExecutionContext context = stepExecution.getExecutionContext();
        String code = context.getString(IamPrincipalReader.ACCESS_ERROR_CODE, null);
        if (code != null) {
            String message = context.getString(IamPrincipalReader.ACCESS_ERROR_MESSAGE, "");
            String fix = Boolean.TRUE.equals(context.get(IamPrincipalReader.ACCESS_ERROR_ENTERED))
                    ? SetupFixes.forUnreadableIam(memberRoleArn) : SetupFixes.forUnenterableAccount(memberRoleArn);
            accounts.recordAccessError(accountId, code, message, fix);
            LogEvent.warn(log, "account-unenterable").with("account", accountId).with("code", code).quoted("detail", message)
                    .quoted("fix", fix).log();
            return new ExitStatus("ACCESS_DENIED", code + ": " + message);
        }
        String failure = context.getString(IamPrincipalReader.LISTING_FAILURE, null);
        if (failure != null) {
            String effect = accounts.principalsListedAt(accountId)
                    .map(at -> "its generations this run work from its listing of " + at + "; run again to list it")
                    .orElse("never listed whole: nothing is generated there until a run lists it; run again");
            accounts.recordListingFailure(accountId, failure, clock.instant());
            LogEvent.warn(log, "account-listing-failed").with("account", accountId).quoted("detail", failure)
                    .quoted("effect", effect).log();
            return new ExitStatus(IamPrincipalReader.LISTING_FAILED, failure + "; " + effect);
        }
        if (stepExecution.getStatus() == BatchStatus.COMPLETED) {
            principals.markDeleted(accountId, written.unlistedIds(), clock.instant());
            catalog.removeUnseenGroups(accountId, runId);
            accounts.recordPrincipalsListed(accountId, clock.instant());
        }
        return null;
    }
}
