-- Discovery writes a principal only when something it stores has changed: content_hash, made by the job from every
-- value of the row it would write, is compared with the stored one and a principal listed again unchanged is not
-- written at all (a nightly discovery of a million unchanged principals rewrote a million rows, about 1 GB of table,
-- index and write-ahead log; docs/benchmarks.md, Discovery). A row therefore no longer records when it was last seen
-- (a live principal was seen at its account's principals_listed_at) but when it last changed, and the principals a
-- listing did not return are found by the ids it did return.
alter table principal rename column last_seen_at to changed_at;
alter table principal rename column last_seen_run_id to changed_run_id;
alter table principal drop column assessed_at;
alter table principal add column content_hash text;
