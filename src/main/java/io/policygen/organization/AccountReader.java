package io.policygen.organization;

import io.policygen.aws.AskAgain;
import io.policygen.batch.StepStop;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Streams the organization's accounts. It keeps no position: listing accounts is cheap and the writer's upserts
 * are idempotent, so a restarted step simply lists again. A listing AWS cut short (no answer after the SDK's retries)
 * is listed again from its start when {@link AskAgain} asks again, the accounts already read skipped. Asked to stop
 * (SIGTERM), it ends the step STOPPED at once.
 */
public class AccountReader implements ItemStreamReader<OrgAccount> {

    private final OrganizationAccounts organization;
    private final List<String> ouIds;
    private final AskAgain askAgain;
    private final Set<String> read = new HashSet<>();
    private Stream<OrgAccount> stream;
    private Iterator<OrgAccount> accounts;

    public AccountReader(OrganizationAccounts organization, List<String> ouIds, AskAgain askAgain) {
        this.organization = organization;
        this.ouIds = ouIds;
        this.askAgain = askAgain;
    }

    @Override
    public void open(ExecutionContext executionContext) {
        read.clear();
    }

    @Override
    public OrgAccount read() {
        if (!askAgain.stopRequested()) {
            try {
                return askAgain.call(ouIds.isEmpty() ? "ListAccounts" : "ListAccountsForParent", this::next);
            } catch (SdkException e) {
                if (!askAgain.stopRequested()) {
                    throw e;
                }
            }
        }
        // a listing cut short: the accounts it did not return are not out of scope
        StepStop.stopCurrentStep();
        return null;
    }

    private OrgAccount next() {
        try {
            if (accounts == null) {
                stream = organization.accounts(ouIds);
                accounts = stream.iterator();
            }
            while (accounts.hasNext()) {
                OrgAccount account = accounts.next();
                if (read.add(account.accountId())) {
                    return account;
                }
            }
            return null;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public void close() {
        if (stream != null) {
            stream.close();
        }
        stream = null;
        accounts = null;
    }
}
