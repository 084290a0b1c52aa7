#!/usr/bin/env bash
# Fault injection -> docs/reliability.md: kill -9, a database failover and outage, fault storm, bad configurations, a second run, secrets.
# Needs only a JDK 25 and python3; starts its own PostgreSQL (embedded) and AWS simulator.
#   scripts/chaos.sh            the full runs (about 22 minutes on 2 cores), rewrites docs/reliability.md
#   scripts/chaos.sh --quick    CI-sized (a few minutes), writes target/chaos-quick/reliability.md
#   scripts/chaos.sh --only first_night    one scenario (repeatable), writes target/chaos/reliability.md
# Exits non-zero when an invariant breaks (a duplicate or lost generation, a principal left undone, a bad exit code).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
exec python3 scripts/lib/chaos.py "$@"
