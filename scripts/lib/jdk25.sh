# Sourced by .ci/run and the scripts: makes a JDK 25 the java in use.
# If the default java (JAVA_HOME's, else the one on PATH) is older than 25, it looks for a JDK 25 under
# /usr/lib/jvm (temurin-25 first, then any *25*), and exits with a clear message when there is none.

policygen_required_java=25

# The feature release of a java binary: 17 for "17.0.15", 8 for "1.8.0_412".
policygen_java_major() {
    local version
    version=$("$1" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)
    version=${version#1.}
    echo "${version%%[.+-]*}"
}

policygen_use_jdk25() {
    local java major=0 candidate found=
    if [[ -n "${JAVA_HOME:-}" && -x "${JAVA_HOME}/bin/java" ]]; then
        java="${JAVA_HOME}/bin/java"
    else
        java=$(command -v java || true)
    fi
    if [[ -n "$java" ]]; then
        major=$(policygen_java_major "$java")
    fi
    if [[ -z "$major" || "$major" -lt "$policygen_required_java" ]]; then
        for candidate in /usr/lib/jvm/temurin-${policygen_required_java}* /usr/lib/jvm/*${policygen_required_java}*; do
            if [[ -x "$candidate/bin/java" && -x "$candidate/bin/javac" ]] \
                    && [[ "$(policygen_java_major "$candidate/bin/java")" -ge "$policygen_required_java" ]]; then
                found=$candidate
                break
            fi
        done
        if [[ -z "$found" ]]; then
            echo "policygen needs JDK ${policygen_required_java}; the default java is ${java:-missing} (version ${major:-unknown})," >&2
            echo "and no JDK ${policygen_required_java} was found under /usr/lib/jvm. Install one (e.g. Eclipse Temurin ${policygen_required_java}) or set JAVA_HOME." >&2
            exit 1
        fi
        export JAVA_HOME=$found
        export PATH="$JAVA_HOME/bin:$PATH"
    fi
}

policygen_use_jdk25
