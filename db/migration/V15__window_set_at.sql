-- When an account's CloudTrail window was learnt or last proved to fit (account_region.window_days). A window learnt
-- for the CloudTrail limits is kept for the principals that follow, but what made it necessary can pass (a burst of
-- activity, a Region no longer used): once it is policygen.generation.refresh-after old, a slot asks for twice its days
-- once, and keeps that if it fits, or halves back to it if not (one failed generation). Windows learnt before this
-- column are taken as learnt now.
alter table account_region add column window_set_at timestamptz;
update account_region set window_set_at = now() where window_days is not null;
