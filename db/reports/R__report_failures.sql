-- Which errors keep principals from getting a policy, in which accounts, for whom (a few examples), and what fixes them?
--
-- One row per error code and account. kind says whose the error is:
--   PRINCIPAL  live principals whose latest attempt (DEFERRED requests and failures charged to the account aside)
--              did not succeed: FAILED, CANCELED, REJECTED (AWS refused the request: ValidationException,
--              AccessDenied...), or PENDING with an error (NO_ANSWER: the call got no answer, the next run re-sends
--              its clientToken). error_code is the state when AWS gave no code.
--   ACCOUNT    the account's setup: its member role cannot be assumed (no principal could be listed), or its
--              generations failed for the access role, the trail or its bucket (AUTHORIZATION_ERROR,
--              RESOURCE_NOT_FOUND_ERROR), kept failing, or the organization's setup stopped the run there. principals
--              counts the account's live principals, all of them kept from a policy until it is fixed. Only for
--              an ACTIVE account in scope: no run enters another, so there is nothing to fix there (an account
--              suspended between a stopped run and its restart is refused AssumeRole there once).
-- sample_principals: up to 3, in ARN order; last_message: the latest message; fix: what to do, in plain words
-- (ACCOUNT rows). Quota stops are not errors: see report_account_progress.
drop view if exists report_failures;
create view report_failures as
with latest as (
    select p.account_id, p.principal_arn, coalesce(g.error_code, g.state) as error_code, g.error_message,
           coalesce(g.completed_at, g.requested_at) as at, g.generation_id
    from principal p
    join lateral (
        select g.state, g.error_code, g.error_message, g.completed_at, g.requested_at, g.generation_id
        from generation g
        where g.principal_id = p.principal_id and g.state <> 'DEFERRED' and g.charged_to = 'PRINCIPAL'
        order by g.generation_id desc
        limit 1) g on true
    where p.deleted_at is null
      and (g.state in ('FAILED', 'CANCELED', 'REJECTED') or (g.state = 'PENDING' and g.error_code is not null))
),
principal_failures as (
    select 'PRINCIPAL'::text as kind,
           error_code,
           account_id,
           count(*) as principals,
           (array_agg(principal_arn order by principal_arn collate "C"))[1:3] as sample_principals,
           (array_agg(error_message order by at desc, generation_id desc))[1] as last_message,
           max(at) as last_at,
           null::text as fix
    from latest
    group by error_code, account_id
),
live as (
    select account_id, count(*) as principals,
           (array_agg(principal_arn order by principal_arn collate "C"))[1:3] as sample_principals
    from principal
    where deleted_at is null
    group by account_id
),
account_failures as (
    select 'ACCOUNT'::text as kind, ar.setup_error_code as error_code, ar.account_id,
           coalesce(l.principals, 0) as principals, coalesce(l.sample_principals, '{}') as sample_principals,
           ar.setup_error_message as last_message, ar.deferred_at as last_at, ar.setup_fix as fix
    from account_region ar
    join account a using (account_id)
    left join live l using (account_id)
    where ar.outcome in ('SETUP_FAILED', 'FAILING') and a.in_scope and a.state = 'ACTIVE'
    union all
    select 'ACCOUNT', a.access_error_code, a.account_id, coalesce(l.principals, 0), coalesce(l.sample_principals, '{}'),
           a.access_error_message, a.last_seen_at, a.access_error_fix
    from account a
    left join live l using (account_id)
    where a.access_error_code is not null and a.in_scope and a.state = 'ACTIVE'
)
select kind, error_code, account_id, principals, sample_principals, last_message, last_at, fix
from (select * from principal_failures union all select * from account_failures) failures
order by principals desc, error_code collate "C", account_id, kind;

comment on view report_failures is
    'Which errors keep principals from getting a policy, in which accounts, for whom (a few examples), and what fixes them?';

do $$
begin
    if exists (select from pg_roles where rolname = 'policygen_reader') then
        grant select on report_failures to policygen_reader;
    end if;
end
$$;
