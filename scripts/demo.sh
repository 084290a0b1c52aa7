#!/usr/bin/env bash
# Builds policygen (skipping the tests) and runs the demo on its embedded defaults; arguments go to the demo
# (e.g. --keep). Needs only a JDK 25.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/lib/jdk25.sh
./mvnw -B -q package -DskipTests
exec java -jar target/policygen.jar demo "$@"
