-- A principal's IAM id is unique within its account's rows rather than across the table. IAM ids are random
-- (AROA..., AIDA...), so the index on the id alone took each new principal's entry at a random leaf: once the index
-- outgrew the buffer cache, a first night's writes read and wrote its pages back again and again. With the account
-- first, an account's principals go to one run of leaves, as the other indexes' entries already do (the ARN holds the
-- account; the ids are a sequence). By hand, a million principals of a real run COPYed in pages of 1,000 into
-- PostgreSQL at its default 128 MB of shared buffers: 25.1-29.8 s of the backend's CPU with the old index, 19.3 s with
-- this one, 17.4 s with neither (docs/benchmarks.md, Discovery). IAM ids are unique across AWS, so nothing the table
-- could hold before is refused by this one; every statement that finds a principal by its id names its account.
create unique index principal_account_iam_id on principal (account_id, iam_id);
drop index principal_iam_id;
