#!/usr/bin/env bash
# Compares the CPU cost per turn of two builds with both loaded at the same time, so both see the same machine phase
# (this virtual machine's speed drifts by up to 1.5x over minutes, which swamps a few % between runs made apart).
# Each instance gets half the conversations and one wrk thread; after a warm-up, ROUNDS rounds of 10 s each print the
# server CPU µs per turn (utime + stime over the round / turns) of A and B. The two slots differ by a few % on their
# own, so run each build once as A and once as B.
# Usage: APP_A=/tmp/old APP_B=/tmp/new [ENV_A="NAME=VALUE ..."] [ENV_B=...] [ROUNDS=3] [WARMUP=30] bench/load/compare.sh
#        where each APP_ is a build output: dotnet build src/AssistantBot -c Release -o /tmp/new
#        (an older commit: git worktree add /tmp/wt <commit> && dotnet build /tmp/wt/src/AssistantBot -c Release -o /tmp/old)
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${APP_A:?set APP_A to a build output directory}" "${APP_B:?set APP_B to a build output directory}"
ROUNDS=${ROUNDS:-3}
CONVERSATIONS=${CONVERSATIONS:-16}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }

out=$(mktemp -d)
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$out"; }
trap cleanup EXIT

source bench/load/app.sh
start() { # build directory, port, settings
  local dir=$1 port=$2; shift 2
  mkdir -p "$out/data-$port"
  launch_app "$dir" "$port" "$out/data-$port" "$out/app-$port.log" "$@" || { pids+=("$launched"); exit 1; }
  pids+=("$launched")
}
# shellcheck disable=SC2086 # each ENV_ holds several NAME=VALUE words
start "$APP_A" 5081 ${ENV_A:-}
# shellcheck disable=SC2086
start "$APP_B" 5082 ${ENV_B:-}

load() { # seconds
  CONVERSATIONS=$CONVERSATIONS PREFIX="a$RANDOM" wrk -t1 -c"$CONVERSATIONS" -d"$1s" -s bench/load/messages.lua http://127.0.0.1:5081 >"$out/a" &
  local a=$!
  CONVERSATIONS=$CONVERSATIONS PREFIX="b$RANDOM" wrk -t1 -c"$CONVERSATIONS" -d"$1s" -s bench/load/messages.lua http://127.0.0.1:5082 >"$out/b" &
  wait "$a" $!
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
field() { grep -o "$1=[0-9]*" "$2" | cut -d= -f2; }

load "${WARMUP:-30}"
hz=$(getconf CLK_TCK)
for round in $(seq 1 "$ROUNDS"); do
  a0=$(cpu_ticks "${pids[0]}"); b0=$(cpu_ticks "${pids[1]}")
  load 10
  a1=$(cpu_ticks "${pids[0]}"); b1=$(cpu_ticks "${pids[1]}")
  an=$(field requests "$out/a"); bn=$(field requests "$out/b")
  echo "round $round: A $an turns, lost $(field lost "$out/a"), cpu_us=$(( (a1 - a0) * 1000000 / hz / an ))" \
    "| B $bn turns, lost $(field lost "$out/b"), cpu_us=$(( (b1 - b0) * 1000000 / hz / bn ))"
done
