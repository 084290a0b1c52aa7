# Sourced by .ci/run and the scripts: policygen_need_tool BINARY PACKAGE makes a Debian package's program available,
# installing the package with apt-get when the program is missing (a fresh CI machine has none of them). The
# program counts when it is on PATH or in /usr/bin; without root (and without sudo) it stops with the command to run.

policygen_apt_updated=

policygen_need_tool() {
    local binary=$1 package=$2 sudo=
    if command -v "$binary" >/dev/null 2>&1 || [[ -x "/usr/bin/$binary" ]]; then
        return 0
    fi
    if [[ "$(id -u)" -ne 0 ]]; then
        if command -v sudo >/dev/null 2>&1; then
            sudo="sudo -n"
        else
            echo "$0: $binary is missing: install Debian's package with 'apt-get install -y $package' (as root)" >&2
            exit 1
        fi
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "$0: $binary is missing and this machine has no apt-get: install the $package package (or $binary) another way" >&2
        exit 1
    fi
    echo "$0: installing $package (for $binary)"
    if [[ -z "$policygen_apt_updated" ]]; then
        $sudo apt-get update -qq
        policygen_apt_updated=yes
    fi
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$package" >/dev/null
    if ! command -v "$binary" >/dev/null 2>&1 && [[ ! -x "/usr/bin/$binary" ]]; then
        echo "$0: installed $package, but $binary is still not found" >&2
        exit 1
    fi
}
