"""scripts/bench.sh: slot utilization, discovery at scale, resume -> docs/benchmarks.md (see that file)."""

import argparse
import json
import collections
import os
import re
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
import harness as h  # noqa: E402
import bench_gap  # noqa: E402

GEN_TIME = 2.0
EXTRA = {}  # --job-setting NAME=VALUE, given to every job run


def sim_options(accounts, principals, generation_time="PT2S"):
    # every principal in use, old enough and not opted out: every one gets a generation, as these scenarios count
    return ["--accounts", str(accounts), "--principals-per-account", str(principals), "--distribution", "uniform",
            "--suspended-accounts", "0", "--unassumable-accounts", "0", "--seed", "7",
            "--generation-time", generation_time, "--generation-jitter", "PT0S",
            "--unused-share", "0", "--new-share", "0", "--opted-out-share", "0"]


def step_seconds(db, database, step):
    rows = db.query(database, f"""
        select extract(epoch from min(start_time))::float8, extract(epoch from max(end_time))::float8
        from batch_step_execution where step_name = '{step}'""")[0]
    start, end = rows[0]
    return (float(end) - float(start)) if start and end else None


def utilization(args, db, work, failures):
    accounts, principals = (100, 10) if args.quick else (1000, 20)
    h.log(f"utilization: {accounts} accounts x {principals} principals, generation {GEN_TIME:.0f} s, jitter 0")
    database = db.create("bench_utilization")
    sim = h.Simulator(work, "utilization", *sim_options(accounts, principals), java_opts=("-Xmx2g",))
    job = h.Job(work, "utilization", db, database, sim, EXTRA)
    rc = job.wait(1800)
    state = sim.state()
    sim.stop()
    summary = job.summary() or {}
    gens = state["generations"]
    starts = [h.parse_instant(g["startedOn"]) for g in gens if g.get("startedOn")]
    ends = [h.parse_instant(g["completedOn"]) for g in gens if g.get("completedOn")]
    ideal = principals * GEN_TIME
    sim_span = max(ends) - min(starts) if starts and ends else float("nan")
    generate = step_seconds(db, database, "generate") or float("nan")
    whole = job.ended - job.started
    calls = h.op_count(state, "access-analyzer", "StartPolicyGeneration") + h.op_count(state, "access-analyzer", "GetGeneratedPolicy")
    total, throttled = h.request_counts(state)
    check = h.check_generations(db, database, state)
    result = {"accounts": accounts, "per_account": principals, "rc": rc, "generations": len(gens), "ideal": ideal,
              "sim_span": sim_span, "generate_step": generate, "whole": whole,
              "util_sim": ideal / sim_span, "util_step": ideal / generate, "util_whole": ideal / whole,
              "calls_per_gen": calls / max(len(gens), 1), "aws_calls": total, "throttled": throttled,
              "job_calls": summary.get("calls"), "job_throttled": summary.get("throttled"), **check}
    h.log(f"utilization: {result}")
    if rc != 0 or check["duplicates"] or check["lost"] or check["not_done"] or throttled:
        failures.append(f"utilization run: exit {rc}, {check}, throttled {throttled}")
    return result


def resume(args, db, work, failures):
    accounts, principals = (100, 10) if args.quick else (1000, 20)
    h.log(f"resume: the utilization run killed (-9) half way, then run again")
    database = db.create("bench_resume")
    sim = h.Simulator(work, "resume", *sim_options(accounts, principals), java_opts=("-Xmx2g",))
    total = accounts * principals
    job = h.Job(work, "resume-1", db, database, sim, EXTRA)
    h.wait_for(lambda: job.process.poll() is not None or sim.state(False)["generationCount"] >= total // 2, 1800,
               "half the generations")
    job.kill()
    killed_at = time.time()
    before = {g["jobId"] for g in sim.state()["generations"]}
    time.sleep(1)
    rerun = h.Job(work, "resume-2", db, database, sim, EXTRA)
    rc = rerun.wait(1800)
    state = sim.state()
    sim.stop()
    new_starts = [h.parse_instant(g["startedOn"]) for g in state["generations"] if g["jobId"] not in before]
    first_new = min(new_starts) - rerun.started if new_starts else float("nan")
    per_principal = collections.Counter(g["principalArn"] for g in state["generations"])
    check = h.check_generations(db, database, state)
    result = {"accounts": accounts, "per_account": principals, "before_kill": len(before), "rc": rc,
              "first_new": first_new, "rerun_seconds": rerun.ended - rerun.started,
              "redone": sum(n - 1 for n in per_principal.values() if n > 1), **check}
    h.log(f"resume: {result}")
    if rc != 0 or result["redone"] or check["lost"] or check["not_done"]:
        failures.append(f"resume: exit {rc}, redone {result['redone']}, {check}")
    return result


def discovery(args, db, work, failures):
    accounts, principals = (100, 1000) if args.quick else (1000, 1000)
    h.log(f"discovery: {accounts} accounts x {principals} principals, job -Xmx512m")
    database = db.create("bench_discovery")
    sim = h.Simulator(work, "discovery", *sim_options(accounts, principals, "PT1S"), java_opts=("-Xmx6g",))
    gc_log = os.path.join(work, "discovery-gc.log")
    # daily-quota 1: the generate step starts one generation per account and ends; discovery is what is measured
    job = h.Job(work, "discovery", db, database, sim, {"policygen.generation.daily-quota": "1", **EXTRA},
                java_opts=("-Xmx512m", f"-Xlog:gc:file={gc_log}"))
    rc = job.wait(3600)
    sim.stop()
    count = int(db.value(database, "select count(*) from principal"))
    accounts_s = step_seconds(db, database, "discoverAccounts") or 0.0
    principals_s = step_seconds(db, database, "discoverPrincipals") or float("nan")
    heap_peak, heap_committed = h.gc_peak_heap_mb(gc_log)
    raw_rows, raw_seconds = db.copy_bench(database)
    rate = count / principals_s
    raw_rate = raw_rows / raw_seconds
    result = {"accounts": accounts, "principals_per_account": principals, "rc": rc, "principals": count,
              "accounts_s": accounts_s, "principals_s": principals_s, "rate": rate,
              "heap_peak_mb": heap_peak, "heap_committed_mb": heap_committed, "rss_mb": job.peak_rss_kb / 1024,
              "raw_rows": raw_rows, "raw_s": raw_seconds, "raw_rate": raw_rate, "ratio": rate / raw_rate}
    h.log(f"discovery: {result}")
    if count != accounts * principals or rc not in (0, 3):
        failures.append(f"discovery: exit {rc}, {count} principals persisted of {accounts * principals}")
    return result


# --- issue 12: poll efficiency, scale, Regions as slots, discovery's persistence cost -------------------------------

def slot_utilization(gens):
    """Per slot (account and Region), AWS's busy time / its first start to its last completion, summed over slots."""
    slots = collections.defaultdict(list)
    for g in gens:
        if g.get("startedOn") and g.get("completedOn"):
            slots[(g["accountId"], g["region"])].append((h.parse_instant(g["startedOn"]), h.parse_instant(g["completedOn"])))
    busy = span = 0.0
    for runs in slots.values():
        busy += sum(end - start for start, end in runs)
        span += max(end for _, end in runs) - min(start for start, _ in runs)
    return busy / span if span else float("nan")


def aa_calls(state):
    return (h.op_count(state, "access-analyzer", "StartPolicyGeneration"),
            h.op_count(state, "access-analyzer", "GetGeneratedPolicy"))


def polls_by_order(db, database, run_id):
    """Calls (start + polls, the job's own count) of each run's generations: an account's first in the run, and the others."""
    rows = db.query(database, f"""
        select (row_number() over (partition by account_id order by generation_id) = 1) as first, polls
        from generation where run_id = {run_id} and job_id is not null""")[0]
    first = [int(p) + 1 for f, p in rows if f in ("t", "true", True)]
    later = [int(p) + 1 for f, p in rows if f not in ("t", "true", True)]
    mean = lambda xs: sum(xs) / len(xs) if xs else float("nan")
    return mean(first), mean(later)


POLL_CASES = [
    # name, simulator options beyond the organization, nights
    ("uniform", "15 s +/- 2 s, uniform per job", ["--generation-time", "PT15S", "--generation-jitter", "PT2S"], 1),
    ("tail-account", "15 s +/- 2 s times a lognormal factor per account (spread 0.5): p90 1.9x, p99 3.2x the median",
     ["--generation-time", "PT15S", "--generation-jitter", "PT2S", "--duration-distribution", "lognormal",
      "--duration-spread", "0.5", "--duration-spread-by", "account"], 2),
    ("tail-job", "15 s +/- 2 s times a lognormal factor per job (spread 0.5): noise no client can predict",
     ["--generation-time", "PT15S", "--generation-jitter", "PT2S", "--duration-distribution", "lognormal",
      "--duration-spread", "0.5", "--duration-spread-by", "job"], 1),
]


def polling(args, db, work, failures):
    """Access Analyzer calls per generation and slot utilization with the job's default poll settings."""
    accounts, per_night = (50, 4) if args.quick else (300, 4)
    cases = POLL_CASES[:1] if args.quick else POLL_CASES
    results = []
    for name, what, options, nights in cases:
        h.log(f"polling {name}: {accounts} accounts x {per_night * nights} principals, {what}, {nights} night(s)")
        database = db.create(f"bench_poll_{name.replace('-', '_')}")
        sim = h.Simulator(work, f"poll-{name}", "--accounts", str(accounts), "--principals-per-account",
                          str(per_night * nights), "--distribution", "uniform", "--suspended-accounts", "0",
                          "--unassumable-accounts", "0", "--seed", "7", "--daily-quota", str(per_night), *options)
        props = {"policygen.generation.poll-min": None, "policygen.generation.daily-quota": str(per_night), **EXTRA}
        seen = set()
        before = (0, 0)
        for night in range(1, nights + 1):
            job = h.Job(work, f"poll-{name}-{night}", db, database, sim, props)
            rc = job.wait(3600)
            state = sim.state()
            gens = [g for g in state["generations"] if g["jobId"] not in seen]
            seen |= {g["jobId"] for g in gens}
            starts, gets = aa_calls(state)
            calls = (starts - before[0] + gets - before[1]) / max(len(gens), 1)
            before = (starts, gets)
            run_id = (job.summary() or {}).get("run", night)
            first, later = polls_by_order(db, database, run_id)
            match = re.search(r"slot utilization ([0-9.]+)", job.output())
            result = {"case": name, "what": what, "night": night, "nights": nights, "accounts": accounts,
                      "per_night": per_night, "rc": rc, "generations": len(gens), "calls": calls,
                      "calls_first": first, "calls_later": later, "utilization": slot_utilization(gens),
                      "job_utilization": float(match.group(1)) if match else None,
                      "expected_rc": 3 if night < nights else 0}
            h.log(f"polling {name} night {night}: {result}")
            results.append(result)
            if rc != result["expected_rc"]:
                failures.append(f"polling {name} night {night}: exit {rc}")
            if night < nights:
                sim.advance("PT24H")
        check = h.check_generations(db, database, sim.state())
        sim.stop()
        if check["duplicates"] or check["lost"] or check["not_done"]:
            failures.append(f"polling {name}: {check}")
    return {"cases": results}


def polling_lines(p):
    rows = []
    for r in p["cases"]:
        goal = r["case"] != "tail-job"
        met = "yes" if r["calls"] <= 3 and r["utilization"] >= 0.95 else ("NO" if goal else "(no goal)")
        rows.append([f"{r['case']}, night {r['night']} of {r['nights']}", r["generations"], round(r["calls"], 2),
                     round(r["calls_first"], 2), round(r["calls_later"], 2), round(r["utilization"], 3),
                     "" if r["job_utilization"] is None else round(r["job_utilization"], 3), r["rc"], met])
    cases = {r["case"]: r["what"] for r in p["cases"]}
    first = p["cases"][0]
    return [
        "## Poll efficiency",
        "",
        f"{first['accounts']} accounts x {first['per_night']} principals a night (uniform), one generation Region, the job's",
        "default settings (`poll-min` 1 s, `poll-max` 1 min, 3 setup canaries on the first night), daily quota",
        f"{first['per_night']} in the simulator and the job. Durations:",
        "",
        *[f"- *{name}*: {what}" for name, what in cases.items()],
        "",
        "*Calls* are Access Analyzer `StartPolicyGeneration` + `GetGeneratedPolicy` per generation by the simulator's",
        "request counts; *first / later* split the job's own count (`generation.polls` + 1) into each account's first",
        "generation of the night and the others. *Utilization* is, per slot (account and Region), the time AWS ran one",
        "of its generations over the time from its first start to its last completion, by the simulator's `startedOn` /",
        "`completedOn`, summed over slots: the share of a slot's working time lost to polling and the job's own work",
        "between a completion and the next start. *Job's figure* is the run summary's (slot open to close, start-up and",
        "the canaries' wait included). A two-night case runs the job, moves the simulator's clock a day on, and runs it",
        "again: the second night starts from what the first learnt (the estimator reads the last week's successes).",
        "",
        h.table(["case", "generations", "calls / generation", "first", "later", "utilization", "job's figure", "exit", "goal met"],
                rows),
        "",
        "Goal: utilization >= 0.95 with <= 3 calls per generation, with the default settings, on uniform jitter and on",
        "a long-tailed distribution.",
        "",
    ]


def database_use(job):
    """The job's count of what it asked of PostgreSQL (its last `event=database-use` line), as a dict of ints."""
    lines = re.findall(r"event=database-use run=\d+ (.*)$", job.output(), re.M)
    return {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", lines[-1])} if lines else {}


def xact_commits(db, database):
    return int(db.value(database, f"select xact_commit + xact_rollback from pg_stat_database where datname = '{database}'"))


def percentile(values, share):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(share * (len(values) - 1))))] if values else float("nan")


def first_starts(gens):
    """Seconds from the run's first StartPolicyGeneration to each slot's first one (the simulator's startedOn)."""
    firsts = {}
    for g in gens:
        key = (g["accountId"], g["region"])
        started = h.parse_instant(g["startedOn"])
        firsts[key] = min(firsts.get(key, started), started)
    zero = min(firsts.values())
    return [t - zero for t in firsts.values()]


def generate_scale(args, db, work, failures, name, accounts, principals, regions, generation, jitter, props=None,
                   daily_quota=None, nights=1):
    """One run of the generate step at scale: the figures the scale and Regions sections show."""
    database = db.create(f"bench_{name.replace('-', '_')}")
    options = ["--accounts", str(accounts), "--principals-per-account", str(principals), "--distribution", "uniform",
               "--suspended-accounts", "0", "--unassumable-accounts", "0", "--seed", "7",
               "--generation-time", generation, "--generation-jitter", jitter]
    if daily_quota:
        options += ["--daily-quota", str(daily_quota)]
    sim = h.Simulator(work, name, *options, java_opts=("-Xmx3g",))
    settings = {"policygen.generation.poll-min": None, "policygen.generation.setup-canaries": "0", **(props or {}), **EXTRA}
    for i, region in enumerate(regions):
        settings[f"policygen.generation.regions[{i}]"] = region
    if daily_quota:
        settings["policygen.generation.daily-quota"] = str(daily_quota)
    gc_log = os.path.join(work, f"{name}-gc.log")
    results = []
    seen = set()
    for night in range(1, nights + 1):
        before = xact_commits(db, database)
        job = h.Job(work, f"{name}-{night}", db, database, sim, settings,
                    java_opts=(f"-Xlog:gc:file={gc_log}.{night}", *SCALE_JAVA_OPTS))
        rc = job.wait(3600)
        transactions = xact_commits(db, database) - before
        state = sim.state()
        gens = [g for g in state["generations"] if g["jobId"] not in seen and g.get("startedOn")]
        seen |= {g["jobId"] for g in gens}
        heap_peak, heap_committed = h.gc_peak_heap_mb(f"{gc_log}.{night}")
        use = database_use(job)
        starts = first_starts(gens)
        slots = len(starts)
        per_account = collections.Counter(g["accountId"] for g in gens)
        result = {"name": name, "night": night, "accounts": accounts, "principals": principals, "regions": regions,
                  "generation": generation, "jitter": jitter, "rc": rc, "generations": len(gens), "slots": slots,
                  "first_p50": percentile(starts, 0.5), "first_p99": percentile(starts, 0.99), "first_max": max(starts),
                  "utilization": slot_utilization(gens), "whole": job.ended - job.started,
                  "generate_step": step_seconds(db, database, "generate"),
                  "heap_peak_mb": heap_peak, "heap_committed_mb": heap_committed, "rss_mb": job.peak_rss_kb / 1024,
                  "transactions": transactions, "use": use,
                  "per_account_day": sum(per_account.values()) / max(len(per_account), 1),
                  "calls": sum(aa_calls(state)) / max(len(state["generations"]), 1)}
        h.log(f"{name} night {night}: {result}")
        results.append(result)
        if night < nights:
            sim.advance("PT24H")
    check = h.check_generations(db, database, sim.state())
    sim.stop()
    for r in results:
        r.update(check)
    if check["duplicates"] or check["lost"]:
        failures.append(f"{name}: {check}")
    return results


SCALE_JAVA_OPTS = ()


def scale(args, db, work, failures):
    """5,000 accounts x 2 generation Regions (10,000 slots), 2 principals each, generations of 30 s +/- 5 s."""
    accounts = args.scale_accounts or (5000 if args.scale else 500)
    results = generate_scale(args, db, work, failures, "scale", accounts, 2, ["us-east-1", "us-west-2"], "PT30S", "PT5S")
    r = results[0]
    if r["rc"] != 0 or r["generations"] != accounts * 2 or r["not_done"]:
        failures.append(f"scale: exit {r['rc']}, {r['generations']} generations of {accounts * 2}, {r['not_done']} undone")
    return {"runs": results}


def regions(args, db, work, failures):
    """Generations per account per simulated day with 1 and with 3 generation Regions (each its own daily quota)."""
    accounts, principals, quota = (20, 30, 5) if args.quick else (100, 60, 10)
    out = []
    for label, regions_used in [("1 Region", ["us-east-1"]), ("3 Regions", ["us-east-1", "us-west-2", "eu-west-1"])]:
        runs = generate_scale(args, db, work, failures, f"regions-{len(regions_used)}", accounts, principals, regions_used,
                              "PT2S", "PT0S", daily_quota=quota, nights=2)
        for r in runs:
            r["label"] = label
        out += runs
    return {"accounts": accounts, "principals": principals, "quota": quota, "runs": out}


LISTING_ONLY = ("-Dloader.main=io.policygen.local.ListingOnlyRun", "-cp", h.JAR,
                "org.springframework.boot.loader.launch.PropertiesLauncher")


def discovery_cost(args, db, work, failures):
    """Discovery with the principals persisted against the same listing with nothing written (io.policygen.local.
    ListingOnlyRun: the job's own discoverPrincipals step, its writer discarding), alternately, on one simulator."""
    accounts, principals = (100, 1000) if args.quick else (1000, 1000)
    rounds = 1 if args.quick else 2
    h.log(f"discovery cost: {accounts} accounts x {principals} principals, listing only and persisted, {rounds} round(s) each")
    sim = h.Simulator(work, "discovery-cost", *sim_options(accounts, principals, "PT1S"), java_opts=("-Xmx6g",))
    props = {"policygen.generation.daily-quota": "1", **EXTRA}
    runs = []
    for i in range(rounds):
        for mode in ("listing", "persisted"):
            database = db.create(f"bench_discovery_{mode}")
            name = f"discovery-{mode}-{i + 1}"
            job = h.Job(work, name, db, database, sim, props, java_opts=("-Xmx1g", *(LISTING_ONLY if mode == "listing" else ())))
            rc = job.wait(3600)
            seconds = step_seconds(db, database, "discoverPrincipals") or float("nan")
            stored = int(db.value(database, "select count(*) from principal"))
            listed = re.findall(r"principalsListed=(\d+)", job.output())
            count = int(listed[-1]) if mode == "listing" and listed else stored
            runs.append({"round": i + 1, "mode": mode, "rc": rc, "seconds": seconds, "principals": count, "stored": stored})
            h.log(f"discovery cost: {runs[-1]}")
            if rc not in (0, 3) or count != accounts * principals:
                failures.append(f"discovery cost {name}: exit {rc}, {count} principals of {accounts * principals}")
    sim.stop()
    listing = [r["seconds"] for r in runs if r["mode"] == "listing"]
    persisted = [r["seconds"] for r in runs if r["mode"] == "persisted"]
    added = sum(persisted) / sum(listing) - 1
    return {"accounts": accounts, "principals": principals, "runs": runs, "listing_s": sum(listing) / len(listing),
            "persisted_s": sum(persisted) / len(persisted), "added": added}


def discovery_cost_lines(d):
    return [
        "## Discovery: what persisting the principals adds to the listing",
        "",
        f"{d['accounts']:,} accounts x {d['principals']:,} principals (uniform) on one simulator, the job's defaults (discovery",
        "concurrency 8, IAM page size 1000) plus `--policygen.generation.daily-quota=1`. *Persisted* is a real run on a fresh",
        "database; *listing* is the same run with the `discoverPrincipals` step's writer discarding what it is given",
        "(`io.policygen.local.ListingOnlyRun`: the job's own step, reader, SDK calls, partitions, concurrency and Spring Batch",
        "bookkeeping; only the principals' upserts are left out), also on a fresh database. They alternate, listing first, so",
        "the simulator is as warm for both. Time is the `discoverPrincipals` step's (`batch_step_execution`). The",
        "measurement follows whatever listing the job's discovery step uses (today `ListRoles` / `ListUsers`; the same",
        "comparison applies once it reads `GetAccountAuthorizationDetails`): only its writer is swapped.",
        "",
        h.table(["round", "run", "exit", "principals", "discoverPrincipals (s)"],
                [[r["round"], r["mode"], r["rc"], r["principals"], round(r["seconds"], 1)] for r in d["runs"]]),
        "",
        h.table(["measure", "value", "target", "met"], [
            ["listing alone, mean (s)", round(d["listing_s"], 1), "", ""],
            ["listing and persisting, mean (s)", round(d["persisted_s"], 1), "", ""],
            ["persistence adds", f"{d['added']:.0%}", "<= 25%", "yes" if d["added"] <= 0.25 else "NO"],
        ]),
        "",
    ]


ISSUE12_SCENARIOS = ["polling", "regions", "discovery-cost", "scale"]


def issue12_scenarios(args):
    """This issue's scenarios, in the order they run: the scale run only with --scale (or --only scale)."""
    chosen = [("polling", polling), ("regions", regions), ("discovery-cost", discovery_cost)]
    if args.scale or (args.only and "scale" in args.only):
        chosen.append(("scale", scale))
    return chosen


def issue12_lines(results):
    lines = []
    if results.get("polling"):
        lines += polling_lines(results["polling"])
    if results.get("discovery-cost"):
        lines += discovery_cost_lines(results["discovery-cost"])


# --- discovery with policies: GetAccountAuthorizationDetails and the credential report, against the ListRoles /
# ListUsers discovery they replaced (issue 10)

# The last commit whose discovery lists principals with ListRoles / ListUsers: built once into
# target/bench-baseline/COMMIT and run against the same simulator, which still serves both listings.
BASELINE_COMMIT = "ea6d487"
IAM_OPS = ["GetAccountAuthorizationDetails", "GenerateCredentialReport", "GetCredentialReport", "ListRoles", "ListUsers"]


def baseline_jar():
    out = os.path.join(h.ROOT, "target", "bench-baseline", BASELINE_COMMIT)
    jar = os.path.join(out, "target", "policygen.jar")
    if not os.path.exists(jar):
        h.log(f"building the baseline (commit {BASELINE_COMMIT}, ListRoles / ListUsers discovery) into {out}")
        shutil.rmtree(out, ignore_errors=True)
        os.makedirs(out)
        archive = subprocess.run(["git", "-C", h.ROOT, "archive", "--format=tar", BASELINE_COMMIT], capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", out], input=archive.stdout, check=True)
        env = dict(os.environ, JAVA_HOME=os.path.dirname(os.path.dirname(h.JAVA)))
        subprocess.run([os.path.join(out, "mvnw"), "-B", "-q", "package", "-DskipTests"], cwd=out, env=env, check=True)
    return jar


def iam_calls(sim):
    ops = sim.state(False)["requests"].get("iam", {})
    return {op: sum(ops.get(op, {}).values()) for op in IAM_OPS}


def discovery_details(args, db, work, failures):
    accounts, principals = (10, 1000) if args.quick else (1000, 1000)
    h.log(f"discovery with policies: {accounts} accounts x {principals} principals, GetAccountAuthorizationDetails"
          + ("" if args.quick else f" against ListRoles / ListUsers (commit {BASELINE_COMMIT})") + ", job -Xmx512m")
    sim = h.Simulator(work, "discovery-details", "--accounts", str(accounts), "--principals-per-account", str(principals),
                      "--distribution", "uniform", "--suspended-accounts", "0", "--unassumable-accounts", "0", "--seed", "7",
                      "--generation-time", "PT1S", "--generation-jitter", "PT0S", java_opts=("-Xmx6g",))
    result = {"accounts": accounts, "per_account": principals}
    for side, jar in ([] if args.quick else [("old", baseline_jar())]) + [("new", None)]:
        database = db.create(f"bench_discovery_{side}")
        gc_log = os.path.join(work, f"discovery-{side}-gc.log")
        before = iam_calls(sim)
        job = h.Job(work, f"discovery-{side}", db, database, sim, {"policygen.generation.daily-quota": "1", **EXTRA},
                    java_opts=("-Xmx512m", f"-Xlog:gc:file={gc_log}"), jar=jar)
        rc = job.wait(3600)
        after = iam_calls(sim)
        tables = ["principal"] + (["managed_policy", "iam_group"] if side == "new" else [])
        sizes = db.query(database, *[f"select count(*), pg_total_relation_size('{t}') from {t}" for t in tables])
        heap, committed = h.gc_peak_heap_mb(gc_log)
        run = {"rc": rc, "seconds": step_seconds(db, database, "discoverPrincipals") or float("nan"), "heap_mb": heap,
               "committed_mb": committed, "rss_mb": job.peak_rss_kb / 1024,
               "rows": {t: int(r[0][0]) for t, r in zip(tables, sizes)}, "bytes": {t: int(r[0][1]) for t, r in zip(tables, sizes)},
               "calls": {op: after[op] - before[op] for op in IAM_OPS}}
        result[side] = run
        if rc not in (0, 3) or run["rows"]["principal"] != accounts * principals:
            failures.append(f"discovery with policies ({side}): exit {rc}, {run['rows']['principal']} principals of {accounts * principals}")
    database = "bench_discovery_new"
    eligibility = db.query(database, "select eligibility, count(*) from principal where deleted_at is null group by 1 order by 1")[0]
    result["eligibility"] = {row[0]: int(row[1]) for row in eligibility}
    breadth = db.query(database, """select breadth, count(*) from principal
                                    where deleted_at is null and eligibility = 'ELIGIBLE' group by 1 order by 1""")[0]
    result["breadth"] = {row[0]: int(row[1]) for row in breadth}
    days = db.query(database, """
        select sum(ceil(n / 50.0))::bigint, sum(ceil(e / 50.0))::bigint, min(e), max(e),
               percentile_disc(0.5) within group (order by e)
        from (select account_id, count(*) as n, count(*) filter (where eligibility = 'ELIGIBLE') as e
              from principal where deleted_at is null group by account_id) a""")[0][0]
    result["days"] = {"all": int(days[0]), "eligible": int(days[1]), "min": int(days[2]), "max": int(days[3]), "median": int(days[4])}
    aws_policies = int(db.value(database, "select count(*) from managed_policy where aws_managed"))
    unassessed = int(db.value(database, "select count(*) from principal where eligibility is null or fingerprint is null"))
    sim.stop()
    h.log(f"discovery with policies: {result}")
    if aws_policies != 9 or unassessed:
        failures.append(f"discovery with policies: {aws_policies} AWS managed policy rows (one per policy and version: 9), "
                        f"{unassessed} principals not assessed")
    return result


def discovery_details_section(x):
    old, new = x.get("old"), x["new"]
    total = sum(x["eligibility"].values())
    left_out = total - x["eligibility"].get("ELIGIBLE", 0)
    mb = lambda b: b / 1024 / 1024

    def row(measure, f, unit=""):
        return [measure, f(old) if old else "(not run)", f(new), unit]

    lines = [
        "## Discovery with policies (GetAccountAuthorizationDetails) against ListRoles / ListUsers",
        "",
        f"{x['accounts']:,} accounts x {x['per_account']:,} principals (uniform, the simulator's realistic mix: policies, tags,",
        "groups, boundaries, last use; a quarter of principals unused, a few new, a few opted out), one simulator for both",
        "runs. *new* is this checkout's job: per account one GetAccountAuthorizationDetails listing of the managed policies",
        "and groups, one of the roles and users (MaxItems 1000), the credential report, each principal assessed and",
        "stored with its documents (JSONB), managed policy documents once per version. *old* is the job as of commit",
        f"`{BASELINE_COMMIT}` (ListRoles / ListUsers, names only), built by the script from that commit into",
        "`target/bench-baseline/` and run against the same simulator, which still serves both listings. Both with",
        "`-Xmx512m -Xlog:gc`, discovery concurrency 8 and `--policygen.generation.daily-quota=1`; each into a database of its",
        "own. Time is the `discoverPrincipals` step (`batch_step_execution`); bytes are `pg_total_relation_size` (table,",
        "TOAST, indexes); IAM calls are the simulator's count of each run's requests. `--quick` runs the new side only,",
        "at 10 x 1,000.",
        "",
        h.table(["measure", "old: ListRoles / ListUsers", "new: GetAccountAuthorizationDetails", ""], [
            row("exit code", lambda r: r["rc"]),
            row("discoverPrincipals (s)", lambda r: round(r["seconds"], 1)),
            row("principals / s", lambda r: round(r["rows"]["principal"] / r["seconds"])),
            row("peak heap used (MB)", lambda r: r["heap_mb"], "limit 512"),
            row("heap committed, peak (MB)", lambda r: r["committed_mb"]),
            row("peak RSS (MB)", lambda r: round(r["rss_mb"])),
            row("principal rows", lambda r: f"{r['rows']['principal']:,}"),
            row("managed_policy rows / iam_group rows", lambda r: f"{r['rows'].get('managed_policy', 0):,} / {r['rows'].get('iam_group', 0):,}"),
            row("bytes stored (MB)", lambda r: round(mb(sum(r["bytes"].values())), 1)),
            row("bytes per principal", lambda r: round(sum(r["bytes"].values()) / r["rows"]["principal"])),
            row("IAM calls: GetAccountAuthorizationDetails", lambda r: f"{r['calls']['GetAccountAuthorizationDetails']:,}"),
            row("IAM calls: GenerateCredentialReport / GetCredentialReport",
                lambda r: f"{r['calls']['GenerateCredentialReport']:,} / {r['calls']['GetCredentialReport']:,}"),
            row("IAM calls: ListRoles / ListUsers", lambda r: f"{r['calls']['ListRoles']:,} / {r['calls']['ListUsers']:,}"),
        ]),
        "",
        "Who is worth a generation, as the new discovery found the same organization (lookback 30 days, as the",
        "scripts run the job; min-age 7 days):",
        "",
        h.table(["principals", "count", "share"], [[k, f"{v:,}", f"{v / total:.1%}"] for k, v in sorted(x["eligibility"].items())]
                + [["not worth a generation", f"{left_out:,}", f"{left_out / total:.1%}"]]),
        "",
        "Breadth of those worth one (the order they get it in, breadth-first): "
        + ", ".join(f"{k} {v:,}" for k, v in sorted(x["breadth"].items())) + ".",
        "",
        f"Days of quota (50 generations a day per account) to generate once for every principal: {x['days']['all']:,}",
        f"account-days; for those worth it: {x['days']['eligible']:,} account-days, saving {x['days']['all'] - x['days']['eligible']:,}",
        f"({(x['days']['all'] - x['days']['eligible']) / x['accounts']:.1f} days per account; eligible per account: min "
        f"{x['days']['min']}, median {x['days']['median']}, max {x['days']['max']} of {x['per_account']:,}).",
        "",
    ]
    return lines


def write_doc(path, args, machine, command, results, seconds):
    u, r, d = results.get("utilization"), results.get("resume"), results.get("discovery")
    lines = [
        "# Benchmarks",
        "",
        "Measured by `scripts/bench.sh`, which starts an embedded PostgreSQL 14 (zonky, durable: fsync on),",
        "the standalone simulator and the job as separate JVMs on loopback, all on the same machine.",
        "Rerun it to refresh this page (about 6 minutes here; `--quick` about 2, and is what CI runs).",
        "",
        f"- date: {h.now_utc()}",
        f"- machine: {machine} (shared with other work while measured)",
        f"- command: `{command}` (took {seconds / 60:.1f} min)",
        "",
    ]
    if u:
        lines += [
            "## Slot utilization",
            "",
            f"{u['accounts']:,} accounts x {u['per_account']} principals (uniform), simulated generation time 2 s,",
            "jitter 0, no throttling, no faults; job defaults except `--policygen.generation.poll-min=PT0.05S`.",
            f"The ideal makespan is {u['per_account']} x 2 s = {u['ideal']:.0f} s (one slot per account, all accounts at once).",
            "",
            "How measured: *slot span* is from the first `StartPolicyGeneration` to the last completion, by the",
            "simulator's `startedOn` / `completedOn`; *generate step* is the `generate` step's start to end in",
            "`batch_step_execution` (it includes the last poll and the last write); *whole run* is the job",
            "process from start to exit (JVM start, Flyway, discovery of the organization included).",
            "Calls per generation = (`StartPolicyGeneration` + `GetGeneratedPolicy`) / generations, by the",
            "simulator's request counts.",
            "",
            h.table(["measure", "value", "target", "met"], [
                ["generations (simulator)", u["generations"], f"{u['accounts'] * u['per_account']:,}", "yes" if u["generations"] == u["accounts"] * u["per_account"] and not u["duplicates"] else "NO"],
                ["exit code", u["rc"], "0", "yes" if u["rc"] == 0 else "NO"],
                ["slot span (s)", round(u["sim_span"], 1), "", ""],
                ["utilization, slot span", round(u["util_sim"], 3), ">= 0.95", "yes" if u["util_sim"] >= 0.95 else "NO"],
                ["generate step (s)", round(u["generate_step"], 1), "", ""],
                ["utilization, generate step", round(u["util_step"], 3), ">= 0.95", "yes" if u["util_step"] >= 0.95 else "NO"],
                ["whole run (s)", round(u["whole"], 1), "", ""],
                ["utilization, whole run", round(u["util_whole"], 3), "(for information)", ""],
                ["Access Analyzer calls per generation", round(u["calls_per_gen"], 2), "<= 4", "yes" if u["calls_per_gen"] <= 4 else "NO"],
                ["AWS calls, all services (simulator)", u["aws_calls"], "", ""],
                ["throttled calls (simulator / job)", f"{u['throttled']} / {u['job_throttled']}", "0", "yes" if not u["throttled"] and not u["job_throttled"] else "NO"],
                ["duplicate generations / jobIds missing in DB", f"{u['duplicates']} / {u['lost']}", "0 / 0", "yes" if not u["duplicates"] and not u["lost"] else "NO"],
            ]),
            "",
        ]
    if d:
        lines += [
            "## Discovery at scale",
            "",
            f"{d['accounts']:,} accounts x {d['principals_per_account']:,} principals (uniform), job run with `-Xmx512m -Xlog:gc`",
            "and defaults (discovery concurrency 8, IAM page size 1000) plus `--policygen.generation.daily-quota=1`, so that",
            "the generate step that follows is short. The rate is principals persisted / the `discoverPrincipals` step's",
            "duration (`batch_step_execution`). Peak heap is the largest occupancy in the GC log; peak RSS is the",
            "process's `VmHWM` (`/proc/PID/status`), sampled every 200 ms. The raw PostgreSQL rate is `COPY ... FROM STDIN`",
            "(pgjdbc `CopyManager`) of the very rows discovery wrote (copied out first, not timed) into an empty table",
            "`(like principal including all)`, indexes included, in the same database right after the run.",
            "",
            h.table(["measure", "value", "target", "met"], [
                ["principals persisted", d["principals"], f"{d['accounts'] * d['principals_per_account']:,}", "yes" if d["principals"] == d["accounts"] * d["principals_per_account"] else "NO"],
                ["discoverAccounts (s)", round(d["accounts_s"], 1), "", ""],
                ["discoverPrincipals (s)", round(d["principals_s"], 1), "<= 300 for a million", "yes" if d["principals_s"] * 1_000_000 / max(d["principals"], 1) <= 300 else "NO"],
                ["principals / s", round(d["rate"]), "", ""],
                ["peak heap used (MB)", d["heap_peak_mb"], "<= 512", "yes" if d["heap_peak_mb"] <= 512 else "NO"],
                ["heap committed, peak (MB)", d["heap_committed_mb"], "", ""],
                ["peak RSS (MB)", round(d["rss_mb"]), "", ""],
                ["raw COPY: rows, s", f"{d['raw_rows']:,} in {d['raw_s']:.1f} s", "", ""],
                ["raw COPY rate (rows / s)", round(d["raw_rate"]), "", ""],
                ["ratio job / raw", round(d["ratio"], 3), ">= 0.5", "yes" if d["ratio"] >= 0.5 else "NO"],
            ]),
            "",
        ]
    if results.get("discovery_details"):
        lines += discovery_details_section(results["discovery_details"])
    if r:
        lines += [
            "## Resume after kill -9",
            "",
            f"The utilization set-up ({r['accounts']:,} x {r['per_account']}, fresh database and simulator), killed with",
            "SIGKILL once the simulator had started half the generations, then run again. *First new generation* is",
            "the seconds from the rerun's process start to the first `StartPolicyGeneration` the simulator had not seen",
            "before the kill. *Redone* counts generations the simulator started beyond one per principal.",
            "",
            h.table(["measure", "value", "target", "met"], [
                ["generations started before the kill", r["before_kill"], "", ""],
                ["rerun exit code", r["rc"], "0", "yes" if r["rc"] == 0 else "NO"],
                ["seconds to first new generation", round(r["first_new"], 1), "", ""],
                ["rerun duration (s)", round(r["rerun_seconds"], 1), "", ""],
                ["generations redone", r["redone"], "0", "yes" if not r["redone"] else "NO"],
                ["jobIds missing in the database", r["lost"], "0", "yes" if not r["lost"] else "NO"],
                ["principals without a SUCCEEDED generation", r["not_done"], "0", "yes" if not r["not_done"] else "NO"],
            ]),
            "",
        ]
    if results.get("gap"):
        lines += bench_gap.lines(results["gap"])
    lines += issue12_lines(results)
    lines += [h.kept_notes(path)]
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write("\n".join(lines))
    h.log(f"wrote {path}")


def main():
    parser = argparse.ArgumentParser(prog="scripts/bench.sh")
    parser.add_argument("--quick", action="store_true", help="CI-sized runs (a few minutes)")
    parser.add_argument("--scale", action="store_true",
                        help="also the scale run: 5,000 accounts x 2 generation Regions (10,000 slots); with --only scale alone, 500 accounts")
    parser.add_argument("--scale-accounts", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--only", action="append",
                        choices=["utilization", "resume", "discovery", "discovery_details", "gap", *ISSUE12_SCENARIOS])
    parser.add_argument("--job-setting", action="append", default=[], metavar="NAME=VALUE",
                        help="an extra setting for every job run, e.g. policygen.principals.discovery-concurrency=4")
    parser.add_argument("--output", help="where to write the page (default docs/benchmarks.md; --quick: target/bench/benchmarks.md)")
    args = parser.parse_args()
    work = os.path.join(h.ROOT, "target", "bench-quick" if args.quick else "bench")
    shutil.rmtree(work, ignore_errors=True)
    h.setup(work)
    EXTRA.update(setting.split("=", 1) for setting in args.job_setting)
    began = time.time()
    machine = h.machine()
    db = h.Database(work, "bench-" + os.urandom(9).hex()).start()
    failures = []
    results = {}
    for name, scenario in [("utilization", utilization), ("discovery", discovery), ("discovery_details", discovery_details),
                           ("resume", resume), ("gap", lambda *a: bench_gap.gap(*a, step_seconds)),
                           *issue12_scenarios(args)]:
        if args.only and name not in args.only:
            continue
        try:
            results[name] = scenario(args, db, work, failures)
        except Exception as e:  # a scenario that cannot finish is a failure, the others still run
            failures.append(f"{name}: {e!r}")
            h.log(f"{name} FAILED: {e!r}")
    db.stop()
    command = ("scripts/bench.sh" + (" --quick" if args.quick else "") + (" --scale" if args.scale else "")
               + "".join(f" --only {o}" for o in args.only or [])
               + "".join(f" --job-setting {s}" for s in args.job_setting))
    output = args.output or (os.path.join(work, "benchmarks.md") if args.quick else os.path.join(h.ROOT, "docs", "benchmarks.md"))
    with open(os.path.join(work, "results.json"), "w") as f:
        json.dump({"machine": machine, "command": command, "seconds": time.time() - began, "results": results}, f, indent=1)
    write_doc(output, args, machine, command, results, time.time() - began)
    if failures:
        for failure in failures:
            print(f"bench: INVARIANT BROKEN: {failure}", file=sys.stderr)
        sys.exit(1)
    h.log("bench: every invariant held")


if __name__ == "__main__":
    main()
