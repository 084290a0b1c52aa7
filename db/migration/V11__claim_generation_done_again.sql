-- A claim is done again when the database went away at its commit (io.policygen.store.OwnTransaction). When that commit
-- had gone through, the guard would find the claim's own request the latest and refuse it: the request stayed PENDING,
-- unsent until the next run. The retry carries the same token, so it finds its own request first and returns it.
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
    select g.generation_id into claimed from generation g where g.client_token = token and g.principal_id = principal;
    if found then
        return claimed;
    end if;
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
