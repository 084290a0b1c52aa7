-- The daily quota the job used in each account and Region at its last slot (AWS's per-Region figure within the
-- job's cap: 5 a day in a few Regions), so that report_account_progress counts an account's nights by its own
-- Regions' quotas.
alter table account_region add column daily_quota int check (daily_quota > 0);
