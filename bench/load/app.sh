# Sourced by the load scripts. start_app [NAME=VALUE ...] builds the assistant (Release) and runs one instance on
# 127.0.0.1:$PORT with a fresh data directory and the extra settings given; it sets $app (the pid) and $data and
# returns once /healthz answers. stop_app ends it and removes the data directory. launch_app runs an instance of a
# build already made (compare.sh runs two).
OUT=${OUT:-/tmp/assistantbot-bench}
PORT=${PORT:-5080}

# launch_app BUILD_DIR PORT DATA_DIR LOG [NAME=VALUE ...]: starts it in the background ($launched is its pid) and waits for
# /healthz; returns 1 if it never answers.
launch_app() {
  local dir=$1 port=$2 data_dir=$3 log=$4
  shift 4
  env "$@" ASPNETCORE_URLS="http://127.0.0.1:$port" Storage__DataDirectory="$data_dir" Logging__LogLevel__Default=Warning \
    dotnet "$dir/AssistantBot.dll" >"$log" 2>&1 &
  launched=$!
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && return 0; sleep 0.5; done
  echo "the assistant did not answer /healthz (see $log)" >&2
  return 1
}

start_app() {
  dotnet build src/AssistantBot -c Release -o "$OUT/app" -v quiet -nologo >/dev/null
  data=$(mktemp -d)
  launch_app "$OUT/app" "$PORT" "$data" "$OUT/app.log" "$@" || { app=$launched; return 1; }
  app=$launched
}

stop_app() {
  [ -n "${app:-}" ] && { kill "$app" 2>/dev/null; wait "$app" 2>/dev/null; }
  [ -n "${data:-}" ] && rm -rf "$data"
  return 0
}
