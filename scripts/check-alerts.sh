#!/usr/bin/env bash
# The Prometheus alerts in config/prometheus/: `promtool check rules` (syntax, PromQL, templates) and
# `promtool test rules` (each alert fires on the series it should, and only on those). promtool comes with Debian's
# prometheus package, installed when missing. Run by .ci/run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/lib/debian-tools.sh
policygen_need_tool promtool prometheus
promtool=$(command -v promtool || echo /usr/bin/promtool)

"$promtool" check rules config/prometheus/policygen-alerts.yml
# rule_files in the test file are relative to it
(cd config/prometheus && "$promtool" test rules policygen-alerts.test.yml)
