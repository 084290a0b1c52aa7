package io.policygen.organization;

import io.policygen.store.OwnTransaction;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code account} table. */
public final class AccountStore {

    private final JdbcTemplate jdbc;
    private final OwnTransaction tx;

    public AccountStore(JdbcTemplate jdbc, OwnTransaction tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    public void upsert(List<? extends OrgAccount> accounts, OrganizationProperties scope, long runId, Instant now) {
        Timestamp seen = Timestamp.from(now);
        tx.run(() -> jdbc.batchUpdate("""
                insert into account (account_id, name, email, state, parent_id, in_scope, first_seen_at, last_seen_at, last_seen_run_id)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (account_id) do update set name = excluded.name, email = excluded.email, state = excluded.state,
                    parent_id = excluded.parent_id, in_scope = excluded.in_scope,
                    last_seen_at = excluded.last_seen_at, last_seen_run_id = excluded.last_seen_run_id
                """, accounts, accounts.size(), (ps, account) -> {
            ps.setString(1, account.accountId());
            ps.setString(2, account.name());
            ps.setString(3, account.email());
            ps.setString(4, account.state());
            ps.setString(5, account.parentId());
            ps.setBoolean(6, scope.admits(account.accountId()));
            ps.setTimestamp(7, seen);
            ps.setTimestamp(8, seen);
            ps.setLong(9, runId);
        }));
    }

    /** Accounts this run's listing did not return (left the organization, or outside the OUs now) are out of scope. */
    public int markUnseenOutOfScope(long runId) {
        return tx.get(() -> jdbc.update("update account set in_scope = false where last_seen_run_id is distinct from ? and in_scope", runId));
    }

    /** Every account in scope (listed by the last complete listing and admitted), with its state. */
    public Map<String, String> statesInScope() {
        Map<String, String> states = new HashMap<>();
        tx.run(() -> jdbc.query("select account_id, state from account where in_scope",
                row -> { states.put(row.getString(1), row.getString(2)); }));
        return states;
    }

    /** The accounts to work in: in scope, ACTIVE. */
    public List<String> workableAccounts() {
        return tx.get(() -> JdbcClient.create(jdbc).sql("select account_id from account where in_scope and state = ? order by account_id")
                .param(OrgAccount.ACTIVE).query(String.class).list());
    }

    /** The accounts the generate step has slots in, this run's listings done: see {@link EnterableAccounts}. */
    public EnterableAccounts enterableAccounts(long runId) {
        List<String> inScope = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        tx.run(() -> JdbcClient.create(jdbc).sql("""
                        select account_id, in_scope from account
                        where state = ? and access_error_code is null
                          and (in_scope and principals_listed_at is not null or not in_scope and last_seen_run_id = ?)
                        order by account_id""")
                .param(OrgAccount.ACTIVE).param(runId)
                .query(rs -> { (rs.getBoolean("in_scope") ? inScope : leftOut).add(rs.getString("account_id")); }));
        return new EnterableAccounts(inScope, leftOut);
    }

    /**
     * Why policygen cannot enter each of these accounts in this run, as the account table says: not listed by this
     * run's listing, listed in a state other than ACTIVE, its member role refused, or its principals never listed.
     */
    public Map<String, String> whyNotEntered(Collection<String> accountIds, long runId) {
        Map<String, String> why = new HashMap<>();
        tx.run(() -> JdbcClient.create(jdbc).sql("""
                        select account_id, state, last_seen_run_id = ? as listed, last_seen_at, access_error_code
                        from account where account_id = any (?)""")
                .param(runId).param(accountIds.toArray(String[]::new))
                .query(rs -> {
                    String state = rs.getString("state");
                    Instant lastListed = rs.getTimestamp("last_seen_at").toInstant();
                    why.put(rs.getString("account_id"), !rs.getBoolean("listed")
                            ? "the organization's listing in this run did not return it (it left the organization, or is"
                                    + " outside policygen.organization.ou-ids; last listed " + lastListed + ")"
                            : !OrgAccount.ACTIVE.equals(state) ? "the organization lists it " + state
                            : rs.getString("access_error_code") != null
                                    ? "its member role could not be used (" + rs.getString("access_error_code") + ")"
                                    : "its principals were never listed whole");
                }));
        return why;
    }

    /** When the account's principals were last listed whole, if ever. */
    public Optional<Instant> principalsListedAt(String accountId) {
        return tx.get(() -> JdbcClient.create(jdbc).sql("select principals_listed_at from account where account_id = ?")
                .param(accountId).query(Timestamp.class).optional().map(Timestamp::toInstant));
    }

    public void recordAccessError(String accountId, String code, String message, String fix) {
        tx.run(() -> jdbc.update("update account set access_error_code = ?, access_error_message = ?, access_error_fix = ? where account_id = ?",
                code, message, fix, accountId));
    }

    public void recordPrincipalsListed(String accountId, Instant at) {
        tx.run(() -> jdbc.update("""
                        update account set principals_listed_at = ?, access_error_code = null, access_error_message = null,
                            access_error_fix = null, listing_failed_at = null, listing_failure = null
                        where account_id = ?""",
                Timestamp.from(at), accountId));
    }

    /** AWS cut the account's listing short: its principals stay those of its last complete listing. */
    public void recordListingFailure(String accountId, String failure, Instant at) {
        tx.run(() -> jdbc.update("update account set listing_failed_at = ?, listing_failure = ? where account_id = ?",
                Timestamp.from(at), failure, accountId));
    }
}
