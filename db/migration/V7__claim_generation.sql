-- Claiming a principal for a new generation request in one round trip (it was two: the lock, then the insert).
-- The lock serialises the claims of one principal by its account's generation Regions' slots; the insert happens only
-- while the principal's latest request is still the one the slot read (none open, none newer). In a function, so that
-- the lock is surely taken before the guard is read: a single statement taking it in a subquery may be planned with
-- the guard evaluated first. Returns the new request's generation_id, or null when another slot claimed it first.
create or replace function claim_generation(lock_class integer, lock_key integer, principal bigint, account varchar, region_name varchar,
                                            token uuid, run bigint, requested timestamptz, request_document jsonb,
                                            read_latest bigint)
    returns bigint
    language plpgsql
as $$
declare
    claimed bigint;
begin
    perform pg_advisory_xact_lock(lock_class, lock_key);
    insert into generation (principal_id, account_id, region, client_token, state, run_id, requested_at, request,
                            principal_fingerprint)
    select principal, account, region_name, token, 'PENDING', run, requested, request_document,
           (select p.fingerprint from principal p where p.principal_id = principal)
    where (select g.generation_id from generation g
           where g.principal_id = principal and g.state <> 'DEFERRED' and g.charged_to = 'PRINCIPAL'
           order by g.generation_id desc limit 1) is not distinct from read_latest
      and not exists (select 1 from generation o where o.principal_id = principal and o.state in ('PENDING', 'IN_PROGRESS'))
    returning generation_id into claimed;
    return claimed;
end;
$$;
