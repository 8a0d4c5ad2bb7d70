#!/usr/bin/env bash
# Load test of POST /api/messages (deliveryMode expectReplies) against a bare JSON echo on the same Kestrel, in one run.
# Usage: bench/load/run.sh                      (32 concurrent conversations, 20 s each)
#        CONNECTIONS="32 256" DURATION=30s bench/load/run.sh
# Needs wrk (Debian package "wrk"). Prints one line per measurement (with the server's CPU µs per request) and the
# bot/echo ratio.
set -euo pipefail
cd "$(dirname "$0")/../.."

CONNECTIONS=${CONNECTIONS:-32}
DURATION=${DURATION:-20s}
THREADS=${THREADS:-2}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }

source bench/load/app.sh
trap stop_app EXIT
start_app Diagnostics__EchoEndpoint=true

url="http://127.0.0.1:$PORT"
# Warm-up: connection pools, SQLite pages, and the JIT: tiered compilation was still busy (about a tenth of the CPU)
# 10 s into a turn load and done by 40 s (perf), so the turns warm up for 30 s by default.
wrk -t"$THREADS" -c32 -d"${WARMUP_ECHO:-10s}" -s bench/load/echo.lua "$url" >/dev/null
CONVERSATIONS=32 wrk -t"$THREADS" -c32 -d"${WARMUP:-30s}" -s bench/load/messages.lua "$url" >/dev/null

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
# The server's CPU time (user + system, from /proc) per request: it drifts far less than requests/s on a shared machine.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$app/stat"; }
per_request() { awk -v t="$1" -v hz="$(getconf CLK_TCK)" -v line="$2" 'BEGIN { match(line, /requests=[0-9]+/); n = substr(line, RSTART + 9, RLENGTH - 9); printf "cpu_us=%.0f", t * 1e6 / hz / n }'; }
for c in $CONNECTIONS; do
  t0=$(cpu_ticks)
  echo_line=$(wrk -t"$THREADS" -c"$c" -d"$DURATION" -s bench/load/echo.lua "$url" | grep RESULT)
  t1=$(cpu_ticks)
  bot_line=$(CONVERSATIONS="$c" wrk -t"$THREADS" -c"$c" -d"$DURATION" -s bench/load/messages.lua "$url" | grep RESULT)
  t2=$(cpu_ticks)
  echo "c=$c echo  $echo_line $(per_request $((t1 - t0)) "$echo_line")"
  echo "c=$c turns $bot_line $(per_request $((t2 - t1)) "$bot_line")"
  echo_rps=$(sed -E 's/.*rps=([0-9]+).*/\1/' <<<"$echo_line")
  bot_rps=$(sed -E 's/.*rps=([0-9]+).*/\1/' <<<"$bot_line")
  awk -v b="$bot_rps" -v e="$echo_rps" -v c="$c" 'BEGIN { printf "c=%s ratio turns/echo = %.3f\n", c, b / e }'
done
echo "peak RSS of the app: $(grep VmHWM /proc/$app/status | awk '{print $2 $3}')"
