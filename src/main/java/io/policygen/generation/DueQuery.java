package io.policygen.generation;

/**
 * The SQL that decides who in an account is due, and in what order. Due: a live principal that discovery found
 * worth a generation (ELIGIBLE; one never assessed counts as eligible) and that was never generated, or whose last
 * success is older than the refresh period and whose policies or last use changed since it was generated (its
 * fingerprint then; one generated before fingerprints were kept counts as changed), or whose last attempt failed
 * with fewer than max-failures failures in the period. A principal needs one policy, from whichever generation
 * Region: its latest request in any of them counts. Deferred requests (refused at a quota, nothing started) and
 * failures charged to the account's setup don't count as tries: the principal stays as it was.
 * <p>
 * Order: never generated first, by the configured {@link GenerationOrder}; then refreshes, oldest result first; then
 * failures to try again, oldest first.
 */
final class DueQuery {

    private static final String BREADTH_RANK = "array_position(array['ADMIN', 'SERVICE_WIDE', 'NARROW', 'NONE']::varchar[], p.breadth)";

    private DueQuery() {
    }

    static String sql(GenerationOrder order) {
        String firstTime = switch (order) {
            case BREADTH_FIRST -> "case when last.state is null then " + BREADTH_RANK + " end nulls last,\n"
                    + "         case when last.state is null then p.last_used_at end desc nulls last,\n";
            case RECENT_USE_FIRST -> "case when last.state is null then p.last_used_at end desc nulls last,\n"
                    + "         case when last.state is null then " + BREADTH_RANK + " end nulls last,\n";
        };
        return """
                select p.principal_id, p.principal_arn, last.generation_id, p.last_used_at
                from principal p
                left join lateral (
                    select g.generation_id, g.state, coalesce(g.completed_at, g.requested_at) as at, g.principal_fingerprint
                    from generation g
                    where g.principal_id = p.principal_id and g.state <> 'DEFERRED' and g.charged_to = 'PRINCIPAL'
                    order by g.generation_id desc limit 1) last on true
                where p.account_id = :account and p.deleted_at is null and coalesce(p.eligibility, 'ELIGIBLE') = 'ELIGIBLE'
                  and (last.state is null
                       or (last.state = 'SUCCEEDED' and last.at < :refreshBefore
                           and coalesce(last.principal_fingerprint <> p.fingerprint, true))
                       or (last.state in (:failed) and (
                           select count(*) from generation f
                           where f.principal_id = p.principal_id and f.charged_to = 'PRINCIPAL'
                             and f.state in (:failed) and f.requested_at > :refreshBefore) < :maxFailures))
                order by case when last.state is null then 0 when last.state = 'SUCCEEDED' then 1 else 2 end,
                         """ + firstTime + """
                         last.at nulls first, p.principal_id
                limit :limit""";
    }
}
