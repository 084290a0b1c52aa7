-- report_runs counts each run's requests: without this, every run of the history scans all of generation
-- (60 runs over 350,000 generations: 7 s, 0.1 s with it).
create index generation_run on generation (run_id);

-- The job's settings that the reports need and that live only in its configuration: daily_quota (generations per
-- account and day), refresh_after (a PostgreSQL interval, '30 days') and max_failures. The job is meant to upsert
-- them at the start of a run; report_account_progress reads them, a session's own SET policygen.NAME first, else
-- the job's defaults (50, 30 days, 3).
create table report_setting (
    name        text primary key check (name in ('daily_quota', 'refresh_after', 'max_failures')),
    value       text not null,
    updated_at  timestamptz not null default now()
);

-- Every stop of an account (and Region) before its work was done: a quota, the daily budget, the deadline, calls
-- that got no answer. account_region keeps only the latest stop and forgets it when the account finishes, so
-- report_runs would see a past run's quota stops vanish; this history keeps them. A trigger writes it, so that
-- every writer of account_region (GenerationStore.defer today) records its stops without knowing of the reports.
create table account_region_deferral (
    account_id   varchar(12) not null,
    region       varchar(32) not null,
    run_id       bigint,
    reason       text not null,
    deferred_at  timestamptz not null
);
create index account_region_deferral_run on account_region_deferral (run_id);

create function record_account_region_deferral() returns trigger language plpgsql as $$
begin
    if new.deferred_reason is not null and (tg_op = 'INSERT'
            or (new.deferred_reason, new.deferred_at, new.deferred_run_id)
               is distinct from (old.deferred_reason, old.deferred_at, old.deferred_run_id)) then
        insert into account_region_deferral (account_id, region, run_id, reason, deferred_at)
        values (new.account_id, new.region, new.deferred_run_id, new.deferred_reason, coalesce(new.deferred_at, now()));
    end if;
    return null;
end
$$;

create trigger account_region_deferral after insert or update on account_region
    for each row execute function record_account_region_deferral();
