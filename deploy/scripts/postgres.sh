# shellcheck shell=bash
# Local PostgreSQL for ./run.sh and ./test.sh: initdb, start, stop, create a database.
# Source this file; it defines functions only. initdb refuses to run as root, so as root the
# server runs as the "postgres" system user (created if missing) on a folder that user owns.

pg_bin_dir() {
  local d
  for d in "${PG_BIN:-}" /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    [ -n "$d" ] && [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  command -v initdb >/dev/null && { dirname "$(command -v initdb)"; return 0; }
  echo "PostgreSQL binaries (initdb, pg_ctl) not found; set PG_BIN" >&2
  return 1
}

# Runs a command as the user that owns the server: ourselves, or "postgres" when we are root.
pg_as_owner() {
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# True when nothing listens on 127.0.0.1:$1.
port_is_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Prints a free port at or above $1.
free_port() {
  local p=$1
  while ! port_is_free "$p"; do p=$((p + 1)); done
  echo "$p"
}

# pg_data_dir DIR: prints the data folder to use for DIR. As root the server runs as "postgres", which
# must be able to enter DIR's parent: a checkout in root's home folder or under any folder of mode 700 is
# out of its reach. Then the data go to a folder of its own for this DIR,
# ${AW_PG_FALLBACK_ROOT:-/var/lib/actorwelfare}/<hash of DIR>/pg (the same one on every run, so the data
# stay), and a note on stderr says where. Fails with a message only when that folder is out of reach too.
pg_data_dir() {
  local dir=$1 base alt
  if [ "$(id -u)" != 0 ]; then echo "$dir"; return 0; fi
  pg_as_owner true # creates the postgres user if missing
  mkdir -p "$(dirname "$dir")"
  if runuser -u postgres -- test -x "$(dirname "$dir")"; then echo "$dir"; return 0; fi
  base=${AW_PG_FALLBACK_ROOT:-/var/lib/actorwelfare}
  alt=$base/$(printf %s "$dir" | sha256sum | cut -c1-16)/pg
  [ -d "$base" ] || { mkdir -p "$base" && chmod 755 "$base"; }
  mkdir -p -m 755 "$(dirname "$alt")"
  if ! runuser -u postgres -- test -x "$(dirname "$alt")"; then
    echo "PostgreSQL runs as the postgres user, which can reach neither $(dirname "$dir") nor $(dirname "$alt")." >&2
    echo "Give it a data folder it can reach: --data DIR (or AW_DATA_DIR), or AW_PG_FALLBACK_ROOT=DIR." >&2
    return 1
  fi
  echo "The postgres user cannot reach $(dirname "$dir") (a folder only root may enter): PostgreSQL data are kept in $alt instead." >&2
  echo "$alt"
}

# pg_init DIR: creates a cluster in DIR (if it has none) with superuser "actorwelfare",
# trusted only on loopback and the socket in DIR.
pg_init() {
  local dir=$1 bin
  bin=$(pg_bin_dir) || return 1
  [ -f "$dir/PG_VERSION" ] && return 0
  mkdir -p "$dir"
  chmod 700 "$dir"
  [ "$(id -u)" = 0 ] && { pg_as_owner true; chown postgres: "$dir"; }
  pg_as_owner "$bin/initdb" -D "$dir" -U actorwelfare --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir.initdb.log" 2>&1 \
    || { cat "$dir.initdb.log" >&2; return 1; }
  rm -f "$dir.initdb.log"
}

# pg_start DIR PORT LOGFILE: starts the server on 127.0.0.1:PORT and waits until it accepts connections.
pg_start() {
  local dir=$1 port=$2 log=$3 bin
  bin=$(pg_bin_dir) || return 1
  touch "$log"; [ "$(id -u)" = 0 ] && chown postgres: "$log"
  pg_as_owner "$bin/pg_ctl" -D "$dir" -l "$log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c max_connections=300" start >/dev/null \
    || { tail -20 "$log" >&2; return 1; }
}

# pg_stop DIR [MODE]: stops the server (fast shutdown unless MODE is given).
pg_stop() {
  local dir=$1 mode=${2:-fast} bin
  bin=$(pg_bin_dir) || return 1
  [ -f "$dir/postmaster.pid" ] || return 0
  pg_as_owner "$bin/pg_ctl" -D "$dir" -m "$mode" -w stop >/dev/null 2>&1 || true
}

# pg_create_db PORT NAME: creates database NAME unless it exists.
pg_create_db() {
  local port=$1 name=$2
  if ! psql -h 127.0.0.1 -p "$port" -U actorwelfare -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$name'" | grep -q 1; then
    psql -h 127.0.0.1 -p "$port" -U actorwelfare -d postgres -qc "CREATE DATABASE \"$name\"" >/dev/null
  fi
}
