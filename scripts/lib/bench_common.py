"""What the benchmark scenarios share: the settings given to every job run, the simulator's uniform organization,
the length of a step."""

EXTRA = {}  # --job-setting NAME=VALUE, given to every job run


def sim_options(accounts, principals, generation_time="PT2S", jitter="PT0S"):
    # every principal in use, old enough and not opted out: every one gets a generation, as these scenarios count
    return ["--accounts", str(accounts), "--principals-per-account", str(principals), "--distribution", "uniform",
            "--suspended-accounts", "0", "--unassumable-accounts", "0", "--seed", "7",
            "--generation-time", generation_time, "--generation-jitter", jitter,
            "--unused-share", "0", "--new-share", "0", "--opted-out-share", "0"]


def step_window(db, database, step, last_run=False):
    """The step's first start and last end (partitions within it), epoch seconds, or None; with last_run, in the last
    job execution only (an earlier run's execution of the step left out)."""
    only_last = ("and job_execution_id = (select max(job_execution_id) from batch_job_execution)" if last_run else "")
    rows = db.query(database, f"""
        select extract(epoch from min(start_time))::float8, extract(epoch from max(end_time))::float8
        from batch_step_execution where step_name = '{step}' {only_last}""")[0]
    start, end = rows[0]
    return (float(start), float(end)) if start and end else None


def step_seconds(db, database, step, last_run=False):
    """The step's time from its first start to its last end (see step_window)."""
    window = step_window(db, database, step, last_run)
    return window[1] - window[0] if window else None
