#!/usr/bin/env bash
# Starts or stops a throw-away PostgreSQL server for the test suite, on 127.0.0.1 only.
# Usage: scripts/pg.sh start|stop|url      (PGPORT defaults to 54329, data in var/pgtest)
set -euo pipefail
cd "$(dirname "$0")/.."
port=${PGPORT:-54329}
dir=${PGDATA_DIR:-$PWD/var/pgtest}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
      echo "error: PostgreSQL server binaries not found (scripts/system-deps.sh test installs them)" >&2
      exit 1
    fi
    if [ -f "$dir/postmaster.pid" ] && as_postgres "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
      echo "==> PostgreSQL already running on 127.0.0.1:$port"
      exit 0
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    as_postgres "$bin/initdb" -D "$dir" --auth=trust -E UTF8 --locale=C.UTF-8 -U postgres >/dev/null
    # Durability is off: this server holds only test data that is thrown away.
    as_postgres "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -o \
      "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null
    echo "==> PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
    ;;
  stop)
    if [ -n "$bin" ] && [ -f "$dir/postmaster.pid" ]; then
      as_postgres "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null || true
    fi
    rm -rf "$dir"
    ;;
  url)
    echo "postgres://postgres@127.0.0.1:$port/stegvis"
    ;;
  *)
    echo "usage: $0 start|stop|url" >&2
    exit 2
    ;;
esac
