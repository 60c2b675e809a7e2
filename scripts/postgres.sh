#!/usr/bin/env bash
# The project-local PostgreSQL cluster of this clone, on 127.0.0.1.
#   scripts/postgres.sh start      initialise if needed, start if stopped, create the `social` database
#   scripts/postgres.sh stop       stop it
#   scripts/postgres.sh running    exit 0 when it runs
#   scripts/postgres.sh url        the DATABASE_URL of the `social` database
#   scripts/postgres.sh admin-url  the URL of the `postgres` database (tests create databases from it)
#   scripts/postgres.sh where      the data folder and port
#   scripts/postgres.sh clean      stop it and delete its data (`make clean-db`)
#
# Where the data lives: `var/postgres` inside the clone. PostgreSQL refuses to run as root, so as
# root the cluster belongs to the `postgres` user; when that user cannot reach the clone (a clone
# under root's 0700 home, or under a `mktemp -d` folder), the data lives in
# ~postgres/social-clusters/<clone name>-<hash of the clone's path> instead, reused by later runs.
#
# Port: PG_PORT when set (refused with a message when something else holds it); otherwise the port
# remembered for this clone in var/postgres.port, else 54329; when that one is taken by another
# program, the next free port is used and remembered, so clones can run side by side.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
STATE="$ROOT/var"
PORT_FILE="$STATE/postgres.port"
DEFAULT_PORT=54329
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
IS_ROOT=0
[ "$(id -u)" = 0 ] && IS_ROOT=1

die() { echo "postgres.sh: $*" >&2; exit 1; }
require_server() { [ -n "$BIN" ] || die "PostgreSQL is not installed (apt-get install -y postgresql, or run make deps)"; }

as_owner() {
  # From / so that the `postgres` user is not left in a folder it cannot enter.
  if [ "$IS_ROOT" = 1 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

# The folder outside the clone used when the `postgres` user cannot reach the clone.
outside_dir() {
  local home name hash
  home="$(getent passwd postgres | cut -d: -f6)"
  [ -n "$home" ] || home=/var/lib/postgresql
  name="$(basename "$ROOT" | tr -c 'A-Za-z0-9._\n-' '_' | cut -c1-40)"
  hash="$(printf '%s' "$ROOT" | sha256sum | cut -c1-10)"
  echo "$home/social-clusters/$name-$hash"
}

# The cluster's folder (data in DIR/data, log in DIR/server.log): an existing cluster wins, else
# the clone when its owner can write there, else the folder outside the clone.
cluster_dir() {
  local inside="$STATE/postgres" outside
  if [ "$IS_ROOT" = 0 ] || [ -f "$inside/data/PG_VERSION" ]; then echo "$inside"; return; fi
  outside="$(outside_dir)"
  if [ -f "$outside/data/PG_VERSION" ]; then echo "$outside"; return; fi
  if [ "${1:-}" = create ]; then
    mkdir -p "$inside"
    chown postgres:postgres "$inside"
    if as_owner test -w "$inside" 2>/dev/null; then echo "$inside"; return; fi
    rmdir "$inside" 2>/dev/null || true
    as_owner mkdir -p "$outside"
    echo "$outside"
    return
  fi
  # Nothing initialised yet: report where `start` would put it.
  if as_owner test -x "$ROOT" 2>/dev/null; then echo "$inside"; else echo "$outside"; fi
}

# The port of the running server of this cluster (from postmaster.pid), or nothing.
running_port() {
  local dir="$1"
  [ -f "$dir/data/PG_VERSION" ] || return 0
  as_owner "$BIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1 || return 0
  sed -n 4p "$dir/data/postmaster.pid" 2>/dev/null | tr -dc '0-9'
}

# A port is taken when something accepts on it, or when a live socket already uses it as its
# local port: an outgoing connection's ephemeral port (54329 lies in Linux's default ephemeral
# range) also makes PostgreSQL's bind fail, though nothing listens there.
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
  # TIME-WAIT leftovers of a server just stopped do not count: PostgreSQL binds past them.
  [ -n "$(ss -Htan "sport = :$1" 2>/dev/null | grep -v '^TIME-WAIT' | head -n 1)" ]
}

# Who listens on a port, when `ss` can tell (root sees every process).
port_holder() {
  local who
  who="$(ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'users:(("[^"]*",pid=[0-9]*' | head -n 1 | sed 's/users:(("\([^"]*\)",pid=\([0-9]*\)/\1 (pid \2)/')" || true
  echo "${who:-another program}"
}

valid_port() { [[ "$1" =~ ^[0-9]+$ ]] && [ "$1" -ge 1024 ] && [ "$1" -le 65535 ]; }

remembered_port() {
  local p=""
  [ -f "$PORT_FILE" ] && p="$(tr -dc '0-9' < "$PORT_FILE")"
  if [ -n "$p" ] && valid_port "$p"; then echo "$p"; else echo "$DEFAULT_PORT"; fi
}

# The port clients should use: the running server's, else PG_PORT, else the remembered one.
current_port() {
  local dir port
  dir="$(cluster_dir)"
  port="$(running_port "$dir")"
  if [ -n "$port" ]; then echo "$port"; elif [ -n "${PG_PORT:-}" ]; then echo "$PG_PORT"; else remembered_port; fi
}

# Picks the port for a server about to start, or stops with a message naming the holder.
choose_port() {
  local want p
  if [ -n "${PG_PORT:-}" ]; then
    valid_port "$PG_PORT" || die "PG_PORT must be a port number from 1024 to 65535, not '$PG_PORT'"
    if port_in_use "$PG_PORT"; then
      die "port $PG_PORT (PG_PORT) is already in use by $(port_holder "$PG_PORT"); choose another PG_PORT, or unset it to let this clone pick a free port"
    fi
    echo "$PG_PORT"; return
  fi
  want="$(remembered_port)"
  p="$want"
  while port_in_use "$p"; do
    p=$((p + 1))
    [ "$p" -le $((want + 100)) ] || die "ports $want to $((want + 100)) are all in use; set PG_PORT to a free port"
  done
  if [ "$p" != "$want" ]; then
    echo "port $want is in use by $(port_holder "$want"); this clone's PostgreSQL uses port $p (remembered in var/postgres.port; PG_PORT overrides)" >&2
  fi
  mkdir -p "$STATE"
  echo "$p" > "$PORT_FILE"
  echo "$p"
}

start() {
  require_server
  local dir data port socket_dir
  dir="$(cluster_dir create)"
  data="$dir/data"
  if [ ! -f "$data/PG_VERSION" ]; then
    as_owner mkdir -p "$dir"
    as_owner "$BIN/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  fi
  port="$(running_port "$dir")"
  if [ -z "$port" ]; then
    # Unix socket paths are limited to about 100 bytes; a deep folder falls back to /tmp.
    socket_dir="$dir"
    [ ${#dir} -le 80 ] || socket_dir=/tmp
    local attempt=1
    while :; do
      port="$(choose_port)"
      # pg_stat_statements lets `make bench` count the queries one request makes.
      if as_owner "$BIN/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories='$socket_dir' -c max_connections=200 -c fsync=off -c shared_preload_libraries=pg_stat_statements" \
        start >/dev/null; then
        break
      fi
      # Another program may take the port between the check and PostgreSQL's bind; without
      # PG_PORT the next free port is tried (a few times), otherwise the log says why.
      if [ -z "${PG_PORT:-}" ] && [ "$attempt" -lt 5 ] && tail -5 "$dir/server.log" 2>/dev/null | grep -q "could not bind\|could not create any TCP/IP sockets"; then
        echo "port $port was taken while PostgreSQL started; trying the next free one" >&2
        mkdir -p "$STATE"
        echo $((port + 1)) > "$PORT_FILE"
        attempt=$((attempt + 1))
        continue
      fi
      echo "PostgreSQL did not start; its log ($dir/server.log) ends:" >&2
      tail -20 "$dir/server.log" >&2
      exit 1
    done
  elif [ -n "${PG_PORT:-}" ] && [ "$PG_PORT" != "$port" ]; then
    echo "this clone's PostgreSQL already runs on port $port (PG_PORT=$PG_PORT applies after make db-stop)" >&2
  fi
  echo "PostgreSQL for this clone: data in $data, port $port"
  if ! "$BIN/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='social'" | grep -q 1; then
    "$BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres social
  fi
}

stop() {
  [ -n "$BIN" ] || return 0
  local dir
  dir="$(cluster_dir)"
  if [ -f "$dir/data/PG_VERSION" ]; then as_owner "$BIN/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true; fi
}

clean() {
  stop
  local dir
  local dirs=("$STATE/postgres")
  [ "$IS_ROOT" = 0 ] || dirs+=("$(outside_dir)")
  for dir in "${dirs[@]}"; do
    if [ -d "$dir" ]; then rm -rf "$dir"; echo "removed $dir"; fi
  done
  rm -f "$PORT_FILE"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  running) require_server; [ -n "$(running_port "$(cluster_dir)")" ] ;;
  url) echo "postgres://postgres@127.0.0.1:$(current_port)/social" ;;
  admin-url) echo "postgres://postgres@127.0.0.1:$(current_port)/postgres" ;;
  where) echo "data: $(cluster_dir)/data  port: $(current_port)" ;;
  clean) clean ;;
  *) echo "usage: $0 start|stop|running|url|admin-url|where|clean" >&2; exit 2 ;;
esac
