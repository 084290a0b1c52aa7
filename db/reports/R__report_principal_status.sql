-- What happened to each principal: never tried, waiting, in progress, generated, failed, refused, deferred, blocked, in an account no run works in, not worth a generation (unused, too new, opted out) or deleted?
--
-- One row per principal ever seen, its latest generation request (in any Region) beside it.
-- status: DELETED when IAM no longer lists it (a role deleted and created again under the same name is a new
-- principal, its own row); PENDING or IN_PROGRESS while a generation is open; else, when the last discovery found
-- it not worth a generation, UNUSED (not used within the lookback), TOO_NEW (younger than min-age) or OPTED_OUT
-- (tagged policygen:skip), eligibility_reason saying why; else the state of its latest request (SUCCEEDED, FAILED,
-- CANCELED, REJECTED: AWS refused it, DEFERRED: refused at a quota, nothing started); with no request yet, DEFERRED
-- when its account stopped at a quota, budget or deadline, else NEVER.
-- ACCOUNT_INACTIVE, OUT_OF_SCOPE: where it would be NEVER, DEFERRED or BLOCKED, no run generates there: the
-- organization lists its account other than ACTIVE (SUSPENDED, PENDING_CLOSURE, CLOSED; a closed account is listed
-- SUSPENDED through its 90 days after closure), or its account is out of the run's scope (the organization no longer
-- lists it, or policygen.organization's ou-ids, include or exclude leave it out); deferred_reason says which.
-- BLOCKED: its account's setup (the access role, the trail, its bucket or key) keeps it from a policy: its latest
-- generation failed for the account's setup, or the account stopped for it before its turn (report_failures says
-- what to fix). deferred_reason says why the account stopped, when the status is DEFERRED or BLOCKED, and why no run
-- works there, when it is ACCOUNT_INACTIVE or OUT_OF_SCOPE.
-- last_used_at: its last use as IAM knows it (a role's RoleLastUsed, a user's credential report; null: never, or
-- not known); breadth: what its current policies allow at most (ADMIN, SERVICE_WIDE, NARROW, NONE).
drop view if exists report_principal_status;
create view report_principal_status as
select p.account_id,
       p.principal_arn,
       p.principal_type,
       case
           when p.deleted_at is not null then 'DELETED'
           when g.state in ('PENDING', 'IN_PROGRESS') then g.state
           when p.eligibility in ('UNUSED', 'TOO_NEW', 'OPTED_OUT') then p.eligibility
           when x.status is not null and (coalesce(g.state, 'DEFERRED') = 'DEFERRED' or g.charged_to = 'ACCOUNT') then x.status
           when g.state = 'FAILED' and g.charged_to = 'ACCOUNT' then 'BLOCKED'
           when g.state is not null then g.state
           when d.setup_blocked then 'BLOCKED'
           when d.deferred_reason is not null then 'DEFERRED'
           else 'NEVER'
       end as status,
       g.job_id,
       g.requested_at,
       g.completed_at,
       g.error_code,
       g.error_message,
       g.region,
       case when p.deleted_at is null and coalesce(p.eligibility, 'ELIGIBLE') = 'ELIGIBLE'
                 and (coalesce(g.state, 'DEFERRED') = 'DEFERRED' or g.charged_to = 'ACCOUNT')
            then coalesce(x.reason, d.deferred_reason) end as deferred_reason,
       p.last_used_at,
       p.breadth,
       case when p.deleted_at is null then p.eligibility_reason end as eligibility_reason
from principal p
left join lateral (
    select g.state, g.job_id, g.requested_at, g.completed_at, g.error_code, g.error_message, g.region, g.charged_to
    from generation g
    where g.principal_id = p.principal_id
    order by g.generation_id desc
    limit 1) g on true
left join lateral (
    select case when not a.in_scope then 'OUT_OF_SCOPE' when a.state <> 'ACTIVE' then 'ACCOUNT_INACTIVE' end as status,
           case when not a.in_scope
                then 'the account is out of the run''s scope: the organization no longer lists it, or policygen.organization''s ou-ids, include or exclude leave it out'
                when a.state <> 'ACTIVE' then 'the organization lists the account ' || a.state || ': no run generates there'
           end as reason
    from account a
    where a.account_id = p.account_id) x on true
left join lateral (
    select string_agg(ar.region || ': ' || ar.deferred_reason, '; ' order by ar.region) as deferred_reason,
           bool_or(ar.outcome in ('SETUP_FAILED', 'FAILING')) as setup_blocked
    from account_region ar
    where ar.account_id = p.account_id and ar.deferred_reason is not null) d on true
order by p.account_id, p.principal_arn collate "C";

comment on view report_principal_status is
    'What happened to each principal: never tried, waiting, in progress, generated, failed, refused, deferred, blocked, in an account no run works in, not worth a generation (unused, too new, opted out) or deleted?';

do $$
begin
    if exists (select from pg_roles where rolname = 'policygen_reader') then
        grant select on report_principal_status to policygen_reader;
    end if;
end
$$;
