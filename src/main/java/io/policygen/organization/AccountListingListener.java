package io.policygen.organization;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/** After the listing: accounts it did not return are out of scope, but only after a complete listing. */
public class AccountListingListener implements StepExecutionListener {

    private final AccountStore accounts;
    private final long runId;

    public AccountListingListener(AccountStore accounts, long runId) {
        this.accounts = accounts;
        this.runId = runId;
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        if (stepExecution.getStatus() == BatchStatus.COMPLETED) {
            accounts.markUnseenOutOfScope(runId);
        }
        return null;
    }
}
