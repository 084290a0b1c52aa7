#!/usr/bin/env bash
# Benchmarks -> docs/benchmarks.md: slot utilization, discovery at scale, resume after kill -9.
# Needs only a JDK 25 and python3; starts its own PostgreSQL (embedded) and AWS simulator.
#   scripts/bench.sh            the full runs (about 6 minutes on 2 cores), rewrites docs/benchmarks.md
#   scripts/bench.sh --quick    CI-sized (a few minutes), writes target/bench-quick/benchmarks.md
# Exits non-zero when an invariant breaks (a duplicate or lost generation, a principal left undone, a bad exit code).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
exec python3 scripts/lib/bench.py "$@"
