-- Discovery through GetAccountAuthorizationDetails and the credential report: what each principal may do and when it
-- was last used, and whether it is worth a generation.

-- A principal is IAM's unique id (RoleId, UserId), not its name: a role deleted and created again under the same
-- name is a new principal, with its own generations; the old one is marked deleted. The ARN stays unique among the
-- live principals only. Rows from before this migration have no id yet: discovery gives them the id it finds
-- under their ARN the first time it sees them.
alter table principal add column iam_id text;
alter table principal drop constraint principal_principal_arn_key;
create unique index principal_live_arn on principal (principal_arn) where deleted_at is null;
create unique index principal_iam_id on principal (iam_id);

-- What IAM holds for it, documents URL-decoded: inline policies by name, attached managed policies as
-- [{"arn": ..., "version": ...}] (the default version when discovered; the documents are in managed_policy), its
-- permissions boundary, tags by key, a user's groups (iam_group), and its last use: a role's RoleLastUsed, a user's
-- latest password or access key use in the credential report (last_use_known false: no report, never taken for unused).
alter table principal add column inline_policies jsonb;
alter table principal add column attached_policies jsonb;
alter table principal add column permissions_boundary_arn text;
alter table principal add column permissions_boundary_version text;
alter table principal add column tags jsonb;
alter table principal add column group_names text[];
alter table principal add column last_used_at timestamptz;
alter table principal add column last_used_source text;
alter table principal add column last_use_known boolean not null default false;

-- The assessment, made again at every discovery: breadth (the broadest of its policies, no broader than its
-- boundary), its broadest grants, a hash of its policies and the fingerprint of those and its last use (a
-- generation records it, so an unchanged principal is not generated again), whether it gets a generation and why not.
alter table principal add column breadth varchar(12) check (breadth in ('NONE', 'NARROW', 'SERVICE_WIDE', 'ADMIN'));
alter table principal add column broadest_grants text[];
alter table principal add column policy_hash text;
alter table principal add column fingerprint text;
alter table principal add column eligibility varchar(9) check (eligibility in ('ELIGIBLE', 'UNUSED', 'TOO_NEW', 'OPTED_OUT'));
alter table principal add column eligibility_reason text;
alter table principal add column assessed_at timestamptz;

-- The principal's fingerprint when its generation was requested: a later success is refreshed only if it changed.
alter table generation add column principal_fingerprint text;

-- Managed policies, each version's document stored once however many principals and accounts use it (AWS managed
-- policies have one ARN for every account).
create table managed_policy (
    policy_arn     text not null,
    version_id     text not null,
    policy_name    text not null,
    path           text not null,
    aws_managed    boolean not null,
    description    text,
    document       jsonb not null,
    breadth        varchar(12) not null check (breadth in ('NONE', 'NARROW', 'SERVICE_WIDE', 'ADMIN')),
    grants         text[] not null,
    first_seen_at  timestamptz not null,
    primary key (policy_arn, version_id)
);

-- IAM groups, as each account's latest complete listing showed them (a group no longer listed is removed: only
-- its members' rows refer to it, by name).
create table iam_group (
    account_id         varchar(12) not null references account (account_id),
    group_name         text not null,
    group_arn          text not null,
    group_id           text not null,
    path               text not null,
    inline_policies    jsonb not null,
    attached_policies  jsonb not null,
    last_seen_run_id   bigint,
    last_seen_at       timestamptz not null,
    primary key (account_id, group_name)
);
