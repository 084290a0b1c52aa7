-- Which roles and users has nobody used within the lookback, what may they still do, and since when: candidates for removal?
--
-- One row per live principal that the last discovery found UNUSED: not used within policygen.generation.lookback (a
-- role's RoleLastUsed, a user's latest password or access key use in the credential report). policygen spends no
-- generation on them (it would come back empty); removing them, or their permissions, is the least privilege.
-- last_used_at: null when never used, as far as IAM tracks (RoleLastUsed covers about 400 days); days_unused: days
-- since then (null: never); age_days: days since it was created; breadth: what its policies allow at most (ADMIN:
-- "Action": "*", AdministratorAccess or PowerUserAccess-like NotAction; SERVICE_WIDE: "s3:*"; NARROW; NONE), no
-- broader than its permissions boundary; broadest_grants: up to five grants at that breadth, each with the policy it
-- comes from; attached_policies: the ARNs of its managed policies; permission_set: for a role IAM Identity Center
-- provisions, its permission set: IAM refuses to delete such a role, removing the permission set's assignment to the
-- account in IAM Identity Center does. Broadest first within an account.
drop view if exists report_unused_principals;
create view report_unused_principals as
select p.account_id,
       a.name as account_name,
       p.principal_arn,
       p.principal_type,
       p.last_used_at,
       p.last_used_source,
       floor(extract(epoch from now() - p.last_used_at) / 86400)::int as days_unused,
       p.iam_created_at as created_at,
       floor(extract(epoch from now() - p.iam_created_at) / 86400)::int as age_days,
       p.breadth,
       coalesce(p.broadest_grants, '{}') as broadest_grants,
       coalesce(array(select e ->> 'arn' from jsonb_array_elements(p.attached_policies) e order by e ->> 'arn' collate "C"), '{}')
           as attached_policies,
       p.permissions_boundary_arn,
       p.eligibility_reason,
       identity_center_permission_set(p.principal_type, p.path, p.name) as permission_set
from principal p
join account a using (account_id)
where p.deleted_at is null and p.eligibility = 'UNUSED' and a.in_scope
order by p.account_id,
         array_position(array['ADMIN', 'SERVICE_WIDE', 'NARROW', 'NONE']::varchar[], p.breadth) nulls last,
         p.last_used_at nulls first,
         p.principal_arn collate "C";

comment on view report_unused_principals is
    'Which roles and users has nobody used within the lookback, what may they still do, and since when: candidates for removal?';

do $$
begin
    if exists (select from pg_roles where rolname = 'policygen_reader') then
        grant select on report_unused_principals to policygen_reader;
    end if;
end
$$;
