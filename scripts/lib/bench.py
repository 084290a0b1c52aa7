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
import bench_scale  # noqa: E402
from bench_scale import ISSUE12_SCENARIOS, POLL_CASES, issue12_lines, issue12_scenarios  # noqa: E402

GEN_TIME = 2.0
from bench_common import EXTRA, sim_options, step_seconds  # noqa: E402


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
    parser.add_argument("--poll-case", action="append", choices=[case[0] for case in POLL_CASES],
                        help="with --only polling: this case alone (repeatable; default every case)")
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
                           ("resume", resume), ("gap", bench_gap.gap),
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
