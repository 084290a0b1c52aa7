"""scripts/chaos.sh: kill -9, a database failover and outage, a fault storm, bad configurations, a second run, secrets
-> docs/reliability.md (see that file)."""

import argparse
import json
import concurrent.futures
import os
import random
import re
import shutil
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
import harness as h  # noqa: E402
import first_night  # noqa: E402


def sim_options(accounts, principals, generation_time, jitter="PT0S"):
    return ["--accounts", str(accounts), "--principals-per-account", str(principals), "--distribution", "uniform",
            "--suspended-accounts", "0", "--unassumable-accounts", "0", "--seed", "11",
            "--generation-time", generation_time, "--generation-jitter", jitter]


def invariants_hold(check):
    return check["duplicates"] == 0 and check["lost"] == 0 and check["not_done"] == 0


def finish(work, name, db, database, sim, tries=3, props=None):
    """Runs the job until it exits 0 (at most `tries` times); returns the exit codes."""
    codes = []
    for i in range(tries):
        job = h.Job(work, f"{name}-final-{i + 1}", db, database, sim, props)
        codes.append(job.wait(900))
        if codes[-1] == 0:
            break
        h.log(f"{name}: run {i + 1} exit {codes[-1]}: {job.verdict()[:400]}")
    return codes


def phase(log_text):
    if "event=partitions-created step=generate" in log_text:
        return "generate"
    if "event=run-started" in log_text:
        return "discovery"
    return "start-up"


def kill9(args, db, work, failures, rng):
    accounts, principals, gen, kills, window = (10, 10, "PT2S", 5, (1.0, 20.0)) if args.quick else (50, 40, "PT6S", 20, (1.0, 25.0))
    h.log(f"kill -9: {accounts} accounts x {principals} principals, generation {gen}, {kills} kills at random moments in {window} s")
    database = db.create("chaos_kill")
    sim = h.Simulator(work, "kill", *sim_options(accounts, principals, gen, "PT1S"))
    trials = []
    for i in range(kills):
        moment = rng.uniform(*window)
        job = h.Job(work, f"kill-{i + 1}", db, database, sim)
        deadline = job.started + moment
        while time.time() < deadline and job.process.poll() is None:
            time.sleep(0.05)
        exited = job.process.poll() is not None
        job.kill()
        count = sim.state(False)["generationCount"]
        message = job.verdict() if exited else None
        trials.append({"trial": i + 1, "moment": moment, "phase": "ended before the kill (exit %d)" % job.rc if exited else phase(job.output()),
                       "generations": count, "message": message})
        h.log(f"kill -9 #{i + 1} at {moment:.1f} s ({trials[-1]['phase']}): simulator has {count} generations"
              + (f": {message[:400]}" if exited and job.rc != 0 else ""))
    codes = finish(work, "kill", db, database, sim)
    state = sim.state()
    sim.stop()
    check = h.check_generations(db, database, state)
    result = {"accounts": accounts, "per_account": principals, "generation_time": gen, "trials": trials,
              "final_codes": codes, **check}
    h.log(f"kill -9: final exits {codes}, {check}")
    if codes[-1] != 0 or not invariants_hold(check):
        failures.append(f"kill -9: final exits {codes}, {check}")
    return result


def fault_storm(args, db, work, failures, rng):
    trials = []
    accounts, principals = (10, 10) if args.quick else (50, 10)
    for t in range(1 if args.quick else 2):
        database = db.create(f"chaos_storm_{t}")
        sim = h.Simulator(work, f"storm-{t}", *sim_options(accounts, principals, "PT2S"))
        sim.faults(operation="*", errorRate="0.1", throttleRate="0.1", latency="PT0.2S", unreadableFor="PT3S")
        started = time.time()
        codes = finish(work, f"storm-{t}", db, database, sim)
        seconds = time.time() - started
        state = sim.state()
        sim.stop()
        total, throttled = h.request_counts(state)
        not_found = state["requests"].get("access-analyzer", {}).get("GetGeneratedPolicy", {}).get("ResourceNotFoundException", 0)
        errors = sum(n for ops in state["requests"].values() for outcomes in ops.values()
                     for outcome, n in outcomes.items() if outcome != "ok") - throttled - not_found
        check = h.check_generations(db, database, state)
        trials.append({"trial": t + 1, "codes": codes, "seconds": seconds, "calls": total, "throttled": throttled,
                       "errors": errors, "not_found": not_found, "share": throttled / max(total, 1), **check})
        h.log(f"fault storm #{t + 1}: exits {codes} in {seconds:.0f} s, {total} calls, {throttled} throttled, {errors} 5xx, {not_found} not found yet; {check}")
        if codes[-1] != 0 or not invariants_hold(check):
            failures.append(f"fault storm #{t + 1}: exits {codes}, {check}")
    return {"accounts": accounts, "principals": principals, "trials": trials}


# (setting, bad value, what the message must name). Values that don't bind fail in Spring's binder,
# the others in policygen's ConfigurationValidator: both must exit 2 before any AWS call.
BAD_CONFIGURATIONS = [
    ("policygen.aws.endpoint", "ftp://127.0.0.1:1", "policygen.aws.endpoint"),
    ("policygen.aws.region", "moon-1", "policygen.aws.region"),
    ("policygen.aws.clock", "sundial", "policygen.aws.clock"),
    ("policygen.aws.max-attempts", "0", "policygen.aws.max-attempts"),
    ("policygen.aws.api-call-timeout", "PT0S", "policygen.aws.api-call-timeout"),
    ("policygen.aws.api-call-attempt-timeout", "PT5M", "policygen.aws.api-call-attempt-timeout"),
    ("policygen.aws.max-connections", "0", "policygen.aws.max-connections"),
    ("policygen.organization.ou-ids[0]", "ou-bad", "policygen.organization.ou-ids"),
    ("policygen.organization.include-accounts[0]", "12345", "policygen.organization.include-accounts"),
    ("policygen.organization.exclude-accounts[0]", "abcdefghijkl", "policygen.organization.exclude-accounts"),
    ("policygen.organization.member-role-name", "bad role!", "policygen.organization.member-role-name"),
    ("policygen.organization.session-name", "x", "policygen.organization.session-name"),
    ("policygen.organization.external-id", "x", "policygen.organization.external-id"),
    ("policygen.principals.types[0]", "GROUP", "policygen.principals.types"),
    ("policygen.principals.exclude-path-prefixes[0]", "no-slash", "policygen.principals.exclude-path-prefixes"),
    ("policygen.principals.discovery-concurrency", "0", "policygen.principals.discovery-concurrency"),
    ("policygen.principals.page-size", "1001", "policygen.principals.page-size"),
    ("policygen.principals.include-name-patterns[0]", "[unclosed", "policygen.principals.include-name-patterns"),
    ("policygen.generation.trails[0].arn", "arn:aws:s3:::my-bucket", "policygen.generation.trails[0]"),
    ("policygen.generation.trails[0].arn", None, "policygen.generation.trails"),
    ("policygen.generation.access-role-arn-template", "arn:aws:iam::123456789012:role/Fixed", "policygen.generation.access-role-arn-template"),
    ("policygen.generation.lookback", "P120D", "policygen.generation.lookback"),
    ("policygen.generation.lookback", "ninety days", "policygen.generation.lookback"),
    ("policygen.generation.refresh-after", "PT0S", "policygen.generation.refresh-after"),
    ("policygen.generation.daily-quota", "51", "policygen.generation.daily-quota"),
    ("policygen.generation.regions[0]", "us-east", "policygen.generation.regions"),
    ("policygen.generation.max-failures", "0", "policygen.generation.max-failures"),
    ("policygen.generation.poll-min", "PT2M", "policygen.generation.poll-min"),
    ("policygen.throttle.per-account-rate", "0", "policygen.throttle.per-account-rate"),
    ("policygen.throttle.overall-rate", "fast", "policygen.throttle.overall-rate"),
    ("policygen.run.max-duration", "-PT1H", "policygen.run.max-duration"),
    ("policygen.run.progress-interval", "PT0S", "policygen.run.progress-interval"),
    # a configuration file that is not where the scheduler runs the job: named by its path, not a setting
    ("spring.config.additional-location", "file:no-such-policygen.yml", "no-such-policygen.yml"),
]

# --quick: the settings the AWS SDK itself would refuse, one of each kind of check, the binder's failures, a missing file
QUICK_CONFIGURATIONS = {1, 4, 5, 7, 8, 14, 18, 19, 20, 23, 25, 30, 33}


def bad_configurations(args, db, work, failures, rng):
    database = db.create("chaos_config")
    sim = h.Simulator(work, "config", *sim_options(5, 5, "PT2S"))
    trials = []

    def one(index, case):
        prop, value, named = case
        settings = {prop: value}
        if prop == "policygen.generation.trails[0].arn" and value is None:
            settings["policygen.generation.trails[0].regions[0]"] = None
        job = h.Job(work, f"config-{index + 1:02d}", db, database, sim, settings)
        rc = job.wait(180)
        out = job.output()
        lines = [l for l in out.splitlines() if l.startswith("policygen:")]
        return {"case": index + 1, "setting": prop, "value": value, "rc": rc, "named": named in out,
                "message": lines[0] if lines else out.strip().splitlines()[-1] if out.strip() else ""}

    cases = [(i, c) for i, c in enumerate(BAD_CONFIGURATIONS) if not args.quick or i + 1 in QUICK_CONFIGURATIONS]
    before = sim.requests_total()
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        trials = list(pool.map(lambda ic: one(*ic), cases))
    requests = sim.requests_total() - before
    sim.stop()
    for trial in trials:
        if trial["rc"] != 2 or not trial["named"]:
            failures.append(f"bad configuration {trial['setting']}={trial['value']}: exit {trial['rc']}, "
                            f"named {trial['named']}: {trial['message']}")
    if requests:
        failures.append(f"bad configurations: the simulator saw {requests} requests")
    h.log(f"bad configurations: {sum(1 for t in trials if t['rc'] == 2 and t['named'])}/{len(trials)} exit 2 naming the setting; "
          f"simulator requests {requests}")
    return {"trials": trials, "requests": requests}


def second_run(args, db, work, failures, rng):
    database = db.create("chaos_second")
    sim = h.Simulator(work, "second", *sim_options(10, 5, "PT4S"))
    first = h.Job(work, "second-first", db, database, sim)
    h.wait_for_line(first.log_path, r"event=run-started", first.process, 120, "the first run")
    trials = []
    for t in range(1 if args.quick else 3):
        second = h.Job(work, f"second-{t + 1}", db, database, sim)
        rc = second.wait(120)
        trials.append({"trial": t + 1, "rc": rc, "seconds": second.ended - second.started, "message": second.verdict(),
                       "first_running": first.process.poll() is None})
        if rc != 4 or not trials[-1]["first_running"]:
            failures.append(f"second run #{t + 1}: exit {rc} (first still running: {trials[-1]['first_running']})")
    first_rc = first.wait(600)
    state = sim.state()
    sim.stop()
    check = h.check_generations(db, database, state)
    h.log(f"second run: exits {[t['rc'] for t in trials]}, first run exit {first_rc}, {check}")
    if first_rc != 0 or not invariants_hold(check):
        failures.append(f"second run: the first run exit {first_rc}, {check}")
    return {"trials": trials, "first_rc": first_rc, **check}


def wrong_password(args, db, work, failures, rng):
    """A wrong database password: configuration (2, a retry cannot help), said in one line naming the user and the
    variable the password came from, without printing the password."""
    database = db.create("chaos_password")
    wrong = "wrong-" + os.urandom(6).hex()
    job = h.Job(work, "wrong-password", db, database, None, env_extra={"SPRING_DATASOURCE_PASSWORD": wrong})
    rc = job.wait(180)
    result = {"rc": rc, "message": job.verdict(), "leaked": wrong in job.output()}
    named = "SPRING_DATASOURCE_PASSWORD" in result["message"]
    if rc != 2 or result["leaked"] or not named:
        failures.append(f"wrong password: exit {rc}, password printed {result['leaked']}, variable named {named}")
    return result


def secrets(args, db, work, failures, databases):
    """The simulator's secret key and the database password, searched in every job log and every table."""
    needles = {"simulator secret key": h.SIM_SECRET, "database password": db.password}
    hits = []
    logs = sorted(f for f in os.listdir(work) if f.startswith("job-") or f.startswith("postgres.log"))
    for name in logs:
        with open(os.path.join(work, name), errors="replace") as f:
            text = f.read()
        hits += [f"{what} in {name}" for what, needle in needles.items() if needle in text]
    rows_scanned = 0
    for database in databases:
        tables = [r[0] for r in db.query(database, "select table_name from information_schema.tables "
                                                   "where table_schema = 'public' and table_type = 'BASE TABLE'")[0]]
        if not tables:
            continue
        statements = []
        for table in tables:
            for what, needle in needles.items():
                statements.append(f"select '{table}', '{what}', count(*), (select count(*) from \"{table}\") "
                                  f"from \"{table}\" t where t::text like '%{needle}%'")
        for row in (r[0] for r in db.query(database, *statements)):
            rows_scanned += int(row[3])
            if int(row[2]):
                hits.append(f"{row[1]} in {database}.{row[0]} ({row[2]} rows)")
    h.log(f"secrets: {len(logs)} logs and {len(databases)} databases searched; hits: {hits or 'none'}")
    if hits:
        failures.append(f"secrets found: {hits}")
    return {"logs": len(logs), "databases": len(databases), "rows": rows_scanned // len(needles), "hits": hits}


# --- issue 12: the database going away ------------------------------------------------------------------------------

def _stop_database_after(job, sim, db, generations):
    """Stops PostgreSQL once the simulator has started this many generations; returns (generations then, when)."""
    h.wait_for(lambda: job.process.poll() is not None or sim.state(False)["generationCount"] >= generations, 600,
               "generations before the database stop")
    count = sim.state(False)["generationCount"]
    stopped_at = time.time()
    db.stop()
    return count, stopped_at


def db_failover(args, db, work, failures, rng):
    """PostgreSQL stopped for 45 s mid-run and started again on the same data (a managed database's failover):
    the run rides it out and finishes, exit 0, nothing lost, no duplicate."""
    accounts, principals, gen = (10, 8, "PT3S") if args.quick else (30, 12, "PT5S")
    outage = 45
    trials = []
    for t in range(1 if args.quick else 2):
        database = db.create(f"chaos_failover_{t}")
        sim = h.Simulator(work, f"failover-{t}", *sim_options(accounts, principals, gen))
        job = h.Job(work, f"failover-{t}", db, database, sim)
        target = rng.randint(accounts, accounts * principals // 3)
        count, stopped_at = _stop_database_after(job, sim, db, target)
        h.log(f"db failover #{t + 1}: PostgreSQL stopped after {count} generations; starting it again in {outage} s")
        time.sleep(max(0.0, stopped_at + outage - time.time()))
        db.start()
        back_at = time.time()
        during = sim.state(False)["generationCount"] - count
        rc = job.wait(900)
        state = sim.state()
        sim.stop()
        check = h.check_generations(db, database, state)
        gens_after = len(state["generations"]) - count - during
        trials.append({"trial": t + 1, "stopped_after": count, "outage_s": back_at - stopped_at, "during": during,
                       "after": gens_after, "rc": rc, "run_s": job.ended - job.started, "message": job.verdict(),
                       **check})
        h.log(f"db failover #{t + 1}: exit {rc}, {check}")
        if rc not in (0, 3) or not invariants_hold(check):
            failures.append(f"db failover #{t + 1}: exit {rc}, {check}")
    return {"accounts": accounts, "principals": principals, "generation_time": gen, "outage": outage, "trials": trials}


def db_outage(args, db, work, failures, rng):
    """PostgreSQL stopped for good mid-run: the run ends, exit 1, within 120 s of the stop with the default settings,
    in one line naming the database and the cause; once it is back, the rerun finishes the work."""
    accounts, principals, gen = (10, 8, "PT3S") if args.quick else (20, 10, "PT2S")
    trials = []
    for t in range(1 if args.quick else 2):
        database = db.create(f"chaos_outage_{t}")
        sim = h.Simulator(work, f"outage-{t}", *sim_options(accounts, principals, gen))
        job = h.Job(work, f"outage-{t}", db, database, sim)
        count, stopped_at = _stop_database_after(job, sim, db, rng.randint(20, accounts * principals // 2))
        h.log(f"db outage #{t + 1}: PostgreSQL stopped for good after {count} generations")
        try:
            rc = job.wait(900)
        finally:
            db.start()
        exit_seconds = job.ended - stopped_at
        message = job.verdict()
        names = f"127.0.0.1:{db.port}/{database}" in message
        codes = finish(work, f"outage-{t}", db, database, sim)
        state = sim.state()
        sim.stop()
        check = h.check_generations(db, database, state)
        trials.append({"trial": t + 1, "stopped_after": count, "rc": rc, "exit_seconds": exit_seconds, "message": message,
                       "names": names, "rerun_codes": codes, **check})
        h.log(f"db outage #{t + 1}: exit {rc} after {exit_seconds:.1f} s: {message[:300]}; reruns {codes}; {check}")
        if rc != 1 or exit_seconds > 120 or not names or codes[-1] != 0 or not invariants_hold(check):
            failures.append(f"db outage #{t + 1}: exit {rc} after {exit_seconds:.0f} s, names the database {names}, "
                            f"reruns {codes}, {check}")
    return {"accounts": accounts, "principals": principals, "generation_time": gen, "trials": trials}


def database_lines(results):
    lines = []
    f = results.get("db_failover")
    if f:
        lines += ["## A database failover: PostgreSQL away for 45 s mid-run",
                  "",
                  f"{f['accounts']} accounts x {f['principals']} principals, {f['generation_time']} generations, job defaults. Once",
                  "the simulator has started a random number of generations, PostgreSQL is stopped (`pg_ctl stop -m fast`",
                  f"through zonky) and started again on the same data directory {f['outage']} s later (what a managed database's",
                  "failover takes); the job is left alone. *Outage* is from the stop to the server's `ready`; *during* and",
                  "*after* count the generations the simulator started while it was away and after.",
                  "",
                  h.table(["trial", "stopped after (generations)", "outage (s)", "started during", "started after", "exit",
                           "run (s)", "duplicates", "lost", "undone"],
                          [[t["trial"], t["stopped_after"], round(t["outage_s"], 1), t["during"], t["after"], t["rc"],
                            round(t["run_s"], 1), t["duplicates"], t["lost"], t["not_done"]] for t in f["trials"]]),
                  "",
                  "Goal: the run goes on and finishes with exit 0 (or 3 at the quota), nothing lost, no duplicate.",
                  ""]
    o = results.get("db_outage")
    if o:
        lines += ["## The database gone for good",
                  "",
                  f"{o['accounts']} accounts x {o['principals']} principals, {o['generation_time']} generations, job defaults",
                  "(`policygen.run.database-outage-tolerance` 90 s). PostgreSQL is stopped once the simulator has started a",
                  "random number of generations and stays down until the job has exited; then it is started again on the",
                  "same data and the job rerun until it exits 0.",
                  "",
                  h.table(["trial", "stopped after (generations)", "exit", "exited after the stop (s)", "its last line",
                           "names the database", "rerun exits", "duplicates", "lost", "undone"],
                          [[t["trial"], t["stopped_after"], t["rc"], round(t["exit_seconds"], 1),
                            "`" + md_escape(t["message"][:300]) + "`", "yes" if t["names"] else "NO",
                            " ".join(map(str, t["rerun_codes"])), t["duplicates"], t["lost"], t["not_done"]] for t in o["trials"]]),
                  "",
                  "Goal: exit 1 within 120 s of the stop, one line naming the database and the cause; the rerun finishes the work.",
                  ""]
    return lines


def md_escape(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


def write_doc(path, command, machine, seed, results, seconds, failures):
    lines = ["# Reliability",
             "",
             "Measured by `scripts/chaos.sh`: an embedded PostgreSQL 14 (zonky, durable), the standalone simulator and",
             "the job as separate JVMs on loopback, the job logging in to PostgreSQL with a password (SCRAM). Every",
             "check is by the simulator's own record of what it was asked against the database: *duplicates* are",
             "principals for which the simulator started more than one generation, *lost* are jobIds the simulator",
             "issued that no `generation` row holds, *undone* are principals without a SUCCEEDED generation.",
             "Rerun it to refresh this page (`--quick`: a few minutes, what CI runs; it fails when an invariant breaks).",
             "",
             f"- date: {h.now_utc()}",
             f"- machine: {machine} (shared with other work while measured)",
             f"- command: `{command}` (random seed {seed}; took {seconds / 60:.1f} min)",
             f"- outcome: {'every invariant held' if not failures else 'BROKEN: ' + md_escape('; '.join(failures))}",
             ""]
    k = results.get("kill9")
    if k:
        lines += ["## kill -9 at random moments",
                  "",
                  f"{k['accounts']} accounts x {k['per_account']} principals, generation time {k['generation_time']} (+/- 1 s).",
                  "Each trial starts the job and sends it SIGKILL after a random delay (the phase is what its log shows",
                  "by then); the next trial is the rerun. Then the job runs until it exits 0.",
                  "",
                  h.table(["trial", "killed after (s)", "phase", "simulator generations so far"],
                          [[t["trial"], round(t["moment"], 1), t["phase"], t["generations"]] for t in k["trials"]]),
                  "",
                  h.table(["final runs' exit codes", "generations", "principals", "duplicates", "lost", "undone"],
                          [[" ".join(map(str, k["final_codes"])), k["sim_generations"], k["principals"], k["duplicates"], k["lost"], k["not_done"]]]),
                  ""]
    lines += database_lines(results)
    f = results.get("fault_storm")
    if f:
        lines += ["## Fault storm",
                  "",
                  f"{f['accounts']} accounts x {f['principals']} principals, 2 s generations; the simulator answers every operation",
                  "with 10% 5xx, 10% throttling and 200 ms added latency, and does not find a generation in its first 3 seconds",
                  "(`POST /_simulator/faults?operation=*&errorRate=0.1&throttleRate=0.1&latency=PT0.2S&unreadableFor=PT3S`: a",
                  "read served before the start reached it). The job runs with its defaults until it exits 0.",
                  "",
                  h.table(["trial", "exits", "seconds", "AWS calls", "5xx", "throttled", "throttled share", "not found yet",
                           "duplicates", "lost", "undone"],
                          [[t["trial"], " ".join(map(str, t["codes"])), round(t["seconds"]), t["calls"], t["errors"], t["throttled"],
                            f"{t['share']:.1%}", t.get("not_found", 0), t["duplicates"], t["lost"], t["not_done"]] for t in f["trials"]]),
                  "",
                  "The throttled share is the simulator's injected 10% (it throttles at random, not by rate): the client",
                  "rate limiter cannot lower it, the SDK's retries absorb it. A generation not found yet is looked at again",
                  "(for up to 5 minutes after its start), not taken for lost: no principal is asked twice.",
                  ""]
    b = results.get("bad_configurations")
    if b:
        ok = sum(1 for t in b["trials"] if t["rc"] == 2 and t["named"])
        lines += ["## Bad configurations",
                  "",
                  f"Each case is one setting made invalid in an otherwise good command line, against a live simulator. {ok} of",
                  f"{len(b['trials'])} exit 2 with a message naming the setting; the simulator saw {b['requests']} requests in all.",
                  "",
                  h.table(["#", "setting", "value", "exit", "names it", "message"],
                          [[t["case"], f"`{t['setting']}`", "(unset)" if t["value"] is None else f"`{md_escape(t['value'])}`", t["rc"],
                            "yes" if t["named"] else "NO", "`" + md_escape(t["message"][:200]) + "`"] for t in b["trials"]]),
                  ""]
    s = results.get("second_run")
    if s:
        lines += ["## A second run while one is active",
                  "",
                  h.table(["trial", "exit", "seconds", "first run still running", "message"],
                          [[t["trial"], t["rc"], round(t["seconds"], 1), "yes" if t["first_running"] else "no", "`" + md_escape(t["message"]) + "`"]
                           for t in s["trials"]]),
                  "",
                  f"The first run then exited {s['first_rc']}; duplicates {s['duplicates']}, lost {s['lost']}, undone {s['not_done']}.",
                  ""]
    if results.get("first_night"):
        lines += first_night.doc(results["first_night"])
    w = results.get("wrong_password")
    sec = results.get("secrets")
    if sec:
        lines += ["## Secrets",
                  "",
                  "The simulator's secret access key (given to the job in `AWS_SECRET_ACCESS_KEY`) and the database",
                  "password (`SPRING_DATASOURCE_PASSWORD`) searched, as plain substrings, in every job log of this",
                  f"script ({sec['logs']} files, bad configurations and failures included, and PostgreSQL's own log) and",
                  f"in every row of every table of the {sec['databases']} databases ({sec['rows']:,} rows, `t::text like`).",
                  "",
                  f"- hits: {md_escape(', '.join(sec['hits'])) if sec['hits'] else 'none'}",
                  ]
        if w:
            lines += [f"- a wrong database password: exit {w['rc']}, password printed: {'YES' if w['leaked'] else 'no'};"
                      f" message `{md_escape(w['message'][:240])}`"]
        lines += [""]
    lines += [h.kept_notes(path)]
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as fh:
        fh.write("\n".join(lines))
    h.log(f"wrote {path}")


SCENARIOS = [("kill9", kill9), ("db_failover", db_failover), ("db_outage", db_outage), ("fault_storm", fault_storm),
             ("bad_configurations", bad_configurations), ("second_run", second_run), ("wrong_password", wrong_password),
             ("first_night", first_night.first_night)]


def main():
    parser = argparse.ArgumentParser(prog="scripts/chaos.sh")
    parser.add_argument("--quick", action="store_true", help="CI-sized runs (a few minutes)")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--only", action="append", choices=[n for n, _ in SCENARIOS])
    parser.add_argument("--output")
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(1_000_000)
    rng = random.Random(seed)
    work = os.path.join(h.ROOT, "target", "chaos-quick" if args.quick else "chaos")
    shutil.rmtree(work, ignore_errors=True)
    h.setup(work)
    h.log(f"chaos: random seed {seed}")
    began = time.time()
    machine = h.machine()
    db = h.Database(work, "chaos-" + os.urandom(9).hex()).start()
    failures, results = [], {}
    for name, scenario in SCENARIOS:
        if args.only and name not in args.only:
            continue
        try:
            results[name] = scenario(args, db, work, failures, rng)
        except Exception as e:
            failures.append(f"{name}: {e!r}")
            h.log(f"{name} FAILED: {e!r}")
    databases = [r[0] for r in db.query("postgres", "select datname from pg_database where datname like 'chaos_%'")[0]]
    results["secrets"] = secrets(args, db, work, failures, databases)
    db.stop()
    command = ("scripts/chaos.sh" + (" --quick" if args.quick else "") + "".join(f" --only {o}" for o in args.only or [])
               + f" --seed {seed}")
    # a partial run's page would replace the whole of docs/reliability.md with its few sections
    partial = args.quick or args.only
    output = args.output or (os.path.join(work, "reliability.md") if partial else os.path.join(h.ROOT, "docs", "reliability.md"))
    with open(os.path.join(work, "results.json"), "w") as f:
        json.dump({"machine": machine, "command": command, "seed": seed, "seconds": time.time() - began,
                   "results": results, "failures": failures}, f, indent=1)
    write_doc(output, command, machine, seed, results,
              time.time() - began, failures)
    if failures:
        for failure in failures:
            print(f"chaos: INVARIANT BROKEN: {failure}", file=sys.stderr)
        sys.exit(1)
    h.log("chaos: every invariant held")


if __name__ == "__main__":
    main()
