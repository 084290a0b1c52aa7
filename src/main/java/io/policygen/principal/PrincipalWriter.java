package io.policygen.principal;

import io.policygen.principal.IamItem.DiscoveredGroup;
import io.policygen.principal.IamItem.DiscoveredPolicy;
import io.policygen.principal.IamItem.DiscoveredPrincipal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Stores a chunk of what one account's IAM holds, kind by kind: managed policies and groups, each in one batched
 * statement (the catalog first: principals refer to them), then the principals that are new or changed since they
 * were stored (new ones, {@link PrincipalStore#insert}; changed ones, {@link PrincipalStore#upsert}; those whose use
 * alone changed, {@link PrincipalStore#updateUse}); one
 * listed again as stored is not written. It keeps the ids of every principal it was given: once the listing is
 * complete, the account's others are gone ({@link #unlistedIds}).
 */
public class PrincipalWriter implements ItemWriter<IamItem> {

    private final String accountId;
    private final PrincipalStore principals;
    private final CatalogStore catalog;
    private final long runId;
    private final Clock clock;
    private final Set<String> listed = new HashSet<>();
    private Map<String, String> stored;

    public PrincipalWriter(String accountId, PrincipalStore principals, CatalogStore catalog, long runId, Clock clock) {
        this.accountId = accountId;
        this.principals = principals;
        this.catalog = catalog;
        this.runId = runId;
        this.clock = clock;
    }

    @Override
    public void write(Chunk<? extends IamItem> chunk) {
        List<DiscoveredPolicy> policies = new ArrayList<>();
        List<DiscoveredGroup> groups = new ArrayList<>();
        List<DiscoveredPrincipal> added = new ArrayList<>();
        List<DiscoveredPrincipal> changed = new ArrayList<>();
        List<DiscoveredPrincipal> used = new ArrayList<>();
        for (IamItem item : chunk) {
            switch (item) {
                case DiscoveredPolicy p -> policies.add(p);
                case DiscoveredGroup g -> groups.add(g);
                case DiscoveredPrincipal p -> {
                    listed.add(p.iamId());
                    String was = stored().get(p.iamId());
                    if (!stored.containsKey(p.iamId())) {
                        added.add(p);
                    } else if (ContentHash.sameButUse(p.contentHash(), was)) {
                        used.add(p);
                    } else if (!p.contentHash().equals(was)) {
                        changed.add(p);
                    }
                }
            }
        }
        Instant now = clock.instant();
        catalog.addPolicies(policies, now);
        catalog.upsertGroups(groups, runId, now);
        principals.insert(added, runId, now);
        principals.upsert(changed, runId, now);
        principals.updateUse(used, runId, now);
        for (List<DiscoveredPrincipal> written : List.of(added, changed, used)) {
            written.forEach(p -> stored.put(p.iamId(), p.contentHash()));
        }
    }

    /** The ids of the account's live principals, as stored before this listing, that it has not returned so far. */
    public Set<String> unlistedIds() {
        Set<String> unlisted = new HashSet<>(stored().keySet());
        unlisted.removeAll(listed);
        return unlisted;
    }

    private Map<String, String> stored() {
        if (stored == null) {
            stored = principals.storedContent(accountId);
        }
        return stored;
    }
}
