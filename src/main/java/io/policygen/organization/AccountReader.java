package io.policygen.organization;

import io.policygen.aws.AskAgain;
import io.policygen.batch.StepStop;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Streams the organization's accounts. It keeps no position across runs: listing accounts is cheap and the writer's
 * upserts are idempotent, so a restarted step simply lists again. Within a listing, a page AWS did not answer after
 * the SDK's retries is asked for again when {@link AskAgain} asks again, and the listing goes on from it. Asked to
 * stop (SIGTERM), it ends the step STOPPED at once.
 */
public class AccountReader implements ItemStreamReader<OrgAccount> {

    private final OrganizationPages organization;
    private final List<String> ouIds;
    private final AskAgain askAgain;
    private final Set<String> read = new HashSet<>();
    private OrganizationListing listing;

    public AccountReader(OrganizationPages organization, List<String> ouIds, AskAgain askAgain) {
        this.organization = organization;
        this.ouIds = ouIds;
        this.askAgain = askAgain;
    }

    @Override
    public void open(ExecutionContext executionContext) {
        read.clear();
        listing = OrganizationListing.of(organization, ouIds);
    }

    @Override
    public OrgAccount read() {
        if (!askAgain.stopRequested()) {
            try {
                return askAgain.call(listing::call, this::next);
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

    /** An account listed twice (an organization changing under its listing) is read once. */
    private OrgAccount next() {
        while (listing.hasNext()) {
            OrgAccount account = listing.next();
            if (read.add(account.accountId())) {
                return account;
            }
        }
        return null;
    }

    @Override
    public void close() {
        listing = null;
    }
}
