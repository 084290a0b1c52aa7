package io.policygen.generation;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import io.policygen.store.OwnTransaction;
import io.policygen.store.Timestamps;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code generation} and {@code account_region} tables. Every method is one short statement in a transaction of
 * its own: no connection is held between them, above all not while AWS is being waited on.
 */
public class GenerationStore {

    private static final List<String> FAILED_STATES = List.of("FAILED", "REJECTED", "CANCELED");
    /** The first key of the advisory locks that serialise claims on a principal (the run lock uses the one-key form). */
    private static final int CLAIM_LOCK = 0x706f6c67;

    private final JdbcClient jdbc;
    private final OwnTransaction tx;
    private final JsonMapper json;

    public GenerationStore(JdbcClient jdbc, OwnTransaction tx, JsonMapper json) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.json = json;
    }

    /**
     * The slots where a request is still open (PENDING, IN_PROGRESS), whatever Regions are configured now: one in a
     * Region since left out of {@code generation.regions} holds its principal's only open request, which no principal
     * may have two of, in any Region.
     */
    public List<SlotId> slotsWithOpenRequests() {
        return tx.get(() -> jdbc.sql("select distinct account_id, region from generation where state in ('PENDING', 'IN_PROGRESS')")
                .query((rs, i) -> new SlotId(rs.getString(1), rs.getString(2))).list());
    }

    /** Every slot's requests without an outcome yet (PENDING, IN_PROGRESS), oldest first. */
    public Map<SlotId, List<OpenGeneration>> openBySlot() {
        return open("", List.of());
    }

    /** The requests still without an outcome that were made before then, by slot, oldest first. */
    public Map<SlotId, List<OpenGeneration>> openRequestedBefore(Instant before) {
        return open(" and g.requested_at < ?", List.of(Timestamp.from(before)));
    }

    private Map<SlotId, List<OpenGeneration>> open(String condition, List<Object> params) {
        Map<SlotId, List<OpenGeneration>> bySlot = new HashMap<>();
        tx.get(() -> jdbc.sql("""
                        select g.account_id, g.region, g.generation_id, p.principal_arn, g.client_token, g.job_id,
                               g.request::text as request, g.requested_at, g.run_id
                        from generation g join principal p using (principal_id)
                        where g.state in ('PENDING', 'IN_PROGRESS')""" + condition + " order by g.generation_id")
                .params(params)
                .query((rs, i) -> bySlot.computeIfAbsent(new SlotId(rs.getString(1), rs.getString(2)), k -> new ArrayList<>())
                        .add(new OpenGeneration(rs.getLong(3), rs.getString(4), rs.getObject(5, UUID.class), rs.getString(6),
                                json.readValue(rs.getString(7), GenerationRequest.class), rs.getTimestamp(8).toInstant(), rs.getLong(9))))
                .list());
        return bySlot;
    }

    /** Per slot, the generations AWS may count against the daily quota since then: started, or sent with an outcome unknown. */
    public Map<SlotId, Integer> startedSinceBySlot(Instant since) {
        Map<SlotId, Integer> bySlot = new HashMap<>();
        tx.get(() -> jdbc.sql("""
                        select account_id, region, count(*) from generation
                        where requested_at > ? and (job_id is not null or state = 'PENDING')
                        group by account_id, region""")
                .param(Timestamp.from(since))
                .query((rs, i) -> bySlot.put(new SlotId(rs.getString(1), rs.getString(2)), rs.getInt(3)))
                .list());
        return bySlot;
    }

    /** The account's principals due, in order: see {@link DueQuery}. */
    public List<DuePrincipal> due(SlotId slot, Instant now, Duration refreshAfter, int maxFailures, GenerationOrder order,
                                  int limit) {
        return tx.get(() -> jdbc.sql(DueQuery.sql(order))
                .param("account", slot.accountId())
                .param("refreshBefore", Timestamp.from(now.minus(refreshAfter)))
                .param("failed", FAILED_STATES)
                .param("maxFailures", maxFailures)
                .param("limit", limit)
                .query((rs, i) -> new DuePrincipal(rs.getLong(1), rs.getString(2), rs.getObject(3, Long.class),
                        Timestamps.instant(rs, 4)))
                .list());
    }

    /**
     * Commits the request and its token before the call: the invariant that makes every call recoverable, with the
     * principal's fingerprint as discovery last saw it (a success is refreshed only once it changed). Empty when
     * another Region's slot, which read the principal due at the same time, claimed it first (its latest request is no
     * longer the one read): one generation per principal, whichever slot claims it first (a transaction-scoped lock on
     * the principal serialises the claims).
     */
    public Optional<OpenGeneration> insertPending(DuePrincipal principal, SlotId slot, GenerationRequest request, long runId,
                                                  Instant now) {
        UUID token = UUID.randomUUID();
        // one round trip: the lock and the guarded insert in db/migration/V7__claim_generation.sql
        Optional<Long> id = tx.get(() -> jdbc.sql("""
                        select claim_generation(?::int, ?::int, ?::bigint, ?::varchar, ?::varchar, ?::uuid, ?::bigint,
                                                ?::timestamptz, ?::jsonb, ?::bigint)""")
                .params(CLAIM_LOCK, Long.hashCode(principal.principalId()), principal.principalId(), slot.accountId(), slot.region(),
                        token, runId, Timestamp.from(now), json.writeValueAsString(request), principal.lastGenerationId())
                .query((rs, i) -> Optional.ofNullable(rs.getObject(1, Long.class))).single());
        return id.map(generationId -> new OpenGeneration(generationId, principal.principalArn(), token, null, request, now, runId));
    }

    /** Whether a jobId is already recorded, for any request. */
    public boolean knowsJob(String jobId) {
        return tx.get(() -> jdbc.sql("select exists (select 1 from generation where job_id = ?)").param(jobId)
                .query(Boolean.class).single());
    }

    public void recordStarted(long generationId, String jobId) {
        tx.run(() -> jdbc.sql("update generation set job_id = ?, state = 'IN_PROGRESS', error_code = null, error_message = null where generation_id = ?")
                .params(jobId, generationId).update());
    }

    /** The call got no answer: the row stays PENDING, to be re-sent with the same token. */
    public void recordSendFailure(long generationId, String message) {
        tx.run(() -> jdbc.sql("update generation set send_attempts = send_attempts + 1, error_code = 'NO_ANSWER', error_message = ? where generation_id = ?")
                .params(message, generationId).update());
    }

    public void recordRefusal(long generationId, String state, String code, String message, ChargedTo chargedTo, Instant now) {
        tx.run(() -> jdbc.sql("""
                        update generation set state = ?, error_code = ?, error_message = ?, completed_at = ?, charged_to = ?
                        where generation_id = ?""")
                .params(state, code, message, Timestamp.from(now), chargedTo.name(), generationId).update());
    }

    /** The job's end; {@code chargedTo} ACCOUNT for a failure of the account's setup, which the principal does not pay for. */
    public void recordOutcome(long generationId, GenerationResult result, int polls, ChargedTo chargedTo) {
        tx.run(() -> jdbc.sql("""
                        update generation set state = ?, started_on = ?, completed_at = ?, error_code = ?, error_message = ?,
                            policies = ?::jsonb, policy_complete = ?, polls = polls + ?, charged_to = ?
                        where generation_id = ?""")
                .params(result.status(), timestamp(result.startedOn()), timestamp(result.completedOn()),
                        result.errorCode(), result.errorMessage(), policiesJson(result), result.complete(),
                        polls, chargedTo.name(), generationId)
                .update());
    }

    /** Whether any generation succeeded since then, in any account: the organization's setup has been seen to work. */
    public boolean anySucceededSince(Instant since) {
        return tx.get(() -> jdbc.sql("select exists (select 1 from generation where state = 'SUCCEEDED' and completed_at > ?)")
                .param(Timestamp.from(since)).query(Boolean.class).single());
    }

    /**
     * How long the latest successes of every account took, {@code perAccount} at most each, since then: what the
     * {@link DurationEstimator} starts a run from.
     */
    public List<DurationEstimator.Observation> recentDurations(Instant since, int perAccount) {
        return tx.get(() -> jdbc.sql("""
                        select account_id, started_on, completed_at, request::text from (
                            select g.account_id, g.started_on, g.completed_at, g.request, g.generation_id,
                                   row_number() over (partition by g.account_id order by g.generation_id desc) as latest
                            from generation g
                            where g.state = 'SUCCEEDED' and g.started_on is not null and g.completed_at > ?) recent
                        where latest <= ? order by generation_id""")
                .params(Timestamp.from(since), perAccount)
                .query((rs, i) -> {
                    GenerationRequest request = json.readValue(rs.getString(4), GenerationRequest.class);
                    return new DurationEstimator.Observation(rs.getString(1), Duration.between(request.startTime(), request.endTime()),
                            Duration.between(rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant()));
                })
                .list());
    }

    /**
     * The documents as a JSON array; one that is not JSON (it should be) is kept as a string rather than lost. A
     * success with no document is {@code []}: the principal did nothing it needs a permission for, the answer that
     * everything it is granted is unused; null is for a generation without a result.
     */
    private String policiesJson(GenerationResult result) {
        List<String> policies = result.policies();
        if (policies.isEmpty() && !GenerationResult.SUCCEEDED.equals(result.status())) {
            return null;
        }
        var array = json.createArrayNode();
        for (String policy : policies) {
            try {
                array.add(json.readTree(policy));
            } catch (JacksonException e) {
                array.add(policy);
            }
        }
        return json.writeValueAsString(array);
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
