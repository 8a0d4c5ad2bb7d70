#!/usr/bin/env bash
# Soak with wrk (bench/load/paced.lua): lighter than soak.sh's generator, so it reaches higher rates on the same 2 cores.
# CONVERSATIONS connections each send a turn, wait for its checked reply, pause DELAY_MS; the rate is about
# CONVERSATIONS / (DELAY_MS + latency). The server's RSS is sampled every 30 s.
# Usage: CONVERSATIONS=256 DELAY_MS=36 DURATION=600 bench/load/soak-wrk.sh   (exit code 0 = no error, no lost turn)
set -euo pipefail
cd "$(dirname "$0")/../.."

CONVERSATIONS=${CONVERSATIONS:-256}
DELAY_MS=${DELAY_MS:-36}
DURATION=${DURATION:-600}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }

source bench/load/app.sh
trap stop_app EXIT
start_app
url="http://127.0.0.1:$PORT"

# Warm-up (not counted): the JIT's tiered compilation and SQLite's pages.
CONVERSATIONS="$CONVERSATIONS" DELAY_MS="$DELAY_MS" wrk -t2 -c"$CONVERSATIONS" -d30s -s bench/load/paced.lua "$url" >/dev/null

rss() { awk '/VmRSS/ {print $2 / 1024}' "/proc/$app/status"; }
( for i in $(seq 30 30 "$DURATION"); do sleep 30; printf 'rss_mib at %ss: %.0f\n' "$i" "$(rss)"; done ) &
sampler=$!
result=$(CONVERSATIONS="$CONVERSATIONS" DELAY_MS="$DELAY_MS" wrk -t2 -c"$CONVERSATIONS" -d"${DURATION}s" --timeout 10s -s bench/load/paced.lua "$url" | grep RESULT)
wait $sampler 2>/dev/null || true
echo "$result"
echo "peak RSS of the app: $(grep VmHWM /proc/$app/status | awk '{print $2 $3}')"
grep -Eq 'errors=0 lost=0 ' <<<"$result"
