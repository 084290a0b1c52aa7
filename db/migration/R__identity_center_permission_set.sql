-- IAM Identity Center provisions a role for each permission set in each account it is assigned to:
-- /aws-reserved/sso.amazonaws.com/[REGION/]AWSReservedSSO_PERMISSIONSET_SUFFIX, the suffix 16 hex digits, new for each
-- provisioning (https://docs.aws.amazon.com/singlesignon/latest/userguide/referencingpermissionsets.html). IAM refuses
-- to change or delete these roles ("Cannot perform the operation on the protected role ... this role is only modifiable
-- by AWS"): their policies are the permission set's. The permission set's name, or null for any other principal, for
-- the report views (report_permission_set_gap, report_privilege_gap, report_unused_principals) and the export (which
-- reads it with each principal, io.policygen.gap.StoredGapSource). A repeatable migration, so that it is there before the
-- views (repeatable migrations run after the versioned ones, in the order of their names).
create or replace function identity_center_permission_set(principal_type text, path text, name text) returns text
    language sql immutable parallel safe
as $$
    select case when principal_type = 'ROLE' and path like '/aws-reserved/sso.amazonaws.com/%'
                then substring(name from '^AWSReservedSSO_(.+)_[0-9A-Fa-f]{16}$') end
$$;
