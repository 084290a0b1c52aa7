package io.policygen.gap;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code policygen export}: every principal of the database that has a gap, account by account in ascending order,
 * written by {@link PolicyExport}. Each gap is computed again from the stored policies and generation, as the job's
 * {@code computeGaps} step computed it (the same {@link StoredGapSource}, the same catalog): the files agree with the
 * report views as long as nothing changed since the job's last run ({@link #stale()} counts what did). One page of
 * principals is in memory at a time.
 */
public final class StoredExport {

    private final JdbcTemplate jdbc;
    private final GapCalculator calculator;
    private final String catalog;
    private final int pageSize;

    public StoredExport(JdbcTemplate jdbc, GapCalculator calculator, String catalog, int pageSize) {
        this.jdbc = jdbc;
        this.calculator = calculator;
        this.catalog = catalog;
        this.pageSize = pageSize;
    }

    public ExportSummary write(Path dir) throws IOException {
        return new PolicyExport(dir).write(this::rows);
    }

    /** Principals with a gap whose stored figures predate their policies, generation or the catalog: the job's next run updates them. */
    public int stale() {
        Integer count = jdbc.queryForObject("""
                select count(*) from principal p
                join account a on a.account_id = p.account_id and a.in_scope
                join lateral (select g.generation_id from generation g where g.principal_id = p.principal_id and g.state = 'SUCCEEDED'
                              order by g.completed_at desc nulls last, g.generation_id desc limit 1) g on true
                left join principal_gap pg on pg.principal_id = p.principal_id
                where p.deleted_at is null and p.policy_hash is not null
                  and (pg.principal_id is null or pg.policy_hash <> p.policy_hash or pg.generation_id <> g.generation_id
                       or pg.catalog <> ?)""", Integer.class, catalog);
        return count == null ? 0 : count;
    }

    private Iterator<ExportRow> rows() {
        Deque<String> accounts = new ArrayDeque<>(jdbc.queryForList(
                "select account_id from account where in_scope order by account_id collate \"C\"", String.class));
        return new Iterator<>() {
            private final Deque<GapInput> page = new ArrayDeque<>();
            private StoredGapSource source;
            private long after;
            private boolean accountDone = true;

            @Override
            public boolean hasNext() {
                while (page.isEmpty()) {
                    if (accountDone) {
                        if (accounts.isEmpty()) {
                            return false;
                        }
                        source = new StoredGapSource(jdbc, accounts.poll(), StoredGapSource.Scope.ALL, catalog, new StoredPolicies(jdbc));
                        after = 0;
                    }
                    List<GapInput> next = source.page(after, pageSize);
                    accountDone = next.size() < pageSize;
                    if (!next.isEmpty()) {
                        after = next.getLast().principal().principalId();
                    }
                    page.addAll(next);
                }
                return true;
            }

            @Override
            public ExportRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                GapInput input = page.poll();
                return new ExportRow(input.principal(), input.generated().documents(),
                        calculator.gap(input.current(), input.generated()));
            }
        };
    }
}
