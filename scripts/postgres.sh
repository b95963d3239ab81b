#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL 15 server for tests: `scripts/postgres.sh start DIR PORT` / `stop DIR`.
# Debian keeps initdb and pg_ctl in the server package's own bin folder; as root they must run as `postgres`.
set -euo pipefail
action=$1
dir=$2
port=${3:-55432}
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "$action" in
  start)
    if [ "$(id -u)" = 0 ]; then install -d -o postgres -g postgres "$dir" "$dir/data" "$dir/socket"; else mkdir -p "$dir/data" "$dir/socket"; fi
    as_postgres "$bin/initdb" -D "$dir/data" --auth=trust -E UTF8 --locale=C.UTF-8 -U postgres >"$dir/initdb.log"
    as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w start \
      -o "-p $port -k $dir/socket -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=500" >/dev/null
    for name in neig_test neig_cli neig_crash; do
      as_postgres "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -c "CREATE DATABASE $name" >/dev/null
    done
    echo "postgres://postgres@127.0.0.1:$port/neig_test?sslmode=disable"
    ;;
  stop)
    as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    ;;
  *) echo "usage: $0 start DIR [PORT] | stop DIR" >&2; exit 2 ;;
esac
