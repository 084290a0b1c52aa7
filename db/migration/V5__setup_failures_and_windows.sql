-- The first night on a real organization: failures that are the account's (its setup), not the principal's, and the
-- CloudTrail window that fits Access Analyzer's log-file limit, learnt per account and Region.

-- Who a failed generation is charged to: the principal (it counts toward max-failures and makes the principal's last
-- attempt a failure), or its account's setup (the access role, the trail, the log-file limit of the window): such a
-- failure leaves the principal due as it was, first in line once the setup is fixed.
alter table generation add column charged_to varchar(9) not null default 'PRINCIPAL'
    check (charged_to in ('PRINCIPAL', 'ACCOUNT'));

-- Per account and Region: the lookback (days of CloudTrail) that last worked, or the one to try after a generation
-- failed for the log-file limit; null: the configured lookback. And how the slot last ended, with the setup
-- problem that stopped it, for report_failures.
alter table account_region add column window_days int check (window_days > 0);
alter table account_region add column outcome varchar(20);
alter table account_region add column setup_error_code text;
alter table account_region add column setup_error_message text;
alter table account_region add column setup_fix text;

-- An account the member role cannot enter gets the fix beside its error.
alter table account add column access_error_fix text;
