-- What may each principal do: its latest generated least-privilege policy, and the services and actions it grants?
--
-- One row per live principal that has a SUCCEEDED generation: the latest one (in any Region).
-- policies: the generated policy documents as a JSON array (AWS splits a large policy into several; [] where the
-- principal used nothing it needs a permission for: everything it may do is unused);
-- policy_complete false means AWS could not fit every action. services / actions: the distinct prefixes
-- ('s3') and actions ('s3:GetObject') of the Action lists of its Allow statements, sorted. window_start, window_end,
-- window_days: the CloudTrail activity it was generated from (fewer days than configured where the account's logs
-- exceed what one generation may read, 100,000 log files or 25 GB; ending before the generation, on the day of the
-- principal's last use, where such a window ending then would not have reached it).
drop view if exists report_policies;
create view report_policies as
select p.account_id,
       p.principal_arn,
       p.principal_type,
       g.region,
       g.job_id,
       g.completed_at,
       (g.request ->> 'startTime')::timestamptz as window_start,
       (g.request ->> 'endTime')::timestamptz as window_end,
       extract(day from (g.request ->> 'endTime')::timestamptz - (g.request ->> 'startTime')::timestamptz)::int as window_days,
       g.policy_complete,
       g.policies,
       coalesce(a.services, '{}') as services,
       coalesce(a.actions, '{}') as actions
from principal p
join lateral (
    select g.region, g.job_id, g.completed_at, g.policy_complete, g.policies, g.request
    from generation g
    where g.principal_id = p.principal_id and g.state = 'SUCCEEDED'
    order by g.completed_at desc nulls last, g.generation_id desc
    limit 1) g on true
left join lateral (
    select array_agg(distinct lower(split_part(action, ':', 1)) collate "C" order by lower(split_part(action, ':', 1)) collate "C") as services,
           array_agg(distinct action collate "C" order by action collate "C") as actions
    from jsonb_array_elements(case when jsonb_typeof(g.policies) = 'array' then g.policies else '[]' end) document
    cross join lateral jsonb_array_elements(case jsonb_typeof(document -> 'Statement')
                                                when 'array' then document -> 'Statement'
                                                when 'object' then jsonb_build_array(document -> 'Statement')
                                                else '[]' end) statement
    cross join lateral jsonb_array_elements_text(case jsonb_typeof(statement -> 'Action')
                                                     when 'array' then statement -> 'Action'
                                                     when 'string' then jsonb_build_array(statement -> 'Action')
                                                     else '[]' end) action
    where coalesce(statement ->> 'Effect', 'Allow') = 'Allow') a on true
where p.deleted_at is null
order by p.account_id, p.principal_arn collate "C";

comment on view report_policies is
    'What may each principal do: its latest generated least-privilege policy, and the services and actions it grants?';

do $$
begin
    if exists (select from pg_roles where rolname = 'policygen_reader') then
        grant select on report_policies to policygen_reader;
    end if;
end
$$;
