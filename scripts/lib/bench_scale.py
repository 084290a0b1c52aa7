"""scripts/bench.sh's scenarios of issue 12: poll efficiency, scale, Regions as slots, discovery's persistence cost."""

import collections
import json
import os
import re

import harness as h
from bench_common import EXTRA, sim_options, step_seconds, step_window

# --- issue 12: poll efficiency, scale, Regions as slots, discovery's persistence cost -------------------------------

def slot_runs(gens):
    """The generations that ran, by slot (account and Region): per slot a list of (start, end, generation), by start."""
    slots = collections.defaultdict(list)
    for g in gens:
        if g.get("startedOn") and g.get("completedOn"):
            slots[(g["accountId"], g["region"])].append((h.parse_instant(g["startedOn"]), h.parse_instant(g["completedOn"]), g))
    for runs in slots.values():
        runs.sort(key=lambda run: run[0])
    return slots.values()


def slot_utilization(gens):
    """Per slot (account and Region), AWS's busy time / its first start to its last completion, summed over slots."""
    busy = span = 0.0
    for runs in slot_runs(gens):
        busy += sum(end - start for start, end, _ in runs)
        span += max(end for _, end, _ in runs) - runs[0][0]
    return busy / span if span else float("nan")


def gaps_by_order(gens):
    """Per slot, the seconds from each generation's end to the next one's start, by the ended one's place in the slot
    (1 = the slot's first): the mean over slots, as a list."""
    by_place = collections.defaultdict(list)
    for runs in slot_runs(gens):
        for place in range(1, len(runs)):
            by_place[place].append(runs[place][0] - runs[place - 1][1])
    return [sum(gaps) / len(gaps) for _, gaps in sorted(by_place.items())]


def gap_parts(gens):
    """Between a slot's generations, the means over slots of the seconds from one's end to the first look that found it
    ended (the simulator's endSeenOn), and from that look to the next one's start: the looks' lateness and the job's
    own work. None when the simulator recorded no look."""
    late, restart = [], []
    for runs in slot_runs(gens):
        for (_, end, ended), (next_start, _, _) in zip(runs, runs[1:]):
            if ended.get("endSeenOn"):
                seen = h.parse_instant(ended["endSeenOn"])
                late.append(seen - end)
                restart.append(next_start - seen)
    if not late:
        return None
    return [sum(late) / len(late), sum(restart) / len(restart)]


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
    if args.poll_case:
        cases = [case for case in POLL_CASES if case[0] in args.poll_case]
    results = []
    for name, what, options, nights in cases:
        h.log(f"polling {name}: {accounts} accounts x {per_night * nights} principals, {what}, {nights} night(s)")
        database = db.create(f"bench_poll_{name.replace('-', '_')}")
        sim = h.Simulator(work, f"poll-{name}", "--accounts", str(accounts), "--principals-per-account",
                          str(per_night * nights), "--distribution", "uniform", "--suspended-accounts", "0",
                          "--unassumable-accounts", "0", "--seed", "7", "--daily-quota", str(per_night),
                          "--unused-share", "0", "--new-share", "0", "--opted-out-share", "0", *options)
        props = {"policygen.generation.poll-min": None, "policygen.generation.daily-quota": str(per_night), **EXTRA}
        seen = set()
        before = (0, 0)
        for night in range(1, nights + 1):
            job = h.Job(work, f"poll-{name}-{night}", db, database, sim, props)
            rc = job.wait(3600)
            state = sim.state()
            with open(os.path.join(work, f"simulator-state-{name}-{night}.json"), "w") as f:
                json.dump(state, f)  # every generation's start, end and first look that saw it, for a closer look
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
                      "gaps": gaps_by_order(gens), "gap_parts": gap_parts(gens),
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
                     "" if r["job_utilization"] is None else round(r["job_utilization"], 3),
                     " / ".join(f"{gap:.2f}" for gap in r.get("gaps", [])),
                     " / ".join(f"{v:.2f}" for v in r["gap_parts"]) if r.get("gap_parts") else "", r["rc"], met])
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
        h.table(["case", "generations", "calls / generation", "first", "later", "utilization", "job's figure", "gaps (s)",
                 "seen late / to start (s)", "exit", "goal met"],
                rows),
        "",
        "Goal: utilization >= 0.95 with <= 3 calls per generation, with the default settings, on uniform jitter and on",
        "a long-tailed distribution.",
        "",
        "What the goal leaves on the uniform case, even with the durations known exactly. Looks at the quantiles",
        "q1 < q2 < ... < 1 of a duration spread uniformly over w seconds (here 13 s to 17 s: w = 4 s) cost",
        "1 + (1 - q1) + (1 - q2) + ... polls a generation and see its end, on average, w x ((q1)^2 + (q2 - q1)^2 + ...) / 2",
        "after it. At 2 polls (3 calls) the least that can be lost is 0.60 s, with looks at 40%, 70%, 90% and 100%",
        "(Lagrange: the gaps between looks fall by equal steps, 0.4, 0.3, 0.2, 0.1); the schedule's 45%, 75%, 92%, 100%",
        "cost 1.88 polls and lose 0.66 s. 15 s / (15 s + 0.60 s) is 0.96: 0.95 leaves 0.19 s a generation for all the rest,",
        "the job's own work between a completion and the next start, and each account's first generation of the night,",
        "whose durations are not known yet. *Gaps* above are those seconds, per slot the start of a generation less the end",
        "of the one before, after the slot's first, second, third ... generation of the night (means over slots);",
        "*seen late / to start* split every gap in two: from a generation's end to the first `GetGeneratedPolicy` that",
        "found it ended (the simulator's `endSeenOn`: what the polling schedule loses), and from that look to the next",
        "start (the job's own work: recording the outcome, reading the next principal, claiming it, starting it).",
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
                   daily_quota=None, nights=1, sim_extra=()):
    """One run of the generate step at scale: the figures the scale and Regions sections show."""
    database = db.create(f"bench_{name.replace('-', '_')}")
    options = sim_options(accounts, principals, generation, jitter) + list(sim_extra)
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
                    java_opts=(f"-Xlog:gc:file={gc_log}.{night}", *SCALE_JAVA_OPTS), jar=SCALE_JOB_JAR)
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
        result = {"name": name, "night": night, "accounts": accounts, "per_account": principals, "regions": regions,
                  "generation": generation, "jitter": jitter, "rc": rc, "generations": len(gens), "slots": slots,
                  "first_p50": percentile(starts, 0.5), "first_p99": percentile(starts, 0.99), "first_max": max(starts),
                  "utilization": slot_utilization(gens), "gap_parts": gap_parts(gens), "whole": job.ended - job.started,
                  "generate_step": step_seconds(db, database, "generate"),
                  "heap_peak_mb": heap_peak, "heap_committed_mb": heap_committed, "rss_mb": job.peak_rss_kb / 1024,
                  "transactions": transactions, "use": use,
                  "per_account_day": sum(per_account.values()) / max(len(per_account), 1),
                  "calls": sum(aa_calls(state)) / max(len(state["generations"]), 1),
                  # requests recorded as a principal's refusal so far: a refusal that is the account's must not be one
                  "rejected": int(db.value(database, "select count(*) from generation where state = 'REJECTED'"))}
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


SCALE_JAVA_OPTS = tuple(os.environ.get("BENCH_JOB_JAVA_OPTS", "").split())
# the scale runs' job from another jar of this build, e.g. the one `java -Djarmode=tools -jar ... extract` writes
SCALE_JOB_JAR = os.path.abspath(os.environ["BENCH_JOB_JAR"]) if os.environ.get("BENCH_JOB_JAR") else None


def scale(args, db, work, failures):
    """5,000 accounts x 2 generation Regions (10,000 slots), 2 principals each slot (4 an account, so that each slot
    goes from one generation to the next, which utilization measures), generations of 30 s +/- 5 s."""
    accounts = args.scale_accounts or (5000 if args.scale else 500)
    results = generate_scale(args, db, work, failures, "scale", accounts, 4, ["us-east-1", "us-west-2"], "PT30S", "PT5S")
    r = results[0]
    if r["rc"] != 0 or r["generations"] != accounts * 4 or r["not_done"]:
        failures.append(f"scale: exit {r['rc']}, {r['generations']} generations of {accounts * 4}, {r['not_done']} undone")
    return {"runs": results}


# AWS does not say its quotas are per Region: were they per account, the extra Regions would gain nothing and must
# lose nothing (no principal charged for the account's refusal, even as a ConflictException, the answer that was)
ACCOUNT_SCOPED = "3 Regions, quotas per account"
REGION_VARIANTS = [("1 Region", "regions-1", ["us-east-1"], ()),
                   ("3 Regions", "regions-3", ["us-east-1", "us-west-2", "eu-west-1"], ()),
                   (ACCOUNT_SCOPED, "regions-3-account", ["us-east-1", "us-west-2", "eu-west-1"], ("--quota-scope", "account", "--concurrency-error", "conflict"))]


def regions(args, db, work, failures):
    """Generations per account per simulated day with 1 and with 3 generation Regions (each its own daily quota), and
    with 3 Regions where the simulator counts the quotas across the account's Regions."""
    accounts, principals, quota = (20, 40, 5) if args.quick else (100, 80, 10)
    out = []
    for label, name, regions_used, sim_extra in REGION_VARIANTS:
        runs = generate_scale(args, db, work, failures, name, accounts, principals, regions_used,
                              "PT2S", "PT0S", daily_quota=quota, nights=2, sim_extra=sim_extra)
        for r in runs:
            r["label"] = label
            if r["rejected"]:
                failures.append(f"{name} night {r['night']}: {r['rejected']} requests charged to their principals")
        out += runs
    return {"accounts": accounts, "principals": principals, "quota": quota, "runs": out}


LISTING_ONLY = ("-Dloader.main=io.policygen.local.ListingOnlyRun", "-cp", h.JAR,
                "org.springframework.boot.loader.launch.PropertiesLauncher")


def discovery_run(work, name, db, database, sim, props, listing_only, jar=None):
    """One run of the job (with listing_only, io.policygen.local.ListingOnlyRun; else jar's, by default this
    checkout's): the job, its exit code, its discoverPrincipals step's seconds, the CPU seconds that the job, the
    simulator and PostgreSQL used in that step and the job's collector cycles over the run (h.gc_cycles)."""
    gc_log = os.path.join(work, "gc-" + re.sub(r"\W+", "-", name) + ".log")
    job = h.Job(work, name, db, database, sim, props,
                java_opts=("-Xmx1g", f"-Xlog:gc:file={gc_log}", *(LISTING_ONLY if listing_only else ())),
                jar=None if listing_only else jar)
    cpu = h.CpuSampler({"job": lambda: h.cpu_seconds(job.pid), "simulator": lambda: h.cpu_seconds(sim.process.pid),
                        "postgres": lambda: h.postgres_cpu_seconds(db.data)})
    rc = job.wait(3600)
    cpu.stop()
    window = step_window(db, database, "discoverPrincipals", last_run=True)
    seconds = window[1] - window[0] if window else float("nan")
    return job, rc, seconds, cpu.used(*window) if window else {}, h.gc_cycles(gc_log)


def discovery_cost(args, db, work, failures):
    """Discovery with the principals persisted against the same listing with nothing written (io.policygen.local.
    ListingOnlyRun: the job's own discoverPrincipals step, its writer discarding), alternately, on one simulator."""
    accounts, principals = (100, 1000) if args.quick else (1000, 1000)
    rounds = 1 if args.quick else 2
    h.log(f"discovery cost: {accounts} accounts x {principals} principals, listing only and persisted, {rounds} round(s) each")
    sim = h.Simulator(work, "discovery-cost", *sim_options(accounts, principals, "PT1S"), java_opts=("-Xmx6g",))
    props = {"policygen.generation.daily-quota": "1", **EXTRA}
    runs = []
    # Round 0 is a listing that warms the simulator: on a fresh simulator the first listing took 55-57 s and the
    # next ones 34-37 s (the simulator spent 17 CPU seconds on the first, 9 on the next). Shown, left out of the means.
    for i in range(rounds + 1):
        for mode in (("listing",) if i == 0 else ("listing", "persisted", "nightly", "next-day")):
            # nightly: discovery again on the database the persisted run filled; next-day: again, a simulated day later
            if mode == "next-day":
                sim.advance("PT24H")
            database = database if mode in ("nightly", "next-day") else db.create(f"bench_discovery_{mode}")
            name = f"discovery-{mode}-{i}"
            job, rc, seconds, used, gc = discovery_run(work, name, db, database, sim, props, mode == "listing")
            stored = int(db.value(database, "select count(*) from principal where deleted_at is null"))
            written = int(db.value(database, "select count(*) from principal where changed_run_id = (select max(run_id) from run)"))
            listed = re.findall(r"principalsListed=(\d+)", job.output())
            count = int(listed[-1]) if mode == "listing" and listed else stored
            runs.append({"round": i, "mode": mode, "rc": rc, "seconds": seconds, "principals": count, "stored": stored,
                         "written": written, "cpu": used, "gc": gc})
            h.log(f"discovery cost: {runs[-1]}")
            if rc not in (0, 3) or count != accounts * principals:
                failures.append(f"discovery cost {name}: exit {rc}, {count} principals of {accounts * principals}")
    sim.stop()
    listing = [r["seconds"] for r in runs if r["mode"] == "listing" and r["round"] > 0]
    persisted = [r["seconds"] for r in runs if r["mode"] == "persisted"]
    nightly = [r["seconds"] for r in runs if r["mode"] == "nightly"]
    next_day = [r["seconds"] for r in runs if r["mode"] == "next-day"]
    return {"accounts": accounts, "principals": principals, "runs": runs, "listing_s": sum(listing) / len(listing),
            "persisted_s": sum(persisted) / len(persisted), "added": sum(persisted) / sum(listing) - 1,
            "nightly_s": sum(nightly) / len(nightly), "nightly_added": sum(nightly) / sum(listing) - 1,
            "next_day_s": sum(next_day) / len(next_day), "next_day_added": sum(next_day) / sum(listing) - 1}


CPU_PROCESSES = ("job", "simulator", "postgres")


def mean_cpu(d, mode):
    """The mean CPU seconds of job / simulator / PostgreSQL over the counted runs of a mode, as one cell, and a blank."""
    runs = [r for r in d["runs"] if r["mode"] == mode and r["round"] > 0 and r.get("cpu")]
    if not runs:
        return ["", ""]
    means = [sum(r["cpu"].get(name) or 0.0 for r in runs) / len(runs) for name in CPU_PROCESSES]
    return [" / ".join(f"{m:.1f}" for m in means), ""]


def cpu_cells(run):
    """CPU seconds of the job / simulator / PostgreSQL during the step, sampled once a second."""
    cpu = run.get("cpu") or {}
    return [("" if cpu.get(name) is None else round(cpu[name], 1)) for name in CPU_PROCESSES]


def gc_cell(run):
    gc = run.get("gc")
    return f"{gc['concurrent cycles']} ({gc['humongous-started']})" if gc else ""


def discovery_cost_lines(d):
    return [
        "## Discovery: what persisting the principals adds to the listing",
        "",
        f"{d['accounts']:,} accounts x {d['principals']:,} principals (uniform) on one simulator, the job's defaults (discovery",
        "concurrency 8, IAM page size 1000) plus `--policygen.generation.daily-quota=1`. *Persisted* is a real run on a fresh",
        "database: the first night, every principal new. *Nightly* is the next run on that database, minutes later: a",
        "principal is written only if something stored of it changed (its `content_hash`; *written* counts the rows it",
        "changed), and little has. *Next day* is one more run after the simulator's clock moved 24 hours, which moves the",
        "last use of every principal in use by a day (the simulator keeps each one's recency: used 3 days ago stays 3 days",
        "ago), so it is the most a night can change. *Listing* is the same run with the `discoverPrincipals`",
        "step's writer discarding what it is given (`io.policygen.local.ListingOnlyRun`: the job's own step, reader, SDK",
        "calls, partitions, concurrency and Spring Batch bookkeeping; only the principals' upserts are left out), on a fresh",
        "database. A first listing warms the simulator and is not counted; then they alternate. Time is the",
        "`discoverPrincipals` step's (`batch_step_execution`, the run's own). The listing is `GetAccountAuthorizationDetails`",
        "and the credential report, as the job reads them (policies included). *CPU s* is what each process used during",
        "the step (`/proc`, sampled once a second; PostgreSQL's postmaster, its children and the backends it reaped): the",
        "three share this machine's two cores, so what PostgreSQL and the job spend on persisting comes out of the",
        "listing's time. *Collector cycles* are the job's G1 concurrent cycles over the run (`-Xmx1g -Xlog:gc`), in",
        "brackets those a humongous allocation (half a region, 512 KB, or more) started.",
        "",
        h.table(["round", "run", "exit", "principals", "written", "discoverPrincipals (s)", "CPU s: job", "simulator", "PostgreSQL",
                 "collector cycles"],
                [[r["round"] or "warm-up (not counted)", r["mode"], r["rc"], r["principals"], r.get("written", ""),
                  round(r["seconds"], 1), *cpu_cells(r), gc_cell(r)] for r in d["runs"]]),
        "",
        h.table(["measure", "value", "target", "met"], [
            ["listing alone, mean (s)", round(d["listing_s"], 1), "", ""],
            ["first night: listing and persisting, mean (s)", round(d["persisted_s"], 1), "", ""],
            ["first night: persistence adds", f"{d['added']:.0%}", "<= 25%", "yes" if d["added"] <= 0.25 else "NO"],
            ["nightly: listing and persisting what changed, mean (s)", round(d["nightly_s"], 1), "", ""],
            ["nightly: persistence adds", f"{d['nightly_added']:.0%}", "<= 25%", "yes" if d["nightly_added"] <= 0.25 else "NO"],
            ["next day: listing and persisting what changed, mean (s)", round(d["next_day_s"], 1), "", ""],
            ["next day: persistence adds", f"{d['next_day_added']:.0%}", "<= 25%", "yes" if d["next_day_added"] <= 0.25 else "NO"],
            ["CPU during the step, listing: job / simulator / PostgreSQL, mean (s)", *mean_cpu(d, "listing"), ""],
            ["CPU during the step, first night: job / simulator / PostgreSQL, mean (s)", *mean_cpu(d, "persisted"), ""],
            ["CPU during the step, nightly: job / simulator / PostgreSQL, mean (s)", *mean_cpu(d, "nightly"), ""],
            ["CPU during the step, next day: job / simulator / PostgreSQL, mean (s)", *mean_cpu(d, "next-day"), ""],
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
    if results.get("regions"):
        lines += regions_lines(results["regions"])
    if results.get("scale"):
        lines += scale_lines(results["scale"])
    return lines


def regions_lines(x):
    rows = [[r["label"], r["night"], r["rc"], r["generations"], round(r["per_account_day"], 2), r["duplicates"], r["lost"],
             r.get("rejected", "")] for r in x["runs"]]
    # nights the quota ended (exit 3): a night that ran out of principals says nothing of the quota
    per_day = {label: [r["per_account_day"] for r in x["runs"] if r["label"] == label and r["rc"] == 3]
               for label, *_ in REGION_VARIANTS}
    mean = lambda xs: sum(xs) / len(xs) if xs else float("nan")
    ratio = mean(per_day["3 Regions"]) / mean(per_day["1 Region"])
    scoped_ratio = mean(per_day[ACCOUNT_SCOPED]) / mean(per_day["1 Region"])
    return [
        "## Regions as slots",
        "",
        f"{x['accounts']} accounts x {x['principals']} principals (uniform), a daily quota of {x['quota']} per account and",
        "Region in the simulator and the job, 2 s generations; two nights each (the simulator's clock moved a day on",
        "between them), once with `generation.regions` = us-east-1 and once with us-east-1, us-west-2, eu-west-1. The",
        "simulator keeps each Region's quota apart, as AWS's documentation reads (it does not say so outright: see the",
        "README's configuration section). The third case is the other reading: the simulator's `--quota-scope account`",
        "counts both quotas across the account's Regions, each Region listing only its own generations, and refuses a",
        "start while another Region's generation runs with a ConflictException (`--concurrency-error conflict`).",
        "*Charged* counts requests recorded as a principal's refusal (`REJECTED`): a refusal that is the account's must",
        "be none.",
        "",
        h.table(["Regions", "night", "exit", "generations", "per account and day", "duplicates", "lost", "charged"], rows),
        "",
        f"Generations per account and simulated day on nights the quota ended, 3 Regions against 1: {ratio:.2f}x;",
        f"with the quotas per account: {scoped_ratio:.2f}x.",
        "",
    ]


def scale_lines(x):
    lines = ["## Scale: ten thousand slots on one JVM", ""]
    for r in x["runs"]:
        use = r.get("use") or {}
        per_gen = lambda v: round(v / max(r["generations"], 1), 1)
        slots = r["accounts"] * len(r["regions"])
        lines += [
            f"{r['accounts']:,} accounts x {len(r['regions'])} generation Regions ({slots:,} slots), {r['per_account']} principals an",
            f"account (the slots share them), generations of {r['generation']} +/- {r['jitter']} (uniform), setup canaries off, the",
            "job's other defaults;",
            "the simulator in its own JVM (`-Xmx3g`), the job with `-Xlog:gc`. *First start* is, per slot, the seconds from",
            "the run's first `StartPolicyGeneration` to the slot's first (the simulator's `startedOn`). Statements are the",
            "job's own count (its `event=database-use` line: every statement it and Spring Batch sent); transactions are",
            "PostgreSQL's `xact_commit + xact_rollback` for the database over the run.",
            "",
            h.table(["measure", "value", "goal", "met"], [
                ["exit code", r["rc"], "0", "yes" if r["rc"] == 0 else "NO"],
                ["generations / slots that started one", f"{r['generations']:,} / {r['slots']:,}", f"{r['accounts'] * r['per_account']:,} / {slots:,}", ""],
                ["first start, p50 / p99 / max (s)", f"{r['first_p50']:.1f} / {r['first_p99']:.1f} / {r['first_max']:.1f}",
                 "p99 <= 10", "yes" if r["first_p99"] <= 10 else "NO"],
                ["slot utilization (simulator's record)", round(r["utilization"], 3), ">= 0.95", "yes" if r["utilization"] >= 0.95 else "NO"],
                ["Access Analyzer calls per generation", round(r["calls"], 2), "", ""],
                ["between a slot's generations: end to the look that saw it / that look to the next start (s)",
                 " / ".join(f"{v:.2f}" for v in r["gap_parts"]) if r.get("gap_parts") else "", "", ""],
                ["run (s) / generate step (s)", f"{r['whole']:.0f} / {r['generate_step'] or float('nan'):.0f}", "", ""],
                ["peak heap used / committed (MB)", f"{r['heap_peak_mb']} / {r['heap_committed_mb']}", "", ""],
                ["peak RSS (MB)", round(r["rss_mb"]), "", ""],
                ["longest wait for a connection (ms)", use.get("longestConnectionWaitMs", ""), "", ""],
                ["statements per generation (all / Spring Batch's)",
                 f"{per_gen(use.get('statements', 0))} / {per_gen(use.get('bookkeepingStatements', 0))}", "fewer is better", ""],
                ["transactions per generation", per_gen(r["transactions"]), "", ""],
                ["duplicates / lost / principals not done", f"{r['duplicates']} / {r['lost']} / {r['not_done']}", "0 / 0 / 0",
                 "yes" if not r["duplicates"] and not r["lost"] and not r["not_done"] else "NO"],
            ]),
            "",
        ]
    return lines
