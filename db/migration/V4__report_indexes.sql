-- report_runs counts each run's requests: without this, every run of the history scans all of generation
-- (60 runs over 350,000 generations: 7 s, 0.1 s with it).
create index generation_run on generation (run_id);
