package io.policygen.principal;

import io.policygen.principal.IamItem.DiscoveredGroup;
import io.policygen.principal.IamItem.DiscoveredPolicy;
import io.policygen.principal.IamItem.DiscoveredPrincipal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Stores a chunk of what an account's IAM holds, kind by kind: managed policies and groups, each in one batched
 * statement (the catalog first: principals refer to them), then principals ({@link PrincipalStore#upsert}).
 */
public class PrincipalWriter implements ItemWriter<IamItem> {

    private final PrincipalStore principals;
    private final CatalogStore catalog;
    private final long runId;
    private final Clock clock;

    public PrincipalWriter(PrincipalStore principals, CatalogStore catalog, long runId, Clock clock) {
        this.principals = principals;
        this.catalog = catalog;
        this.runId = runId;
        this.clock = clock;
    }

    @Override
    public void write(Chunk<? extends IamItem> chunk) {
        List<DiscoveredPolicy> policies = new ArrayList<>();
        List<DiscoveredGroup> groups = new ArrayList<>();
        List<DiscoveredPrincipal> found = new ArrayList<>();
        for (IamItem item : chunk) {
            switch (item) {
                case DiscoveredPolicy p -> policies.add(p);
                case DiscoveredGroup g -> groups.add(g);
                case DiscoveredPrincipal p -> found.add(p);
            }
        }
        Instant now = clock.instant();
        catalog.addPolicies(policies, now);
        catalog.upsertGroups(groups, runId, now);
        principals.upsert(found, runId, now);
    }
}
