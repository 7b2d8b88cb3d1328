#!/usr/bin/env bash
# Runs ActorWelfare locally: PostgreSQL, N silos, the dashboard, and the demo data on first start.
# Usage: ./run.sh [--silos N] [--port PORT] [--pg-port PORT] [--data DIR]
# Environment: AW_SILOS, AW_DASHBOARD_PORT, AW_PG_PORT, AW_DATA_DIR (same meaning as the flags);
# silo i listens on AW_SILO_HTTP_PORT+i (8081), AW_SILO_PORT+i (11111) and AW_GATEWAY_PORT+i (30000);
# the local SMTP capture (smtp4dev) on AW_SMTP_PORT (2525), its page of received mails on AW_MAIL_WEB_PORT (5090).
# Ctrl-C stops everything this script started; the data stays in the data folder for the next run.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
source deploy/scripts/postgres.sh
source deploy/scripts/smtp.sh

silos=${AW_SILOS:-1}
dashboard_port=${AW_DASHBOARD_PORT:-5080}
pg_port=${AW_PG_PORT:-55432}
data_dir=${AW_DATA_DIR:-$root/.data}
silo_http_base=${AW_SILO_HTTP_PORT:-8081}
silo_port_base=${AW_SILO_PORT:-11111}
gateway_port_base=${AW_GATEWAY_PORT:-30000}
smtp_port=${AW_SMTP_PORT:-2525}
mail_web_port=${AW_MAIL_WEB_PORT:-5090}
while [ $# -gt 0 ]; do
  case "$1" in
    --silos) silos=$2; shift 2 ;;
    --port) dashboard_port=$2; shift 2 ;;
    --pg-port) pg_port=$2; shift 2 ;;
    --data) data_dir=$2; shift 2 ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ "$silos" =~ ^[1-9][0-9]?$ ]] || { echo "--silos must be a number from 1 to 99" >&2; exit 2; }
mkdir -p "$data_dir/logs"
data_dir=$(cd "$data_dir" && pwd)
logs=$data_dir/logs
pg_dir=$(pg_data_dir "$data_dir/pg") || exit 1
pg_log=$logs/postgres.log
# A data folder moved out of the postgres user's reach takes its server log with it.
[ "$pg_dir" = "$data_dir/pg" ] || pg_log=$(dirname "$pg_dir")/postgres.log

pids=()
stop_all() {
  trap - INT TERM EXIT
  echo
  echo "Stopping…"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pg_stop "$pg_dir"
  echo "Stopped. Data kept in $data_dir$([ "$pg_dir" = "$data_dir/pg" ] || echo " and $pg_dir")"
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap stop_all EXIT

echo "Building…"
# The dashboard is published, as production serves it: its static assets compressed (br, gzip) and fingerprinted.
dashboard_dir=dashboard/bin/Release/net10.0/publish
dotnet build silo/ActorWelfare.Silo.csproj -c Release -nologo -v quiet >"$logs/build.log" 2>&1 \
  && dotnet publish dashboard/ActorWelfare.Dashboard.csproj -c Release -nologo -v quiet -o "$dashboard_dir" >>"$logs/build.log" 2>&1 \
  || { tail -30 "$logs/build.log"; exit 1; }

echo "Starting PostgreSQL on 127.0.0.1:$pg_port (data in $pg_dir)…"
pg_init "$pg_dir"
[ "$(id -u)" = 0 ] && chown postgres: "$logs"
if pg_as_owner "$(pg_bin_dir)/pg_ctl" -D "$pg_dir" status >/dev/null 2>&1; then
  echo "PostgreSQL is already running on $pg_dir; using it."
else
  port_is_free "$pg_port" || { echo "port $pg_port is taken: choose another with --pg-port" >&2; exit 1; }
  pg_start "$pg_dir" "$pg_port" "$pg_log"
fi
pg_create_db "$pg_port" actorwelfare
connection="Host=127.0.0.1;Port=$pg_port;Username=actorwelfare;Database=actorwelfare"

wait_healthy() { # name url pid log
  local i
  for i in $(seq 1 240); do
    curl -fs "$2" >/dev/null 2>&1 && return 0
    kill -0 "$3" 2>/dev/null || { echo "$1 exited; last lines of $4:" >&2; tail -30 "$4" >&2; return 1; }
    sleep 0.5
  done
  echo "$1 did not become healthy; see $4" >&2
  return 1
}

wait_datasets() { # names pid log: until the silo says each dataset is loaded (or was before)
  local name i
  for name in ${1//,/ }; do
    echo "Loading demo data $name (first start only)…"
    for i in $(seq 1 600); do
      grep -qE "Dataset $name (loaded|was loaded before)" "$3" && break
      kill -0 "$2" 2>/dev/null || { echo "the silo exited while loading $name; last lines of $3:" >&2; tail -30 "$3" >&2; return 1; }
      sleep 0.5
    done
    grep -qE "Dataset $name (loaded|was loaded before)" "$3" || { echo "loading $name did not finish; see $3" >&2; return 1; }
  done
}

# The mails the silos send (new alerts, weekly summaries) go to a local SMTP capture, shown on its own page.
install_smtp4dev || exit 1
for p in $smtp_port $mail_web_port; do
  port_is_free "$p" || { echo "port $p is taken (the SMTP capture): set AW_SMTP_PORT / AW_MAIL_WEB_PORT" >&2; exit 1; }
done
smtp4dev_start "$smtp_port" "$mail_web_port" "$data_dir/smtp4dev" "$logs/smtp4dev.log"
pids+=("$SMTP4DEV_PID")
for i in $(seq 1 120); do port_is_free "$smtp_port" || break; kill -0 "$SMTP4DEV_PID" 2>/dev/null || break; sleep 0.5; done
port_is_free "$smtp_port" && { echo "the SMTP capture did not start; see $logs/smtp4dev.log" >&2; exit 1; }
echo "SMTP capture: pid ${pids[-1]}, mails received at http://127.0.0.1:$mail_web_port/"

for i in $(seq 0 $((silos - 1))); do
  http=$((silo_http_base + i)) siloport=$((silo_port_base + i)) gateway=$((gateway_port_base + i))
  for p in $http $siloport $gateway; do
    port_is_free "$p" || { echo "port $p is taken (silo $i): stop what uses it" >&2; exit 1; }
  done
  # The first silo loads the demo datasets; the schema is applied by whichever silo starts first.
  load=""; [ "$i" = 0 ] && load="bologna-2019,bologna-2018,crema-2014"
  (cd silo/bin/Release/net10.0 && exec env \
    Urls="http://127.0.0.1:$http" \
    ConnectionStrings__ActorWelfare="$connection" \
    Silo__SiloPort=$siloport Silo__GatewayPort=$gateway \
    Datasets__Load="$load" \
    Dashboard__Year=2019 Cities__crema__CurrentYear=2014 \
    Mail__Host=127.0.0.1 Mail__Port=$smtp_port Mail__Security=None Mail__From="ActorWelfare <actorwelfare@localhost>" \
    Mail__DashboardUrl="http://127.0.0.1:$dashboard_port" \
    dotnet ActorWelfare.Silo.dll >"$logs/silo-$i.log" 2>&1) &
  pids+=($!)
  echo "Silo $i: pid ${pids[-1]}, health http://127.0.0.1:$http/healthz, metrics http://127.0.0.1:$http/metrics"
  wait_healthy "silo $i" "http://127.0.0.1:$http/healthz" "${pids[-1]}" "$logs/silo-$i.log"
  [ "$i" = 0 ] && wait_datasets "$load" "${pids[-1]}" "$logs/silo-0.log"
done

port_is_free "$dashboard_port" || { echo "port $dashboard_port is taken: choose another with --port" >&2; exit 1; }
(cd "$dashboard_dir" && exec env \
  Urls="http://127.0.0.1:$dashboard_port" \
  ConnectionStrings__ActorWelfare="$connection" \
  Access__DemoUsers=true Access__OpenData='*' Dashboard__Year=2019 Cities__crema__CurrentYear=2014 \
  dotnet ActorWelfare.Dashboard.dll >"$logs/dashboard.log" 2>&1) &
pids+=($!)
wait_healthy dashboard "http://127.0.0.1:$dashboard_port/healthz" "${pids[-1]}" "$logs/dashboard.log"

echo
echo "ActorWelfare is running: http://127.0.0.1:$dashboard_port/"
echo "Demo sign-ins (password ActorWelfare-demo-2026): Bologna: direttore@actorwelfare.local,"
echo "  operatore.navile@actorwelfare.local (quartiere Navile), analista@actorwelfare.local;"
echo "  Crema: direttore.crema@, operatore.zona1.crema@ (Zona 1), analista.crema@ (all @actorwelfare.local);"
echo "  every city: amministratore@actorwelfare.local"
echo "Ops dashboard (amministratore): http://127.0.0.1:$dashboard_port/ops/"
echo "Mails sent (alerts, weekly summaries) as the local SMTP capture received them: http://127.0.0.1:$mail_web_port/"
echo "Logs in $logs$([ "$pg_log" = "$logs/postgres.log" ] || echo " (PostgreSQL's in $pg_log)"). Press Ctrl-C to stop."

# Report processes that die (a killed silo, say) without stopping the rest.
reported=()
while true; do
  sleep 2
  for idx in "${!pids[@]}"; do
    pid=${pids[$idx]}
    if ! kill -0 "$pid" 2>/dev/null && [[ ! " ${reported[*]} " =~ " $pid " ]]; then
      echo "Process $pid exited; the others keep running. Ctrl-C stops everything."
      reported+=("$pid")
    fi
  done
done
