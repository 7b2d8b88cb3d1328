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
