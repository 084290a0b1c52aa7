-- Spring Batch's own schema (V1) has no index on a step execution's job execution. When a partitioned step starts,
-- its splitter asks the repository for each partition's last execution (by job instance and step name), and every
-- such lookup read every step execution ever stored: 10,000 partitions took 15 s, PostgreSQL busy for 10 of them,
-- and each night adds some 20,000 rows for an organization of 5,000 accounts, so the scan grows without end.
create index batch_step_execution_job_step on batch_step_execution (job_execution_id, step_name);
create index batch_job_execution_instance on batch_job_execution (job_instance_id);
