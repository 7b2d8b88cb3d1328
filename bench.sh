#!/usr/bin/env bash
# Runs the benchmark (docs/benchmarks.md) against a throwaway PostgreSQL on a free port.
#   ./bench.sh            full run: updates, ceilings, reads at 1k/10k/100k activities, freshness, fan-out,
#                         a national dataset of 8,000 cities and 1,000,000 activities
#   ./bench.sh --quick    about a minute; checks the benchmark works and its results are correct
# Other options are passed on (--updates N, --concurrency N, --reads 1k,10k, --scale 100k, --cities 8000,
# --only scale,reads; --only pageload: the first page in Chromium; --pages 50,200: open overview pages). Results go to bench/results/.
set -uo pipefail
cd "$(dirname "$0")"
source deploy/scripts/postgres.sh

work=$(mktemp -d /tmp/actorwelfare-bench.XXXXXX)
chmod 755 "$work"
cleanup() { pg_stop "$work/pg" immediate; rm -rf "$work"; }
trap cleanup EXIT

port=$(free_port 57432)
pg_init "$work/pg" && pg_start "$work/pg" "$port" "$work/postgres.log" || { echo "could not start PostgreSQL" >&2; exit 1; }
# The benchmark, and the dashboard it starts as a process (published, as ./run.sh and production serve it).
{ dotnet build bench/ActorWelfare.Bench.csproj -c Release -nologo -v quiet \
  && dotnet publish dashboard/ActorWelfare.Dashboard.csproj -c Release -nologo -v quiet -o dashboard/bin/Release/net10.0/publish; } \
  >"$work/build.log" 2>&1 || { grep -E 'error' "$work/build.log" | sort -u | head -20; exit 1; }
dotnet bench/bin/Release/net10.0/ActorWelfare.Bench.dll --pg "Host=127.0.0.1;Port=$port;Username=actorwelfare" "$@"
