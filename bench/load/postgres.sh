# Sourced by the load scripts: a throw-away PostgreSQL server in a temporary directory (as the tests start one).
# Sets PG_URL (an Npgsql connection string) and a trap-able stop_postgres function.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
[ -x "$pg_bin/initdb" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }
pg_dir=$(mktemp -d /tmp/assistantbot-bench-pg-XXXX)
stop_postgres() { as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null 2>&1; rm -rf "$pg_dir"; }
PG_PORT=${PG_PORT:-$(shuf -i 20000-60000 -n 1)}
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres "$pg_dir"
as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 --locale=C --no-instructions >/dev/null
as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
  -o "-p $PG_PORT -k $pg_dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=256MB ${PG_EXTRA_OPTIONS:-}" start >/dev/null
as_pg "$pg_bin/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres assistantbot
# The instances and the server share this machine: a Unix socket by default (PG_TRANSPORT=tcp for loopback TCP).
if [ "${PG_TRANSPORT:-unix}" = tcp ]; then pg_host=127.0.0.1; else pg_host=$pg_dir; fi
PG_URL="Host=$pg_host;Port=$PG_PORT;Username=postgres;Database=assistantbot;Maximum Pool Size=100"
