#!/usr/bin/env bash
# A project-local PostgreSQL cluster under var/postgres (git-ignored), on 127.0.0.1:$PG_PORT.
#   scripts/postgres.sh start   initialise if needed, start if stopped, create the `social` database
#   scripts/postgres.sh stop    stop it
#   scripts/postgres.sh url     print the DATABASE_URL of the `social` database
# PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` user.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIR="$ROOT/var/postgres"
DATA="$DIR/data"
PORT="${PG_PORT:-54329}"
# Unix socket paths are limited to about 100 bytes; a deep checkout falls back to /tmp.
SOCKET_DIR="$DIR"
[ ${#DIR} -le 80 ] || SOCKET_DIR=/tmp
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[ -n "$BIN" ] || { echo "PostgreSQL is not installed (apt-get install -y postgresql)" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
  mkdir -p "$DIR"
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$DIR"; fi
  if [ ! -f "$DATA/PG_VERSION" ]; then
    echo "initialising a local PostgreSQL cluster in var/postgres"
    as_owner "$BIN/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if ! as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    as_owner "$BIN/pg_ctl" -D "$DATA" -l "$DIR/server.log" -w -t 60 \
      -o "-p $PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories='$SOCKET_DIR' -c max_connections=200 -c fsync=off" \
      start >/dev/null || { echo "PostgreSQL did not start; see var/postgres/server.log" >&2; tail -20 "$DIR/server.log" >&2; exit 1; }
  fi
  if ! "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='social'" | grep -q 1; then
    "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres social
  fi
}

case "${1:-}" in
  start) start ;;
  stop) [ -f "$DATA/PG_VERSION" ] && as_owner "$BIN/pg_ctl" -D "$DATA" -m fast stop || true ;;
  running) [ -f "$DATA/PG_VERSION" ] && as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1 ;;
  url) echo "postgres://postgres@127.0.0.1:$PORT/social" ;;
  admin-url) echo "postgres://postgres@127.0.0.1:$PORT/postgres" ;;
  *) echo "usage: $0 start|stop|running|url|admin-url" >&2; exit 2 ;;
esac
