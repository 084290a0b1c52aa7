-- Which errors keep principals from getting a policy, in which accounts, and for whom (a few examples)?
--
-- One row per error code and account, over the live principals whose latest attempt (DEFERRED requests aside)
-- did not succeed: FAILED, CANCELED, REJECTED (AWS refused the request: ValidationException, AccessDenied...),
-- or PENDING with an error (NO_ANSWER: the call got no answer, the next run re-sends its clientToken).
-- error_code is the state when AWS gave no code. sample_principals: up to 3, in ARN order;
-- last_message: the latest one's message. Quota stops are not errors: see report_account_progress.
drop view if exists report_failures;
create view report_failures as
with latest as (
    select p.account_id, p.principal_arn, coalesce(g.error_code, g.state) as error_code, g.error_message,
           coalesce(g.completed_at, g.requested_at) as at, g.generation_id
    from principal p
    join lateral (
        select g.state, g.error_code, g.error_message, g.completed_at, g.requested_at, g.generation_id
        from generation g
        where g.principal_id = p.principal_id and g.state <> 'DEFERRED'
        order by g.generation_id desc
        limit 1) g on true
    where p.deleted_at is null
      and (g.state in ('FAILED', 'CANCELED', 'REJECTED') or (g.state = 'PENDING' and g.error_code is not null))
)
select error_code,
       account_id,
       count(*) as principals,
       (array_agg(principal_arn order by principal_arn collate "C"))[1:3] as sample_principals,
       (array_agg(error_message order by at desc, generation_id desc))[1] as last_message,
       max(at) as last_at
from latest
group by error_code, account_id
order by principals desc, error_code collate "C", account_id;

comment on view report_failures is
    'Which errors keep principals from getting a policy, in which accounts, and for whom (a few examples)?';

do $$
begin
    if exists (select from pg_roles where rolname = 'policygen_reader') then
        grant select on report_failures to policygen_reader;
    end if;
end
$$;
