#!/usr/bin/env bash
# Backs up and restores an ActorWelfare database with PostgreSQL's own tools (docs/operations.md, "Backup and restore").
#
#   deploy/scripts/backup.sh dump FILE           a consistent copy of the whole database (pg_dump, custom format):
#                                                activities, audit, accounts, tokens, snapshots, grain state, reminders
#   deploy/scripts/backup.sh restore FILE NAME   that copy into a new database NAME (refused when NAME exists)
#
# Options, anywhere: --host H (127.0.0.1), --port P (AW_PG_PORT, else 55432: ./run.sh's server), --user U
# (actorwelfare), --database D (actorwelfare: the one dumped). A password, when the server asks, comes from
# PGPASSWORD or ~/.pgpass, as for every PostgreSQL tool. Stop nothing: pg_dump reads one snapshot of the database
# while the silos keep writing.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/postgres.sh"

host=127.0.0.1 port=${AW_PG_PORT:-55432} user=actorwelfare database=actorwelfare
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --host) host=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --user) user=$2; shift 2 ;;
    --database) database=$2; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) args+=("$1"); shift ;;
  esac
done
# The client tools (pg_dump, pg_restore, psql, createdb): beside the server's, or wherever PATH has them on a
# machine with the client only. pg_dump must be of the server's major version or newer.
if ! bin=$(pg_bin_dir 2>/dev/null); then
  if [ -x "${PG_BIN:-}/pg_dump" ]; then bin=$PG_BIN
  elif found=$(command -v pg_dump); then bin=$(dirname "$found")
  else echo "pg_dump not found; set PG_BIN to the folder of the PostgreSQL client tools" >&2; exit 1
  fi
fi
connect=(-h "$host" -p "$port" -U "$user" -w)

case "${args[0]:-}" in
  dump)
    [ ${#args[@]} = 2 ] || { echo "usage: backup.sh dump FILE" >&2; exit 2; }
    file=${args[1]}
    # The copy holds accounts' password hashes and token hashes: readable by its owner only.
    umask 077
    # To a temporary name first, removed if the dump fails or is interrupted: never a file that looks whole.
    trap 'rm -f "$file.partial"' EXIT
    "$bin/pg_dump" "${connect[@]}" -d "$database" --format=custom --compress=6 --no-owner --file="$file.partial"
    mv "$file.partial" "$file"
    trap - EXIT
    echo "Backed up $database to $file ($(du -h "$file" | cut -f1))."
    ;;
  restore)
    [ ${#args[@]} = 3 ] || { echo "usage: backup.sh restore FILE NAME" >&2; exit 2; }
    file=${args[1]} name=${args[2]}
    [ -f "$file" ] || { echo "no backup file $file" >&2; exit 1; }
    "$bin/pg_restore" --list "$file" >/dev/null || { echo "$file is not a backup made by backup.sh dump (pg_dump custom format)" >&2; exit 1; }
    if [ "$("$bin/psql" "${connect[@]}" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '${name//\'/\'\'}'")" = 1 ]; then
      echo "database $name exists: restore into a new database, then point the silos and the dashboard at it" >&2
      exit 1
    fi
    # From template0: nothing added to template1 on this server can collide with what the backup creates.
    "$bin/createdb" "${connect[@]}" -T template0 -E UTF8 "$name"
    # All or nothing: the first error stops the restore, and the half-made database is dropped.
    if ! "$bin/pg_restore" "${connect[@]}" -d "$name" --no-owner --exit-on-error --single-transaction "$file"; then
      "$bin/dropdb" "${connect[@]}" "$name" || true
      echo "the restore failed; $name was dropped" >&2
      exit 1
    fi
    echo "Restored $file into $name. Start the silos on it and compare the figures with verify (docs/operations.md)."
    ;;
  *)
    echo "usage: backup.sh dump FILE | backup.sh restore FILE NAME  [--host H] [--port P] [--user U] [--database D]" >&2
    exit 2
    ;;
esac
