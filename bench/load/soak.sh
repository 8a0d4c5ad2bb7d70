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
source bench/load/app.sh
dotnet build bench/AssistantBot.LoadTest -c Release -o "$OUT/loadtest" -v quiet -nologo >/dev/null
extra=()
if [ "$PROVIDER" = postgres ]; then
  source bench/load/postgres.sh
  extra=(Storage__Provider=Postgres "Storage__PostgresConnectionString=$PG_URL")
fi
trap 'stop_app; [ "$PROVIDER" = postgres ] && stop_postgres || true' EXIT
start_app "${extra[@]}"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); provider $PROVIDER"
dotnet "$OUT/loadtest/AssistantBot.LoadTest.dll" --url "http://127.0.0.1:$PORT" --rate "$RATE" --duration "$DURATION" --pid "$app" --report 30 \
  --conversations "$CONVERSATIONS" --warmup "$WARMUP"
