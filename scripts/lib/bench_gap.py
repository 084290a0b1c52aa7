"""scripts/bench.sh's gap scenario: the least-privilege gap of every principal of a large organization, computed by
the job's computeGaps step (issue 11)."""

import os

import harness as h
from bench_common import step_seconds


def seed_statement():
    """Every principal without a successful generation given a copy of one of the run's real results (picked by its
    id), so that the second run has a gap to compute for each: a million generations would take AWS (and the
    simulator) twenty thousand days at 50 a day per account."""
    return """
with results as (select array_agg(generation_id order by generation_id) as ids from generation
                 where state = 'SUCCEEDED' and policies is not null)
insert into generation (principal_id, account_id, region, client_token, state, run_id, requested_at, started_on,
                        completed_at, request, policies, policy_complete, principal_fingerprint)
select p.principal_id, p.account_id, t.region, gen_random_uuid(), 'SUCCEEDED', t.run_id, t.requested_at, t.started_on,
       t.completed_at, t.request, t.policies, t.policy_complete, p.fingerprint
from principal p
cross join results r
join generation t on t.generation_id = r.ids[1 + (p.principal_id % cardinality(r.ids))::int]
where p.deleted_at is null
  and not exists (select 1 from generation g where g.principal_id = p.principal_id and g.state = 'SUCCEEDED')"""


def gap(args, db, work, failures):
    accounts, principals = (10, 200) if args.quick else (1000, 1000)
    h.log(f"gap: {accounts} accounts x {principals} principals: a run, every principal given a result, a run again")
    sim = h.Simulator(work, "gap", "--accounts", str(accounts), "--principals-per-account", str(principals),
                      "--distribution", "uniform", "--suspended-accounts", "0", "--unassumable-accounts", "0", "--seed", "7",
                      "--generation-time", "PT1S", "--generation-jitter", "PT0S", "--permission-sets", "3",
                      java_opts=("-Xmx6g",))
    database = db.create("bench_gap")
    props = {"policygen.generation.daily-quota": "3", "policygen.generation.setup-canaries": "0"}
    first = h.Job(work, "gap-1", db, database, sim, props, java_opts=("-Xmx1g",))
    rc1 = first.wait(3600)
    templates = int(db.value(database, "select count(*) from generation where state = 'SUCCEEDED' and policies is not null"))
    db.query(database, seed_statement())
    with_result = int(db.value(database, """select count(distinct principal_id) from generation where state = 'SUCCEEDED'"""))
    gc_log = os.path.join(work, "gap-gc.log")
    second = h.Job(work, "gap-2", db, database, sim, props, java_opts=("-Xmx1g", f"-Xlog:gc:file={gc_log}"))
    rc2 = second.wait(7200)
    sim.stop()
    # the first run computed its own few gaps: the second run's step alone
    seconds = step_seconds(db, database, "computeGaps", last_run=True) or float("nan")
    gaps = int(db.value(database, "select count(*) from principal_gap"))
    sizes = db.query(database, "select pg_total_relation_size('principal_gap'), pg_total_relation_size('gap_grant')"
                               " + pg_total_relation_size('gap_grant_action')")[0][0]
    grants = int(db.value(database, "select count(*) from gap_grant"))
    clock = "select extract(epoch from clock_timestamp())::float8"
    before, top, after = db.query(database, clock, "select count(*) from (select * from report_privilege_gap order by rank"
                                                   " limit 100) t", clock)
    view_s = float(after[0][0]) - float(before[0][0])
    # every row: a permission set's row is judged over all the accounts its roles are in
    before, sets, after = db.query(database, clock, "select count(*), coalesce(sum(accounts), 0), coalesce(sum(granted), 0)"
                                                   " from report_permission_set_gap", clock)
    sets_s = float(after[0][0]) - float(before[0][0])
    heap, committed = h.gc_peak_heap_mb(gc_log)
    result = {"accounts": accounts, "principals": principals, "rc_first": rc1, "rc_second": rc2, "templates": templates,
              "with_result": with_result, "gaps": gaps, "seconds": seconds, "heap_mb": heap, "committed_mb": committed,
              "rss_mb": second.peak_rss_kb / 1024, "gap_bytes": int(sizes[0]), "grant_bytes": int(sizes[1]),
              "grants": grants, "top_100_rows": int(top[0][0]), "view_s": view_s,
              "permission_sets": int(sets[0][0]), "set_roles": int(sets[0][1]), "set_granted": int(sets[0][2]),
              "sets_s": sets_s}
    h.log(f"gap: {result}")
    if rc2 not in (0, 3) or gaps != with_result:
        failures.append(f"gap: second run exit {rc2}, {gaps} gaps for {with_result} principals with a result")
    return result


def lines(g):
    per_s = g["gaps"] / g["seconds"] if g["seconds"] else float("nan")
    return [
        "## The least-privilege gap at scale",
        "",
        f"{g['accounts']:,} accounts x {g['principals']:,} principals (uniform, the simulator's realistic mix of current",
        "policies: AWS managed ones such as AdministratorAccess and ReadOnlyAccess, customer managed and inline policies",
        "with wildcards, NotAction, Deny and conditions, boundaries, groups; three IAM Identity Center permission sets'",
        "roles among them). A first run discovers them and generates",
        f"for a few per account ({g['templates']:,} real results); then every principal without a result is given a",
        "copy of one of them in SQL (a million generations would take AWS twenty thousand days at 50 a day per account),",
        "and a second run, `-Xmx1g -Xlog:gc`, computes every gap in its `computeGaps` step: each principal's granted",
        "actions expanded through the IAM action catalog, used and unused, the score, stored with a shared grant set.",
        "",
        h.table(["measure", "value"], [
            ["principals with a result / gaps stored", f"{g['with_result']:,} / {g['gaps']:,}"],
            ["computeGaps (s)", round(g["seconds"], 1)],
            ["principals / s", round(per_s)],
            ["peak heap used (MB)", g["heap_mb"]],
            ["heap committed, peak (MB)", g["committed_mb"]],
            ["peak RSS (MB)", round(g["rss_mb"])],
            ["principal_gap (MB)", round(g["gap_bytes"] / 1024 / 1024, 1)],
            ["distinct grant sets / their tables (MB)", f"{g['grants']:,} / {round(g['grant_bytes'] / 1024 / 1024, 1)}"],
            ["report_privilege_gap, top 100 (s)", round(g["view_s"], 2)],
            ["permission sets / accounts their roles are in, summed / actions granted, summed",
             f"{g['permission_sets']} / {g['set_roles']:,} / {g['set_granted']:,}"],
            ["report_permission_set_gap, every row (s)", round(g["sets_s"], 2)],
            ["second run's exit code", g["rc_second"]],
        ]),
        "",
    ]
