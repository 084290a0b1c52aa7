-- How far from least privilege is each account: principals reviewed, median and worst unused share?
--
-- One row per account in scope. principals: its live roles and users; reviewed: of them, those with a computed gap
-- (current policies and a SUCCEEDED generation: report_privilege_gap); median_unused_share and worst_unused_share:
-- over the reviewed ones (null when none is); unused_actions and score: their sums; worst_principal: the one with the
-- highest score. Worst median first. Resources and conditions are not evaluated (see report_privilege_gap).
drop view if exists report_gap_by_account;
create view report_gap_by_account as
select a.account_id,
       a.name as account_name,
       count(p.principal_id) as principals,
       count(g.principal_id) as reviewed,
       round((percentile_cont(0.5) within group (order by g.unused_share))::numeric, 4) as median_unused_share,
       round(max(g.unused_share)::numeric, 4) as worst_unused_share,
       coalesce(sum(g.unused), 0) as unused_actions,
       coalesce(sum(g.score), 0)::bigint as score,
       (array_agg(p.principal_arn order by g.score desc, g.unused desc, p.principal_arn collate "C")
            filter (where g.principal_id is not null))[1] as worst_principal
from account a
left join principal p on p.account_id = a.account_id and p.deleted_at is null
left join principal_gap g on g.principal_id = p.principal_id
where a.in_scope
group by a.account_id, a.name
order by median_unused_share desc nulls last, worst_unused_share desc nulls last, a.account_id;

comment on view report_gap_by_account is
    'How far from least privilege is each account: principals reviewed, median and worst unused share?';

do $$
begin
    if exists (select from pg_roles where rolname = 'policygen_reader') then
        grant select on report_gap_by_account to policygen_reader;
    end if;
end
$$;
