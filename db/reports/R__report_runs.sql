-- How did each run go: when, how long, its outcome, how much it started and finished, where it stopped, how much it was throttled?
--
-- One row per run, newest first. duration runs on to now while the run is RUNNING; a run killed (FAILED, 'ended
-- without recording an outcome') ends at the last thing it recorded, not when the next run found it.
-- generations_started: requested in this run and given a jobId by AWS; succeeded / failed (FAILED or CANCELED) /
-- lost (its result gone from Access Analyzer before a run fetched it, RESULT_LOST: no principal's failure, the
-- principal asked again) / open (still PENDING or IN_PROGRESS): what became of those, whichever run settled them. rejected: requests of
-- this run that AWS refused outright (no jobId). accounts_worked: accounts with a request or a stop in this run.
-- quota_stops: accounts (and Regions) where this run stopped before their work was done, as
-- account_region_deferral recorded it: at the Access Analyzer quota, the daily budget, the deadline, or calls that
-- got no answer (report_account_progress.deferred_reason says which, while it lasts).
drop view if exists report_runs;
create view report_runs as
select r.run_id,
       r.started_at,
       r.ended_at,
       date_trunc('second', coalesce(r.ended_at, now()) - r.started_at) as duration,
       r.status,
       r.exit_code,
       (select count(*)
        from (select unnest(g.accounts) as account_id
              union
              select d.account_id from account_region_deferral d where d.run_id = r.run_id) w) as accounts_worked,
       coalesce(g.started, 0) as generations_started,
       coalesce(g.succeeded, 0) as succeeded,
       coalesce(g.failed, 0) as failed,
       coalesce(g.lost, 0) as lost,
       coalesce(g.open, 0) as open,
       coalesce(g.rejected, 0) as rejected,
       (select count(distinct (d.account_id, d.region))
        from account_region_deferral d where d.run_id = r.run_id) as quota_stops,
       r.aws_calls,
       r.throttled_calls,
       r.message
from run r
left join lateral ( -- one pass over the run's requests (index generation_run, V4)
    select count(*) filter (where g.job_id is not null) as started,
           count(*) filter (where g.job_id is not null and g.state = 'SUCCEEDED') as succeeded,
           count(*) filter (where g.job_id is not null and g.state in ('FAILED', 'CANCELED')
                                  and g.error_code is distinct from 'RESULT_LOST') as failed,
           count(*) filter (where g.job_id is not null and g.error_code = 'RESULT_LOST') as lost,
           count(*) filter (where g.job_id is not null and g.state in ('PENDING', 'IN_PROGRESS')) as open,
           count(*) filter (where g.state = 'REJECTED') as rejected,
           array_agg(distinct g.account_id) as accounts
    from generation g
    where g.run_id = r.run_id) g on true
order by r.run_id desc;

comment on view report_runs is
    'How did each run go: when, how long, its outcome, how much it started and finished, where it stopped, how much it was throttled?';

do $$
begin
    if exists (select from pg_roles where rolname = 'policygen_reader') then
        grant select on report_runs to policygen_reader;
    end if;
end
$$;
