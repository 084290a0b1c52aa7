#!/usr/bin/env python3
"""The most slot utilization any polling client can reach at a given number of Access Analyzer calls per generation.

A lower bound on what polls lose, for docs/benchmarks.md (Poll efficiency, Scale). Model, as the simulator draws
durations (DurationDistribution): a generation takes f x U seconds, U uniform on [low, high] per job and f = e^(spread
x Z) per account (1 where the spread is 0). A slot runs `generations` of them one after the other; utilization is
their time over the slot's, first start to last end, so what counts is the time from each generation's end to the
look that sees it, for all but the slot's last generation.

The client this bounds is clairvoyant: it knows the organization's distribution of f before its first generation
of the night, and each account's own f exactly once that first one has ended. For each distribution the best
schedule of looks is found by dynamic programming over a time grid (looks cost `lam` each; the end of a generation
is taken on the grid point at or after it, which understates lateness by dt / 2 on average: the bound stays a bound).
Sweeping `lam` traces the best lateness for each number of polls; a budget of calls per generation is spent where
it buys the most (the same `lam` everywhere), the last generation given one look where its lateness does not count.

Pure Python, no packages: python3 scripts/lib/poll_bound.py --low 13 --high 17 --spread 0.5 --generations 4
"""
import argparse
import statistics

DT = 0.1


def best_schedule(mass, lam):
    """mass[i]: the chance the generation ends at i*DT. Returns (E[lateness], E[looks]) of the schedule minimizing
    E[lateness] + lam * E[looks]."""
    n = len(mass)
    x = [i * DT for i in range(n)]
    cum = [0.0] * (n + 1)
    cumx = [0.0] * (n + 1)
    for i in range(n):
        cum[i + 1] = cum[i] + mass[i]
        cumx[i + 1] = cumx[i] + mass[i] * x[i]
    total = cum[n]
    # cost[i]: least expected cost from a look at x[i] that found it running (unnormalized: weighted by P(D > x[i]))
    cost = [0.0] * (n + 1)
    nxt = [n] * n
    for i in range(n - 1, -1, -1):
        running = total - cum[i + 1]
        if running < 1e-12:
            continue
        best, best_j = None, n
        for j in range(i + 1, n):
            ended = cum[j + 1] - cum[i + 1]
            c = lam * running + (x[j] * ended - (cumx[j + 1] - cumx[i + 1])) + cost[j]
            if best is None or c < best:
                best, best_j = c, j
            if total - cum[j + 1] < 1e-12:
                break
        cost[i], nxt[i] = best, best_j
    lateness = looks = 0.0
    i = 0
    while i < n and total - cum[i + 1] > 1e-12:
        j = nxt[i]
        looks += (total - cum[i + 1]) / total
        lateness += (x[j] * (cum[j + 1] - cum[i + 1]) - (cumx[j + 1] - cumx[i + 1])) / total
        i = j
    return lateness, looks


def uniform_mass(masses, weight, low, high):
    """Adds a uniform distribution on [low, high] of total `weight` to the grid, each end rounded up to a grid point."""
    points = 50
    for k in range(points):
        d = low + (high - low) * (k + 0.5) / points
        i = int(-(-d // DT))
        while len(masses) <= i:
            masses.append(0.0)
        masses[i] += weight / points


def factors(spread, count):
    if spread == 0:
        return [1.0]
    normal = statistics.NormalDist()
    return [2.718281828459045 ** (spread * normal.inv_cdf((k + 0.5) / count)) for k in range(count)]


def bound(low, high, spread, generations, lam, accounts):
    fs = factors(spread, accounts)
    first = []
    for f in fs:
        uniform_mass(first, 1 / len(fs), low * f, high * f)
    first_late, first_looks = best_schedule(first, lam)
    later_late = later_looks = 0.0
    for f in fs:
        own = []
        uniform_mass(own, 1, low * f, high * f)
        late, looks = best_schedule(own, lam)
        later_late += late / len(fs)
        later_looks += looks / len(fs)
    mean_f = sum(fs) / len(fs)
    busy = generations * (low + high) / 2 * mean_f
    counted = generations - 1  # the last generation's lateness is outside the slot's time
    if generations == 1:
        late_free, looks_free = 0.0, 1.0
        late_all, looks_all = first_late, first_looks
    else:
        late_free = first_late + (counted - 1) * later_late
        looks_free = first_looks + (counted - 1) * later_looks + 1
        late_all = late_free
        looks_all = looks_free - 1 + later_looks
    return {
        "lam": lam,
        "calls_last_once": 1 + looks_free / generations,
        "utilization_last_once": busy / (busy + late_free),
        "calls": 1 + looks_all / generations,
        "utilization": busy / (busy + late_all),
        "first": (first_late, first_looks),
        "later": (later_late, later_looks),
    }


def at_calls(rows, calls_key, util_key, calls):
    """The utilization bound at `calls` per generation, linear between the two swept points around it."""
    rows = sorted(rows, key=lambda r: r[calls_key])
    for a, b in zip(rows, rows[1:]):
        if a[calls_key] <= calls <= b[calls_key]:
            t = (calls - a[calls_key]) / (b[calls_key] - a[calls_key])
            return a[util_key] + t * (b[util_key] - a[util_key])
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--low", type=float, required=True, help="shortest duration at f = 1 (s)")
    parser.add_argument("--high", type=float, required=True, help="longest duration at f = 1 (s)")
    parser.add_argument("--spread", type=float, default=0.0, help="lognormal spread of the per-account factor")
    parser.add_argument("--generations", type=int, required=True, help="generations a slot runs")
    parser.add_argument("--accounts", type=int, default=100, help="quantiles of f the organization is drawn at")
    parser.add_argument("--calls", type=float, default=3.0, help="the budget of calls per generation to report at")
    args = parser.parse_args()
    rows = [bound(args.low, args.high, args.spread, args.generations, lam, args.accounts)
            for lam in (0.1, 0.2, 0.35, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0)]
    print("lam  | first: late s / looks | later: late s / looks | last looked at once: calls, utilization "
          "| every generation alike: calls, utilization")
    for r in rows:
        print(f"{r['lam']:4} | {r['first'][0]:5.2f} / {r['first'][1]:4.2f} | {r['later'][0]:5.2f} / {r['later'][1]:4.2f} "
              f"| {r['calls_last_once']:4.2f}, {r['utilization_last_once']:.4f} | {r['calls']:4.2f}, {r['utilization']:.4f}")
    once = at_calls(rows, "calls_last_once", "utilization_last_once", args.calls)
    alike = at_calls(rows, "calls", "utilization", args.calls)
    print(f"at {args.calls} calls a generation, utilization at most: {once:.4f} (last generation looked at once), "
          f"{alike:.4f} (every generation alike); the job's own work between generations comes on top")


if __name__ == "__main__":
    main()
