#!/usr/bin/env bash
# `make bench`: the service's hot paths measured side by side with references in one run
# (README.md, "Benchmarks"). Starts a release-built sandbox and service on a throwaway database, an
# nginx serving the same bytes, and runs bench/bench.py, then the Ingest extraction benchmark.
# Usage: bench/run.sh RELEASE_BIN_DIR INGEST_BENCH_BINARY
# Database server: BENCH_ADMIN_URL, else TEST_DATABASE_URL, else this clone's PostgreSQL.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
BIN="$(cd "$1" && pwd)"
INGEST_BENCH="$2"
PYTHON="${BENCH_PYTHON:-$ROOT/.venv/bin/python}"
WORK="$(mktemp -d /tmp/social-bench.XXXXXX)"

fail() { echo "bench: $*" >&2; exit 1; }
# shellcheck source=../scripts/lib/harness.sh
source "$ROOT/scripts/lib/harness.sh"
require_binaries "$BIN"
command -v wrk >/dev/null || fail "wrk is missing (make bench installs Debian's wrk)"
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
[ -x "$NGINX" ] || fail "nginx is missing (make bench installs Debian's nginx-light)"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

pids=()
cleanup() {
  local status=$?
  set +e
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
  [ ! -f "$WORK/nginx.pid" ] || kill -QUIT "$(cat "$WORK/nginx.pid")" 2>/dev/null
  drop_throwaway_database
  # BENCH_LOGS_TO keeps the service's, the sandbox's and nginx's logs (with LOG_LEVEL=debug, every
  # outbound call and its duration) for looking into a figure afterwards.
  if [ -n "${BENCH_LOGS_TO:-}" ]; then mkdir -p "$BENCH_LOGS_TO" && cp "$WORK"/*.log "$BENCH_LOGS_TO"/; fi
  if [ $status -ne 0 ]; then
    for log in "$WORK"/*.log; do echo "--- $(basename "$log") (tail)"; tail -n 20 "$log"; done
  fi
  rm -rf "$WORK"
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

throwaway_database social_bench "${BENCH_ADMIN_URL:-${TEST_DATABASE_URL:-}}"
export DATABASE_URL BENCH_ADMIN_URL="$ADMIN_URL"
SANDBOX_PORT="$(free_port)" SERVICE_PORT="$(free_port)" NGINX_PORT="$(free_port)"
export SOCIAL_ENCRYPTION_KEY="$("$BIN/social-service" generate-key)"
export SOCIAL_SESSION_SECRET="$(secret)" SOCIAL_IDENTITY_SECRET="$(secret)"
export SOCIAL_DEV_LOGIN=1 SOCIAL_ALLOW_PRIVATE_HOSTS=1 SOCIAL_SANDBOX_URL="http://127.0.0.1:$SANDBOX_PORT"
export SOCIAL_HOST=127.0.0.1 SOCIAL_PORT="$SERVICE_PORT" PUBLIC_BASE_URL="http://127.0.0.1:$SERVICE_PORT"
export LOG_LEVEL="${LOG_LEVEL:-warning}"
export BENCH_APP_SECRET="$(secret)" BENCH_NGINX_PORT="$NGINX_PORT" BENCH_WORK="$WORK"
export BENCH_PSQL="$PGBIN/psql"

"$BIN/social-service" migrate --env-file /dev/null >"$WORK/migrate.log" 2>&1 || { cat "$WORK/migrate.log"; fail "migrate failed"; }
# The bench's content app is the nginx below: every /posts/… page is one article page, so each
# publish event's resolution reads a real page.
"$BIN/social-service" app add bench --name "Bench app" --origin "http://127.0.0.1:$NGINX_PORT" \
  --secret "$BENCH_APP_SECRET" --env-file /dev/null >/dev/null
"$BIN/social-sandbox" --host 127.0.0.1 --port "$SANDBOX_PORT" >"$WORK/sandbox.log" 2>&1 &
pids+=($!)
"$BIN/social-service" serve --env-file /dev/null >"$WORK/service.log" 2>&1 &
pids+=($!)

# nginx serves the reference copies bench.py writes into $WORK/www.
mkdir -p "$WORK/www" "$WORK/nginx"
chmod 755 "$WORK" "$WORK/www"
cat >"$WORK/nginx.conf" <<CONF
worker_processes auto;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  keepalive_requests 100000;
  client_body_temp_path $WORK/nginx/body;
  proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi;
  scgi_temp_path $WORK/nginx/scgi;
  types { text/html html; text/javascript js; text/css css; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/www;
    location /posts/ { default_type text/html; try_files /page.html =404; }
  }
}
CONF
cat >"$WORK/www/page.html" <<'PAGE'
<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bench post | Bench Blog</title>
<meta name="description" content="A page of the bench's content app.">
<meta property="og:title" content="Bench post"><meta property="og:type" content="article">
<meta property="og:site_name" content="Bench Blog"><meta name="author" content="Ada Lovelace">
<meta property="article:published_time" content="2026-11-26T10:00:00Z">
</head><body><article><h1>Bench post</h1><p>Wood ash glazes and reduction firing.</p></article></body></html>
PAGE
"$NGINX" -c "$WORK/nginx.conf" -p "$WORK" || fail "nginx did not start"

# BENCH_SECTIONS (README "Benchmarks") picks sections by name; unset, every one runs.
wants() { [ -z "${BENCH_SECTIONS:-}" ] || [[ " $BENCH_SECTIONS " == *" $1 "* ]]; }
"$PYTHON" bench/bench.py
wants extraction || exit 0
echo
echo "== metadata extraction vs libxml2's parse alone (same bytes, best of several passes)"
"$INGEST_BENCH" Fixtures/ingest/html
