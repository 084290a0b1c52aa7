#!/usr/bin/env bash
# What PostgreSQL spends to COPY a principal's row, by table shape and by row width (docs/benchmarks.md, Discovery,
# "What the first night's goal asks of two cores"):
#
#   scripts/lib/copy_by_shape.sh PORT PASSWORD_FILE [DATABASE] [ROUNDS]
#
# Needs a database that a first night filled, such as discovery_ab.py's (target/discovery-ab, database ab_new) served
# on PORT by `java -cp target/policygen.jar -Dloader.main=io.policygen.local.DatabaseTool
# org.springframework.boot.loader.launch.PropertiesLauncher serve target/discovery-ab/postgres PORT policygen
# target/discovery-ab/db-password`, psql, and the server on this host (the backend's CPU is read from /proc).
# Exports its first 100 accounts' principals in the job's COPY columns (and in ten of them: the narrow rows), then
# ROUNDS times (default 7) COPYs them, an account a transaction, into a fresh table t of each shape, interleaved, and
# prints the backend's CPU seconds per shape and round. Leaves the database as it found it (t is dropped).
set -euo pipefail
PORT=${1:?usage: copy_by_shape.sh PORT PASSWORD_FILE [DATABASE] [ROUNDS]}
PGPASSWORD=$(cat "${2:?usage: copy_by_shape.sh PORT PASSWORD_FILE [DATABASE] [ROUNDS]}")
export PGPASSWORD
DATABASE=${3:-ab_new}
ROUNDS=${4:-7}
psql_() { psql -h 127.0.0.1 -p "$PORT" -U policygen -d "$DATABASE" -q -v ON_ERROR_STOP=1 "$@"; }

ALL="first_seen_at, changed_at, changed_run_id, account_id, iam_id, principal_arn, principal_type, name, path,
 iam_created_at, inline_policies, attached_policies, permissions_boundary_arn, permissions_boundary_version, tags,
 group_names, breadth, broadest_grants, policy_hash, last_used_at, last_used_source, last_use_known, fingerprint,
 eligibility, eligibility_reason, content_hash"
NARROW="first_seen_at, changed_at, changed_run_id, account_id, iam_id, principal_arn, principal_type, name, path,
 content_hash"
WORK=$(mktemp -d)
chmod 755 "$WORK"
trap 'rm -rf "$WORK"; psql_ -c "drop table if exists t" >/dev/null 2>&1 || true' EXIT
mkdir "$WORK/all" "$WORK/narrow"
for account in $(psql_ -Atc "select account_id from account order by account_id limit 100"); do
    psql_ -c "\\copy (select $ALL from principal where account_id = '$account') to '$WORK/all/$account.copy'"
    psql_ -c "\\copy (select $NARROW from principal where account_id = '$account') to '$WORK/narrow/$account.copy'"
done
echo "principals exported: $(cat "$WORK"/all/*.copy | wc -l)"

# shape SHAPE: table t as the job's principal table (V2-V14), less what SHAPE names.
shape() {
    psql_ -c "drop table if exists t; create table t (like principal including defaults including constraints);
              alter table t add primary key (principal_id)"
    [[ $1 == primary-key-alone ]] || psql_ -c "create unique index on t (principal_arn) where deleted_at is null;
              create unique index on t (account_id, iam_id);
              create index on t (account_id, principal_id) where deleted_at is null"
    [[ $1 == fillfactor-100 ]] || psql_ -c "alter table t set (fillfactor = 50)"
    [[ $1 == no-trigger ]] || psql_ -c "create trigger t_account_known after insert on t referencing new table as added
              for each statement execute function principal_account_known()"
    case $1 in
        json) psql_ -c "alter table t alter inline_policies type json, alter attached_policies type json,
                        alter tags type json" ;;
        text) psql_ -c "alter table t alter inline_policies type text, alter attached_policies type text,
                        alter tags type text, alter broadest_grants type text, alter group_names type text" ;;
    esac
}

# copy_cpu DIR COLUMNS: the backend's CPU seconds to COPY every file of DIR into t, a transaction a file.
copy_cpu() {
    {
        echo 'select pg_backend_pid() as pid \gset'
        echo '\setenv BACKEND :pid'
        echo "\\! awk '{print \$14 + \$15}' /proc/\$BACKEND/stat > $WORK/cpu.before"
        for file in "$1"/*.copy; do
            echo "begin;"
            echo "\\copy t ($(echo $2)) from '$file'"
            echo "commit;"
        done
        echo "\\! awk '{print \$14 + \$15}' /proc/\$BACKEND/stat > $WORK/cpu.after"
    } > "$WORK/copy.sql"
    psql_ -f "$WORK/copy.sql"
    awk -v a="$(cat "$WORK/cpu.after")" -v b="$(cat "$WORK/cpu.before")" -v hz="$(getconf CLK_TCK)" \
        'BEGIN { printf "%.2f\n", (a - b) / hz }'
}

printf '%-18s %5s %8s\n' shape round "CPU s"
SHAPES=(job no-trigger fillfactor-100 json text primary-key-alone narrow-row)
for round in $(seq 1 "$ROUNDS"); do
    # each round starts one shape further on: a shape is not always the first after the previous round's last
    for i in "${!SHAPES[@]}"; do
        s=${SHAPES[$(( (i + round - 1) % ${#SHAPES[@]} ))]}
        if [[ $s == narrow-row ]]; then
            shape job
            cpu=$(copy_cpu "$WORK/narrow" "$NARROW")
        else
            shape "$s"
            cpu=$(copy_cpu "$WORK/all" "$ALL")
        fi
        printf '%-18s %5s %8s\n' "$s" "$round" "$cpu"
    done
done
