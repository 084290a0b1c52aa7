#!/usr/bin/env bash
# Finds a headless-capable Chromium for the HTML report's rendering test, and installs Debian's `chromium`
# package where there is none: scripts/chromium.sh prints the browser's path on its last line.
#
#   scripts/chromium.sh              find it; install it with apt-get when missing (as root, or with sudo -n)
#   scripts/chromium.sh --no-install find it only
#   POLICYGEN_CHROMIUM=/path/to/chrome scripts/chromium.sh    use that one
#
# .ci/run calls it before the tests; GapPageChromiumIT calls it when it finds no browser itself.
# Exit codes: 0 found (path on stdout), 1 none and it could not be installed (what to do on stderr).
set -euo pipefail

install=true
if [[ "${1:-}" == "--no-install" ]]; then
    install=false
fi

find_browser() {
    local candidate
    if [[ -n "${POLICYGEN_CHROMIUM:-}" ]]; then
        if [[ -x "$POLICYGEN_CHROMIUM" ]]; then
            echo "$POLICYGEN_CHROMIUM"
            return 0
        fi
        echo "chromium.sh: POLICYGEN_CHROMIUM=$POLICYGEN_CHROMIUM is not an executable file; unset it to find or install one" >&2
        exit 1
    fi
    for candidate in chromium chromium-browser google-chrome-stable google-chrome; do
        if command -v "$candidate" >/dev/null 2>&1; then
            command -v "$candidate"
            return 0
        fi
    done
    return 1
}

if find_browser; then
    exit 0
fi

how="install Debian's chromium package (sudo apt-get install -y chromium), or set POLICYGEN_CHROMIUM to a Chromium or Chrome binary"
if [[ "$install" != true ]]; then
    echo "chromium.sh: no Chromium found; $how" >&2
    exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "chromium.sh: no Chromium found and no apt-get to install it; $how" >&2
    exit 1
fi
if [[ "$(id -u)" -eq 0 ]]; then
    sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo=(sudo -n)
else
    echo "chromium.sh: no Chromium found, and installing it needs root; $how" >&2
    exit 1
fi

echo "chromium.sh: installing Debian's chromium package with apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
# The package lists may be missing (a slim image) or stale (a version since replaced): update once and retry.
if ! "${sudo[@]}" apt-get install -y -q --no-install-recommends chromium >&2; then
    "${sudo[@]}" apt-get update -q >&2
    "${sudo[@]}" apt-get install -y -q --no-install-recommends chromium >&2
fi
if find_browser; then
    exit 0
fi
echo "chromium.sh: apt-get installed chromium but no browser binary is on PATH; $how" >&2
exit 1
