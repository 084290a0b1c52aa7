"""Discovery's persistence, one build against another: python3 scripts/lib/discovery_ab.py OLD.jar NEW.jar [ACCOUNTS] [ROUNDS]

On one simulator (ACCOUNTS x 1,000 principals, default 1,000) and one embedded PostgreSQL: a listing-only run (this
checkout's target/policygen.jar), then each build's first night on a fresh database of its own, the simulator's clock
moved 24 hours, and each build's next day on its database; the builds' order alternates by round (default 2). Prints
per run the discoverPrincipals step's seconds and the CPU seconds of the job, the simulator and PostgreSQL in it.
Builds of main are made with `git worktree add /tmp/x COMMIT && cd /tmp/x && ./mvnw -q package -DskipTests`.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
import harness as h  # noqa: E402
from bench_common import sim_options  # noqa: E402
from bench_scale import discovery_run  # noqa: E402


def main(old, new, accounts=1000, rounds=2):
    work = h.setup(os.path.join(h.ROOT, "target", "discovery-ab"))
    db = h.Database(work, "ab-" + os.urandom(6).hex()).start()
    sim = h.Simulator(work, "ab", *sim_options(accounts, 1000, "PT1S"), java_opts=("-Xmx6g",))
    props = {"policygen.generation.daily-quota": "1"}

    def run(name, database, jar):
        _, rc, seconds, used = discovery_run(work, name, db, database, sim, props, jar is None, jar)
        h.log(f"{name}: exit {rc}, step {seconds:.1f} s, CPU s " + ", ".join(f"{k} {v:.1f}" for k, v in used.items()))

    run("warm-up listing", db.create("ab_listing"), None)
    for r in range(1, rounds + 1):
        run(f"round {r} listing", db.create("ab_listing"), None)
        order = [("old", old), ("new", new)] if r % 2 else [("new", new), ("old", old)]
        for side, jar in order:
            run(f"round {r} {side} first night", db.create(f"ab_{side}"), jar)
        sim.advance("PT24H")
        for side, jar in order:
            run(f"round {r} {side} next day", f"ab_{side}", jar)


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2]), *map(int, sys.argv[3:5]))
