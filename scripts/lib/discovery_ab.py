"""Discovery's persistence, one build against another:
python3 scripts/lib/discovery_ab.py OLD.jar NEW.jar [ACCOUNTS] [ROUNDS] [NIGHTS]

On one simulator (ACCOUNTS x 1,000 principals, default 1,000) and one embedded PostgreSQL: a listing-only run (this
checkout's target/policygen.jar), then each build's first night on a fresh database of its own, then NIGHTS times
(default 1) the simulator's clock moved 24 hours, `vacuum (analyze) principal` on each database (what autovacuum does
in the day between), and each build's next day on its database; the builds' order alternates by round (default 2).
Prints per run the discoverPrincipals step's seconds, the CPU seconds of the job, the simulator and PostgreSQL in it,
the job's collector pauses and concurrent cycles (those a humongous allocation started), the principal rows updated (of
them heap-only: no new index entry) and the table's and its indexes' sizes.
Builds of main are made with `git worktree add /tmp/x COMMIT && cd /tmp/x && ./mvnw -q package -DskipTests`.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
import harness as h  # noqa: E402
from bench_common import sim_options  # noqa: E402
from bench_scale import discovery_run  # noqa: E402


def main(old, new, accounts=1000, rounds=2, nights=1):
    work = h.setup(os.path.join(h.ROOT, "target", "discovery-ab"))
    db = h.Database(work, "ab-" + os.urandom(6).hex()).start()
    sim = h.Simulator(work, "ab", *sim_options(accounts, 1000, "PT1S"), java_opts=("-Xmx6g",))
    props = {"policygen.generation.daily-quota": "1"}

    def updates(database):
        """The principal table's updates and heap-only updates so far, by PostgreSQL's statistics."""
        return [int(n) for n in db.value(database, "select n_tup_upd || ' ' || n_tup_hot_upd from pg_stat_user_tables "
                                                   "where relname = 'principal'").split()]

    def run(name, database, jar, next_day=False):
        before = updates(database) if next_day else None
        _, rc, seconds, used, gc = discovery_run(work, name, db, database, sim, props, jar is None, jar)
        line = (f"{name}: exit {rc}, step {seconds:.1f} s, CPU s " + ", ".join(f"{k} {v:.1f}" for k, v in used.items()) +
                "; job's collector: " + ", ".join(f"{k} {v}" for k, v in gc.items()))
        if next_day:
            # the statistics reach the view shortly after a transaction ends; a next day updates every principal
            after = h.wait_for(lambda: (n := updates(database))[0] > before[0] and n, 10,
                               "the statistics of the night's updates")
            line += f"; updated {after[0] - before[0]}, heap-only {after[1] - before[1]}"
        if jar:
            line += ("; table / indexes " + db.value(database, "select pg_size_pretty(pg_table_size('principal')) || "
                                                               "' / ' || pg_size_pretty(pg_indexes_size('principal'))"))
        h.log(line)

    run("warm-up listing", db.create("ab_listing"), None)
    for r in range(1, rounds + 1):
        run(f"round {r} listing", db.create("ab_listing"), None)
        order = [("old", old), ("new", new)] if r % 2 else [("new", new), ("old", old)]
        for side, jar in order:
            run(f"round {r} {side} first night", db.create(f"ab_{side}"), jar)
        for night in range(1, nights + 1):
            sim.advance("PT24H")
            for side, jar in order:
                db.query(f"ab_{side}", "vacuum (analyze) principal")
                run(f"round {r} {side} next day {night}", f"ab_{side}", jar, next_day=True)


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2]), *map(int, sys.argv[3:6]))
