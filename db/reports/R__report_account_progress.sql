-- Where is each account: how many of its principals are done, in progress, due or deferred, and how many days of quota does it still need?
--
-- One row per account in scope (as Organizations last showed it). Every live principal is in exactly one of
-- done, in_progress and due, by the job's own rule (GenerationStore.due), ignoring DEFERRED requests:
--   due          never generated; or last success older than the refresh period; or last attempt failed
--                (FAILED, REJECTED, CANCELED) with fewer than max-failures failures in the refresh period
--   in_progress  last request PENDING or IN_PROGRESS
--   done         last success within the refresh period, or failed max-failures times in it (tried again
--                when the period has passed)
-- deferred     the due principals of an account that stopped at a quota, its daily budget or the deadline
--              (account_region.deferred_reason, cleared when the account finishes)
-- failed       principals whose last attempt failed (some are still due for a retry, some done for the period)
-- days_needed  ceil(due / daily_quota): nights still needed at the account's daily quota
--
-- The job's settings: a session's own SET policygen.daily_quota / policygen.refresh_after / policygen.max_failures
-- (a what-if: set policygen.daily_quota = 5), else those the job recorded in report_setting, else the job's
-- defaults: daily-quota 50, refresh-after 30 days, max-failures 3. daily_quota says which was used.
-- With several generation Regions, a principal counts by its latest request in any Region.
drop view if exists report_account_progress;
create view report_account_progress as
with settings as (
    select coalesce(nullif(current_setting('policygen.daily_quota', true), '')::int,
                    (select value::int from report_setting where name = 'daily_quota'), 50) as daily_quota,
           coalesce(nullif(current_setting('policygen.refresh_after', true), '')::interval,
                    (select value::interval from report_setting where name = 'refresh_after'), interval '30 days') as refresh_after,
           coalesce(nullif(current_setting('policygen.max_failures', true), '')::int,
                    (select value::int from report_setting where name = 'max_failures'), 3) as max_failures
),
phase as (
    select p.account_id, p.principal_id, last.state,
           case
               when last.state is null then 'due'
               when last.state in ('PENDING', 'IN_PROGRESS') then 'in_progress'
               when last.state = 'SUCCEEDED' then case when last.at < now() - s.refresh_after then 'due' else 'done' end
               when (select count(*) from generation f
                     where f.principal_id = p.principal_id and f.state in ('FAILED', 'REJECTED', 'CANCELED')
                       and f.requested_at > now() - s.refresh_after) < s.max_failures then 'due'
               else 'done'
           end as phase
    from principal p
    cross join settings s
    left join lateral (
        select g.state, coalesce(g.completed_at, g.requested_at) as at
        from generation g
        where g.principal_id = p.principal_id and g.state <> 'DEFERRED'
        order by g.generation_id desc
        limit 1) last on true
    where p.deleted_at is null
),
principals as (
    select account_id,
           count(*) as principals,
           count(*) filter (where phase = 'done') as done,
           count(*) filter (where phase = 'in_progress') as in_progress,
           count(*) filter (where phase = 'due') as due,
           count(*) filter (where state in ('FAILED', 'REJECTED', 'CANCELED')) as failed
    from phase
    group by account_id
),
deferral as (
    select account_id, string_agg(region || ': ' || deferred_reason, '; ' order by region) as deferred_reason,
           max(last_activity_at) as last_activity_at
    from account_region
    group by account_id
),
activity as (
    select account_id, greatest(max(requested_at), max(completed_at)) as last_activity_at
    from generation
    group by account_id
)
select a.account_id,
       a.name as account_name,
       a.state,
       coalesce(p.principals, 0) as principals,
       coalesce(p.done, 0) as done,
       coalesce(p.in_progress, 0) as in_progress,
       coalesce(p.due, 0) as due,
       case when d.deferred_reason is null then 0 else coalesce(p.due, 0) end as deferred,
       coalesce(p.failed, 0) as failed,
       greatest(d.last_activity_at, g.last_activity_at) as last_activity_at,
       ceil(coalesce(p.due, 0)::numeric / nullif(s.daily_quota, 0))::int as days_needed,  -- no quota: never
       s.daily_quota,
       d.deferred_reason,
       a.access_error_code
from account a
cross join settings s
left join principals p using (account_id)
left join deferral d using (account_id)
left join activity g using (account_id)
where a.in_scope
order by a.account_id;

comment on view report_account_progress is
    'Where is each account: how many of its principals are done, in progress, due or deferred, and how many days of quota does it still need?';

do $$
begin
    if exists (select from pg_roles where rolname = 'policygen_reader') then
        grant select on report_account_progress to policygen_reader;
    end if;
end
$$;
