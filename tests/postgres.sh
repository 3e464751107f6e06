#!/usr/bin/env bash
# A private PostgreSQL cluster for the tests, on a free loopback port, removed afterwards.
#   tests/postgres.sh start <dir>   initialises and starts a cluster in <dir>; prints the connection string
#   tests/postgres.sh stop <dir>    stops it and removes <dir>
# POSTGRES_DURABLE=1 keeps PostgreSQL's defaults (fsync and full-page writes on), for benchmarks whose acknowledgements
# must mean "on disk"; without it the cluster runs with both off.
# initdb and postgres refuse to run as root, so as root they run as the postgres user (runuser).
set -euo pipefail

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bin" ]; then
  echo "PostgreSQL is not installed (apt-get install postgresql)" >&2
  exit 1
fi

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    dir=${2:?a directory for the cluster}
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust --no-sync -E UTF8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    # Tests need no crash safety from their cluster; fsync off keeps the many small databases quick.
    durability="-c fsync=off -c full_page_writes=off"
    if [ "${POSTGRES_DURABLE:-0}" = 1 ]; then durability="-c fsync=on -c full_page_writes=on -c synchronous_commit=on"; fi
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
      -o "-h 127.0.0.1 -p $port -k $dir $durability -c max_connections=300" >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
    ;;
  stop)
    dir=${2:?the directory of the cluster}
    if [ -d "$dir/data" ]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop <dir>" >&2
    exit 2
    ;;
esac
