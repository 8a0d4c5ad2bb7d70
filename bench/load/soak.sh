#!/usr/bin/env bash
# Soak: a steady RATE of real questions (open loop: the rate does not drop when the server slows) for DURATION seconds
# against one instance (SQLite, or PROVIDER=postgres), checking every answer and sampling the server's memory.
# Usage: RATE=5000 DURATION=600 bench/load/soak.sh      (exit code 0 = no error and no lost turn)
#        CONVERSATIONS=256 (visitors at once), WARMUP=30 (seconds of closed-loop turns first, not counted)
set -euo pipefail
cd "$(dirname "$0")/../.."
RATE=${RATE:-2000}
DURATION=${DURATION:-600}
PROVIDER=${PROVIDER:-sqlite}
CONVERSATIONS=${CONVERSATIONS:-256}
WARMUP=${WARMUP:-30}
OUT=${OUT:-/tmp/assistantbot-bench}
PORT=${PORT:-5080}
dotnet build src/AssistantBot -c Release -o "$OUT/app" -v quiet -nologo >/dev/null
dotnet build bench/AssistantBot.LoadTest -c Release -o "$OUT/loadtest" -v quiet -nologo >/dev/null
data=$(mktemp -d)
extra=()
if [ "$PROVIDER" = postgres ]; then
  source bench/load/postgres.sh
  extra=(Storage__Provider=Postgres "Storage__PostgresConnectionString=$PG_URL")
fi
env "${extra[@]}" ASPNETCORE_URLS="http://127.0.0.1:$PORT" Storage__DataDirectory="$data" Logging__LogLevel__Default=Warning \
  dotnet "$OUT/app/AssistantBot.dll" >"$OUT/soak-app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null; wait $app 2>/dev/null; rm -rf "$data"; [ "$PROVIDER" = postgres ] && stop_postgres || true' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.5; done
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); provider $PROVIDER"
dotnet "$OUT/loadtest/AssistantBot.LoadTest.dll" --url "http://127.0.0.1:$PORT" --rate "$RATE" --duration "$DURATION" --pid "$app" --report 30 \
  --conversations "$CONVERSATIONS" --warmup "$WARMUP"
