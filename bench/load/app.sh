# Sourced by the load scripts: builds the assistant (Release) and runs one instance on 127.0.0.1:$PORT with a fresh
# data directory. start_app [NAME=VALUE ...] passes extra settings; it sets $app (the pid) and $data and returns once
# /healthz answers. stop_app ends it and removes the data directory.
OUT=${OUT:-/tmp/assistantbot-bench}
PORT=${PORT:-5080}

start_app() {
  dotnet build src/AssistantBot -c Release -o "$OUT/app" -v quiet -nologo >/dev/null
  data=$(mktemp -d)
  env "$@" ASPNETCORE_URLS="http://127.0.0.1:$PORT" Storage__DataDirectory="$data" Logging__LogLevel__Default=Warning \
    dotnet "$OUT/app/AssistantBot.dll" >"$OUT/app.log" 2>&1 &
  app=$!
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && return 0; sleep 0.5; done
  echo "the assistant did not answer /healthz (see $OUT/app.log)" >&2
  return 1
}

stop_app() {
  [ -n "${app:-}" ] && { kill "$app" 2>/dev/null; wait "$app" 2>/dev/null; }
  [ -n "${data:-}" ] && rm -rf "$data"
  return 0
}
