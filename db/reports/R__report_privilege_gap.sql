-- Which principals may do far more than they do: granted, used and unused actions, ranked by score?
--
-- One row per live principal (in an account in scope) whose least-privilege gap the job has computed: it has current
-- policies (discovery) and a SUCCEEDED generation. granted: the actions its inline, attached managed and (a user's)
-- groups' policies allow, after Denies and within its permissions boundary, wildcards and NotAction expanded through
-- the IAM action catalog (an action the catalog does not know is kept, counted in unknown). used: of them, those its
-- latest generated policy names; used_at_service_level: those of a service the generated policy names without its
-- actions (Access Analyzer's isComplete false: used, actions unknown, not judged; service_level_services lists the
-- services, '*' all); not_observable: iam:PassRole, which no generated policy shows; unused: the rest.
-- unused_share = unused / granted (a lower bound where services are used at service level); score: the unused
-- actions weighed by access level, permissions management 10, write 5, tagging 3, read 2, list 1, unknown 5; rank 1 is
-- the highest score. top_unused_services: the services with the most unused weight, heaviest first.
--
-- RESOURCES AND CONDITIONS ARE NOT EVALUATED: an action counts as granted whatever the resources or conditions of the
-- statement that allows it. not_evaluated says so and flags the principal's statements whose effect depends on them:
-- unused_scoped (unused actions allowed only on some resources or under a condition: the grant may be narrower than
-- counted) and unused_conditional (unused actions a Deny with a condition or on some resources may take away); notes
-- quotes each such Deny, and any policy that could not be read (JSON: kind, policy, detail; text written in member
-- accounts, never to be trusted as markup). permission_set: for a role IAM Identity Center provisions, its permission
-- set, where its policies are changed (report_permission_set_gap judges the set over its accounts); null for any
-- other principal. used_not_granted: actions the generated policy shows that the current policies no longer grant.
-- generation_job_id / generated_at: the generation the gap comes from.
drop view if exists report_privilege_gap;
create view report_privilege_gap as
select row_number() over (order by g.score desc, g.unused desc, p.account_id, p.principal_arn collate "C") as rank,
       p.account_id,
       a.name as account_name,
       p.principal_arn,
       p.principal_type,
       p.name,
       p.path,
       identity_center_permission_set(p.principal_type, p.path, p.name) as permission_set,
       g.granted,
       g.used,
       g.used_at_service_level,
       g.not_observable,
       g.unused,
       round(g.unused_share::numeric, 4) as unused_share,
       g.score,
       g.top_unused_services,
       g.unused_scoped,
       g.unused_conditional,
       g.unknown,
       g.used_not_granted,
       g.service_level_services,
       case when g.unused_scoped + g.unused_conditional = 0
            then 'resources and conditions not evaluated'
            else 'resources and conditions not evaluated; the effect depends on them for '
                 || concat_ws(' and ',
                        case when g.unused_scoped > 0
                             then g.unused_scoped || ' unused actions allowed only on some resources or under a condition' end,
                        case when g.unused_conditional > 0
                             then g.unused_conditional || ' unused actions a conditional Deny may take away' end)
       end as not_evaluated,
       g.notes,
       gen.job_id as generation_job_id,
       gen.completed_at as generated_at,
       g.catalog,
       g.computed_at,
       p.principal_id
from principal_gap g
join principal p on p.principal_id = g.principal_id
join account a on a.account_id = p.account_id
join generation gen on gen.generation_id = g.generation_id
where p.deleted_at is null and a.in_scope
order by rank;

comment on view report_privilege_gap is
    'Which principals may do far more than they do: granted, used and unused actions, ranked by score? Resources and conditions are not evaluated.';

do $$
begin
    if exists (select from pg_roles where rolname = 'policygen_reader') then
        grant select on report_privilege_gap to policygen_reader;
    end if;
end
$$;
