-- Which actions may each principal use, and did it use them: per principal, service, action, access level and status?
--
-- One row per live principal (in an account in scope) with a computed gap and per action its current policies grant,
-- for a BI tool to pivot (by account, service, access level, status). status: USED (its latest generated policy names
-- it), NOT_OBSERVABLE (iam:PassRole: no generated policy shows it), USED_AT_SERVICE_LEVEL (its service is named there
-- without actions: used, actions unknown) or UNUSED; counted per principal they are report_privilege_gap's used,
-- not_observable, used_at_service_level and unused. access_level: as the Service Authorization Reference classifies
-- the action, 'Unknown' (in_catalog false) for one the IAM action catalog does not know, kept as the policy wrote it;
-- weight: what an unused one adds to the principal's score. Resources and conditions are not evaluated: scoped, the
-- action is allowed only on some resources or under a condition; conditional, a Deny with a condition or on some
-- resources may take it away. Filter by account_id or principal_arn: a million principals grant billions of actions.
drop view if exists report_gap_actions;
create view report_gap_actions as
select p.account_id,
       p.principal_arn,
       p.principal_type,
       ga.service,
       ga.action,
       ga.access_level,
       case when ga.action = any(g.used_actions) then 'USED'
            when ga.action = any(g.not_observable_actions) then 'NOT_OBSERVABLE'
            when ga.service = any(g.service_level_services) or '*' = any(g.service_level_services) then 'USED_AT_SERVICE_LEVEL'
            else 'UNUSED'
       end as status,
       ga.weight,
       ga.scoped,
       ga.conditional,
       ga.in_catalog,
       p.principal_id
from principal_gap g
join principal p on p.principal_id = g.principal_id
join account a on a.account_id = p.account_id
join gap_grant_action ga on ga.grant_id = g.grant_id
where p.deleted_at is null and a.in_scope
order by p.account_id, p.principal_arn collate "C", ga.service collate "C", ga.action collate "C";

comment on view report_gap_actions is
    'Which actions may each principal use, and did it use them: per principal, service, action, access level and status?';

do $$
begin
    if exists (select from pg_roles where rolname = 'policygen_reader') then
        grant select on report_gap_actions to policygen_reader;
    end if;
end
$$;
