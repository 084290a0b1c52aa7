-- An account whose listing AWS cut short (STS or IAM answered 5xx, throttled or did not answer, after the SDK's
-- retries): when, and what AWS said. The run goes on with the other accounts and exits 1; the account keeps the
-- principals of its last complete listing (principals_listed_at). Cleared by the next complete listing.
alter table account add column listing_failed_at timestamptz, add column listing_failure text;
