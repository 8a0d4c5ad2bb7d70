#!/usr/bin/env bash
# Load test of two instances on one PostgreSQL database: wrk drives each instance with half the conversations at once;
# turns/s add up, latencies are reported per instance. A bare JSON echo on instance A is measured in the same run.
# Usage: CONNECTIONS="32 256" DURATION=30s bench/load/run-postgres.sh   (WARMUP=20s: the JIT needs it at these rates)
set -euo pipefail
cd "$(dirname "$0")/../.."
CONNECTIONS=${CONNECTIONS:-32}
DURATION=${DURATION:-20s}
OUT=${OUT:-/tmp/assistantbot-bench}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
dotnet build src/AssistantBot -c Release -o "$OUT/app" -v quiet -nologo >/dev/null
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; stop_postgres; rm -rf "$OUT"/data-a "$OUT"/data-b; }
trap cleanup EXIT
source bench/load/postgres.sh
source bench/load/app.sh
for instance in a:5081 b:5082; do
  name=${instance%%:*}; port=${instance##*:}
  launch_app "$OUT/app" "$port" "$OUT/data-$name" "$OUT/app-$name.log" Storage__Provider=Postgres \
    Storage__PostgresConnectionString="$PG_URL" DirectLine__Secret=bench-secret-0123456789abcdef0123456789abcdef \
    Diagnostics__EchoEndpoint=true || { pids+=("$launched"); exit 1; }
  pids+=("$launched")
done

wrk -t1 -c16 -d${WARMUP:-20s} -s bench/load/echo.lua http://127.0.0.1:5081 >/dev/null
PREFIX=warm-a CONVERSATIONS=16 wrk -t1 -c16 -d${WARMUP:-20s} -s bench/load/messages.lua http://127.0.0.1:5081 >/dev/null &
warm=$!
PREFIX=warm-b CONVERSATIONS=16 wrk -t1 -c16 -d${WARMUP:-20s} -s bench/load/messages.lua http://127.0.0.1:5082 >/dev/null
wait "$warm"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
for c in $CONNECTIONS; do
  half=$((c / 2))
  echo_line=$(wrk -t2 -c"$c" -d"$DURATION" -s bench/load/echo.lua http://127.0.0.1:5081 | grep RESULT)
  PREFIX=a CONVERSATIONS="$half" wrk -t1 -c"$half" -d"$DURATION" -s bench/load/messages.lua http://127.0.0.1:5081 >"$OUT/wrk-a.txt" &
  first=$!
  PREFIX=b CONVERSATIONS="$half" wrk -t1 -c"$half" -d"$DURATION" -s bench/load/messages.lua http://127.0.0.1:5082 >"$OUT/wrk-b.txt"
  wait "$first"
  a=$(grep RESULT "$OUT/wrk-a.txt"); b=$(grep RESULT "$OUT/wrk-b.txt")
  echo "c=$c echo      $echo_line"
  echo "c=$c instance A $a"
  echo "c=$c instance B $b"
  total=$(( $(sed -E 's/.*rps=([0-9]+).*/\1/' <<<"$a") + $(sed -E 's/.*rps=([0-9]+).*/\1/' <<<"$b") ))
  awk -v t="$total" -v e="$(sed -E 's/.*rps=([0-9]+).*/\1/' <<<"$echo_line")" -v c="$c" 'BEGIN { printf "c=%s two instances: %d turns/s, ratio to echo %.3f\n", c, t, t / e }'
done
