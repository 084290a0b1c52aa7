#!/usr/bin/env bash
# Prints one policygen report with psql: scripts/report.sh NAME [psql options]
#
#   scripts/report.sh                                  lists the reports and the question each answers
#   scripts/report.sh account_progress                 the same as report_account_progress
#   scripts/report.sh report_policies -x               psql options follow the name: -x expanded, --csv, -o FILE
#   POLICYGEN_DB_URL=postgresql://reader@db:5432/policygen scripts/report.sh runs
#
# The database: $POLICYGEN_DB_URL, a libpq URL (postgresql://USER@HOST:PORT/DB) or the job's own JDBC URL
# (jdbc:postgresql://HOST:PORT/DB?user=...: the jdbc: prefix is dropped; JDBC-only parameters such as ssl=true
# are not understood by psql); without it, psql's PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD (or ~/.pgpass).
# The reports are views, created by the job's migrations: run the job once against the database first.
# A login in the policygen_reader role reads them all, and nothing else.
#
# Exit codes: 0 printed (or listed), 2 unknown report, else psql's (1 a query error, 2 no connection).
set -euo pipefail

reports_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../db/reports" && pwd)"

list() {
    echo "reports:"
    for file in "$reports_dir"/R__*.sql; do
        local name
        name="$(basename "$file" .sql)"
        printf '  %-25s %s\n' "${name#R__}" "$(head -n 1 "$file" | sed 's/^-- *//')"
    done
}

if [[ $# -eq 0 || "$1" == "-h" || "$1" == "--help" ]]; then
    echo "usage: scripts/report.sh NAME [psql options]   (database: \$POLICYGEN_DB_URL or PG* variables)"
    list
    exit 0
fi

asked="$1"
shift
name="$asked"
[[ "$name" == report_* ]] || name="report_$name"
if [[ ! "$name" =~ ^[a-z_]+$ || ! -f "$reports_dir/R__$name.sql" ]]; then
    echo "report.sh: no report named '$asked'" >&2
    list >&2
    exit 2
fi

connection=()
if [[ -n "${POLICYGEN_DB_URL:-}" ]]; then
    connection=("--dbname=${POLICYGEN_DB_URL#jdbc:}")
fi
exec psql "${connection[@]}" --no-psqlrc --quiet -v ON_ERROR_STOP=1 --command="select * from $name" "$@"
