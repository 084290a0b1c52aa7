#!/usr/bin/env bash
# scripts/need-tool.sh BINARY PACKAGE: makes a Debian package's program available, installing the package with
# apt-get when it is missing (as root, or with sudo -n). Tests that need a real program (the Pushgateway) call it
# when they find none; .ci/run does the same before the tests.
set -euo pipefail
if [[ $# -ne 2 ]]; then
    echo "usage: scripts/need-tool.sh BINARY PACKAGE" >&2
    exit 2
fi
. "$(dirname "${BASH_SOURCE[0]}")/lib/debian-tools.sh"
policygen_need_tool "$1" "$2"
