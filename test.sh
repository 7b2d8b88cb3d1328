#!/usr/bin/env bash
# Runs the test projects against a throwaway PostgreSQL on a free port, then tears it down:
#   ./test.sh          every lane: unit, cluster, then system tests (processes, browser, scripts, benchmark)
#   ./test.sh --fast   the unit and cluster tests only (no process, no browser)
# Installs Debian's chromium for the browser tests when it is missing.
# The last line printed is "N passed, N failed, N skipped"; the exit code is non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")"
source deploy/scripts/postgres.sh
source deploy/scripts/smtp.sh

summary() { echo "$1 passed, $2 failed, $3 skipped"; }

lanes=(ActorWelfare.UnitTests ActorWelfare.ClusterTests ActorWelfare.SystemTests)
fast=false
for arg in "$@"; do
  case "$arg" in
    --fast) fast=true; lanes=(ActorWelfare.UnitTests ActorWelfare.ClusterTests) ;;
    *) echo "usage: ./test.sh [--fast]" >&2; summary 0 1 0; exit 2 ;;
  esac
done

if ! $fast && [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's chromium for the browser tests…"
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo -n"
  { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium; } >/tmp/aw-chromium-install.log 2>&1 \
    || { tail -20 /tmp/aw-chromium-install.log; echo "could not install chromium"; summary 0 1 0; exit 1; }
fi

# The local SMTP capture the mail tests send to (a real SMTP server process: smtp4dev, a .NET tool from NuGet).
if ! $fast && ! install_smtp4dev; then echo "could not install smtp4dev"; summary 0 1 0; exit 1; fi

work=$(mktemp -d /tmp/actorwelfare-test.XXXXXX)
chmod 755 "$work"
cleanup() {
  pg_stop "$work/pg" immediate
  rm -rf "$work"
}
trap cleanup EXIT

port=$(free_port 56432)
echo "Starting a throwaway PostgreSQL on 127.0.0.1:$port…"
if ! { pg_init "$work/pg" && pg_start "$work/pg" "$port" "$work/postgres.log"; }; then
  echo "could not start PostgreSQL"; summary 0 1 0; exit 1
fi
export ACTORWELFARE_TEST_PG="Host=127.0.0.1;Port=$port;Username=actorwelfare"
# Every silo and dashboard a test starts writes its output here; printed in part when a test fails.
export ACTORWELFARE_TEST_LOGS="$work/logs"

echo "Building…"
started=$SECONDS
if $fast; then targets=(tests/ActorWelfare.UnitTests tests/ActorWelfare.ClusterTests); else targets=(ActorWelfare.sln); fi
for target in "${targets[@]}"; do
  if ! dotnet build "$target" -c Debug -nologo -v quiet >>"$work/build.log" 2>&1; then
    grep -E 'error|Error' "$work/build.log" | sort -u | head -40
    echo "build failed"; summary 0 1 0; exit 1
  fi
done
timings=("build: $((SECONDS - started)) s")

status=0
for name in "${lanes[@]}"; do
  echo "Running $name…"
  started=$SECONDS
  dotnet test "tests/$name/$name.csproj" --no-build -c Debug -nologo \
    --logger "trx;LogFileName=$name.trx" --results-directory "$work/results" \
    --blame-hang-timeout 10m || status=1
  timings+=("$name: $((SECONDS - started)) s")
done
echo "Time taken: $(IFS=,; echo "${timings[*]}" | sed 's/,/, /g')"

passed=0; failed=0; skipped=0
for trx in "$work"/results/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  total=$(get total); executed=$(get executed); p=$(get passed); f=$(get failed)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
  skipped=$((skipped + ${total:-0} - ${executed:-0}))
done
if [ "$passed" = 0 ] && [ "$failed" = 0 ]; then
  echo "no test ran"; failed=1
fi
[ "$failed" = 0 ] || status=1
if [ "$status" != 0 ] && [ -d "$work/logs" ]; then
  echo "Errors the test processes logged (the last 80 lines; tests that stop processes on purpose add some):"
  ls -tr "$work"/logs/ 2>/dev/null | while IFS= read -r name; do
    log="$work/logs/$name"
    grep -q -E ' (fail|crit): ' "$log" && { echo "== $name"; grep -h -A3 -E ' (fail|crit): ' "$log"; }
  done | tail -80
fi
summary "$passed" "$failed" "$skipped"
exit $status
