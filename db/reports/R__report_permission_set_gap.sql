-- Which actions could each IAM Identity Center permission set lose: granted, used in any of its accounts, unused in all?
--
-- One row per permission set with a live role in an account in scope. IAM Identity Center provisions a role for a
-- permission set in every account it is assigned to (AWSReservedSSO_NAME_SUFFIX under
-- /aws-reserved/sso.amazonaws.com/: identity_center_permission_set), and IAM refuses to change those roles: their
-- policies are the permission set's, edited in IAM Identity Center and the same in every account. So an action can
-- leave the permission set only if no account's role used it, and this view judges each action over all of them, as
-- report_privilege_gap judges one principal's: granted by any reviewed role's policies; used (named in some role's
-- latest generated policy), not_observable (iam:PassRole), used_at_service_level (its service used at service level
-- in some role: actions unknown, not judged) or unused (none of these in any role): the actions to take out of the
-- permission set, by the evidence of the generations' CloudTrail windows. score weighs them as report_privilege_gap
-- does; top_unused_services: the services with the most unused weight, heaviest first; used_actions: the actions some
-- role used, what the permission set needs.
--
-- accounts: the set's live roles; reviewed: those with a computed gap; unused_roles: roles with no use within the
-- lookback, which get no generation (policygen.principal.*) and used nothing of the set; pending_accounts: the accounts
-- of the rest, not judged yet (no generation succeeded there so far), so complete is false while any is left.
-- grant_sets: the distinct sets of actions the reviewed roles are granted: more than one while IAM Identity Center is
-- provisioning a change, or where the set attaches customer managed policies each account defines for itself.
-- RESOURCES AND CONDITIONS ARE NOT EVALUATED (see report_privilege_gap).
drop view if exists report_permission_set_gap;
create view report_permission_set_gap as
with roles as (
    select identity_center_permission_set(p.principal_type, p.path, p.name) as permission_set,
           p.principal_id, p.account_id, p.eligibility
    from principal p
    join account a on a.account_id = p.account_id
    where p.deleted_at is null and a.in_scope and p.path like '/aws-reserved/sso.amazonaws.com/%'
),
sets as (
    select r.permission_set,
           count(*) as accounts,
           count(g.principal_id) as reviewed,
           count(*) filter (where g.principal_id is null and r.eligibility = 'UNUSED') as unused_roles,
           coalesce(array_agg(r.account_id order by r.account_id)
                        filter (where g.principal_id is null and r.eligibility is distinct from 'UNUSED'), '{}') as pending_accounts,
           count(distinct g.grant_id) as grant_sets
    from roles r
    left join principal_gap g on g.principal_id = r.principal_id
    where r.permission_set is not null
    group by r.permission_set
),
reviewed as (
    select r.permission_set, g.grant_id, g.used_actions, g.not_observable_actions, g.service_level_services
    from roles r
    join principal_gap g on g.principal_id = r.principal_id
    where r.permission_set is not null
),
granted as (
    select s.permission_set, ga.service, ga.action, max(ga.weight) as weight
    from (select distinct permission_set, grant_id from reviewed) s
    join gap_grant_action ga on ga.grant_id = s.grant_id
    group by s.permission_set, ga.service, ga.action
),
used as (
    select distinct r.permission_set, u.action from reviewed r cross join unnest(r.used_actions) u(action)
),
not_observable as (
    select distinct r.permission_set, n.action from reviewed r cross join unnest(r.not_observable_actions) n(action)
),
service_level as (
    select r.permission_set, array_agg(distinct s.service) as services
    from reviewed r cross join unnest(r.service_level_services) s(service)
    group by r.permission_set
),
judged as (
    select gr.permission_set, gr.service, gr.action, gr.weight,
           case when u.action is not null then 'USED'
                when n.action is not null then 'NOT_OBSERVABLE'
                when sl.services && array[gr.service, '*'] then 'USED_AT_SERVICE_LEVEL'
                else 'UNUSED'
           end as status
    from granted gr
    left join used u on u.permission_set = gr.permission_set and u.action = gr.action
    left join not_observable n on n.permission_set = gr.permission_set and n.action = gr.action
    left join service_level sl on sl.permission_set = gr.permission_set
),
totals as (
    select permission_set,
           count(*) as granted,
           count(*) filter (where status = 'USED') as used,
           count(*) filter (where status = 'USED_AT_SERVICE_LEVEL') as used_at_service_level,
           count(*) filter (where status = 'NOT_OBSERVABLE') as not_observable,
           count(*) filter (where status = 'UNUSED') as unused,
           coalesce(sum(weight) filter (where status = 'UNUSED'), 0) as score,
           coalesce(array_agg(action order by action collate "C") filter (where status = 'USED'), '{}') as used_actions
    from judged
    group by permission_set
),
unused_services as (
    select permission_set, (array_agg(service order by weight desc, service collate "C"))[1:5] as top_unused_services
    from (select permission_set, service, sum(weight) as weight from judged where status = 'UNUSED' group by permission_set, service) w
    group by permission_set
)
select s.permission_set,
       s.accounts,
       s.reviewed,
       s.unused_roles,
       s.pending_accounts,
       cardinality(s.pending_accounts) = 0 as complete,
       s.grant_sets,
       coalesce(t.granted, 0) as granted,
       coalesce(t.used, 0) as used,
       coalesce(t.used_at_service_level, 0) as used_at_service_level,
       coalesce(t.not_observable, 0) as not_observable,
       coalesce(t.unused, 0) as unused,
       round(t.unused::numeric / nullif(t.granted, 0), 4) as unused_share,
       coalesce(t.score, 0)::bigint as score,
       coalesce(u.top_unused_services, '{}') as top_unused_services,
       coalesce(t.used_actions, '{}') as used_actions
from sets s
left join totals t on t.permission_set = s.permission_set
left join unused_services u on u.permission_set = s.permission_set
order by score desc, s.permission_set collate "C";

comment on view report_permission_set_gap is
    'Which actions could each IAM Identity Center permission set lose: granted, used in any of its accounts, unused in all? Resources and conditions are not evaluated.';

do $$
begin
    if exists (select from pg_roles where rolname = 'policygen_reader') then
        grant select on report_permission_set_gap to policygen_reader;
    end if;
end
$$;
