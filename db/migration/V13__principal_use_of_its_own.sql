-- A principal's use (its last use, and the fingerprint and eligibility that follow from it) moves to a narrow table of
-- its own. It is what changes most nights, for every principal in use: updating it in the principal's row wrote a new
-- version of a 1 KB row and its four index entries a principal; here it is a row of about 200 bytes whose update
-- touches no index where the page has room (fillfactor 70). By hand, on a million principals (docs/benchmarks.md,
-- Discovery): 200,000 updates of the use took PostgreSQL 6.0 s in the principal's row and 1.9 s here.
-- Keyed by IAM's unique id, which discovery writes by: a principal stored without one (before ids were kept) has no
-- use until discovery finds its id, and reads as never assessed, as before. A principal is never deleted (only marked
-- deleted), so nothing here outlives its principal.
create table principal_use (
    iam_id             text primary key,
    last_used_at       timestamptz,
    last_used_source   text,
    last_use_known     boolean not null default false,
    fingerprint        text,
    eligibility        varchar(9) check (eligibility in ('ELIGIBLE', 'UNUSED', 'TOO_NEW', 'OPTED_OUT')),
    eligibility_reason text,
    -- the second half of the principal's content hash (io.policygen.principal.ContentHash): of its use alone
    use_hash           text,
    changed_at         timestamptz not null,
    changed_run_id     bigint
) with (fillfactor = 70);

insert into principal_use (iam_id, last_used_at, last_used_source, last_use_known, fingerprint, eligibility,
                           eligibility_reason, use_hash, changed_at, changed_run_id)
select iam_id, last_used_at, last_used_source, last_use_known, fingerprint, eligibility, eligibility_reason,
       substr(content_hash, 17), changed_at, changed_run_id
from principal
where iam_id is not null;

update principal set content_hash = left(content_hash, 16) where content_hash is not null;

-- the report views that read the moved columns; db/reports makes them again, reading principal_use
drop view if exists report_account_progress;
drop view if exists report_principal_status;
drop view if exists report_unused_principals;

alter table principal drop column last_used_at;
alter table principal drop column last_used_source;
alter table principal drop column last_use_known;
alter table principal drop column fingerprint;
alter table principal drop column eligibility;
alter table principal drop column eligibility_reason;

-- A generation records the principal's fingerprint as discovery last saw it; it is in principal_use now.
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
           (select u.fingerprint from principal p join principal_use u on u.iam_id = p.iam_id where p.principal_id = principal)
    where (select g.generation_id from generation g
           where g.principal_id = principal and g.state <> 'DEFERRED' and g.charged_to = 'PRINCIPAL'
           order by g.generation_id desc limit 1) is not distinct from read_latest
      and not exists (select 1 from generation o where o.principal_id = principal and o.state in ('PENDING', 'IN_PROGRESS'))
    returning generation_id into claimed;
    return claimed;
end;
$$;
