#!/usr/bin/env bash
# Runs the local demo: PostgreSQL (unless DATABASE_URL is set), the platform sandbox with the demo
# content apps, and the service, with the settings in .env. Ctrl-C stops what it started.
# Usage: scripts/run-local.sh BIN_DIR
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BIN="$1"
cd "$ROOT"
# An .env from before the demo apps existed gets their secrets added.
for name in DEMO_BLOG_SECRET DEMO_EVENTS_SECRET DEMO_MARKET_SECRET; do
  grep -q "^$name=" .env || echo "$name=$(python3 -c 'import secrets; print(secrets.token_hex(32))')" >> .env
done
set -a
# shellcheck disable=SC1091
source .env
set +a
# Without DATABASE_URL the project-local PostgreSQL is used; if this run starts it, Ctrl-C stops it.
started_postgres=0
if [ -z "${DATABASE_URL:-}" ]; then
  if ! bash scripts/postgres.sh running; then
    bash scripts/postgres.sh start
    started_postgres=1
  fi
  export DATABASE_URL="$(bash scripts/postgres.sh url)"
fi

# Ports: those in .env, unless another program (another clone's `make run`, say) holds one of
# them; then the first free set 10, 20, … above them is used for this run.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
SERVICE_PORT="${SOCIAL_PORT:-8080}"
SANDBOX_PORT="${SOCIAL_SANDBOX_URL##*:}"
BLOG_PORT="${DEMO_BLOG_PORT:-8201}" EVENTS_PORT="${DEMO_EVENTS_PORT:-8202}" MARKET_PORT="${DEMO_MARKET_PORT:-8203}"
all_free() { for p in "$@"; do if port_in_use "$p"; then return 1; fi; done; }
if ! all_free "$SERVICE_PORT" "$SANDBOX_PORT" "$BLOG_PORT" "$EVENTS_PORT" "$MARKET_PORT"; then
  if [ "$PUBLIC_BASE_URL" != "http://127.0.0.1:$SERVICE_PORT" ] || [ "$SOCIAL_SANDBOX_URL" != "http://127.0.0.1:$SANDBOX_PORT" ]; then
    echo "make run: one of ports $SERVICE_PORT, $SANDBOX_PORT, $BLOG_PORT-$MARKET_PORT is in use; change SOCIAL_PORT, PUBLIC_BASE_URL and SOCIAL_SANDBOX_URL in .env" >&2
    exit 1
  fi
  moved=0
  for offset in $(seq 10 10 300); do
    if all_free $((SERVICE_PORT + offset)) $((SANDBOX_PORT + offset)) $((BLOG_PORT + offset)) $((EVENTS_PORT + offset)) $((MARKET_PORT + offset)); then
      echo "ports $SERVICE_PORT/$SANDBOX_PORT/$BLOG_PORT-$MARKET_PORT are in use (another make run?); this run uses ports $offset higher"
      SERVICE_PORT=$((SERVICE_PORT + offset)) SANDBOX_PORT=$((SANDBOX_PORT + offset))
      BLOG_PORT=$((BLOG_PORT + offset)) EVENTS_PORT=$((EVENTS_PORT + offset)) MARKET_PORT=$((MARKET_PORT + offset))
      moved=1
      break
    fi
  done
  [ "$moved" = 1 ] || { echo "make run: no free set of ports found near $SERVICE_PORT" >&2; exit 1; }
  export SOCIAL_PORT="$SERVICE_PORT" PUBLIC_BASE_URL="http://127.0.0.1:$SERVICE_PORT" SOCIAL_SANDBOX_URL="http://127.0.0.1:$SANDBOX_PORT"
fi
BLOG_URL="http://127.0.0.1:$BLOG_PORT" EVENTS_URL="http://127.0.0.1:$EVENTS_PORT" MARKET_URL="http://127.0.0.1:$MARKET_PORT"

"$BIN/social-service" migrate
# The demo content apps, registered with the secrets they sign with (re-running updates them).
"$BIN/social-service" app add blog --name "Demo blog" --origin "$BLOG_URL" --secret "$DEMO_BLOG_SECRET" >/dev/null
"$BIN/social-service" app add events --name "Demo events" --origin "$EVENTS_URL" --secret "$DEMO_EVENTS_SECRET" >/dev/null
"$BIN/social-service" app add market --name "Demo market" --origin "$MARKET_URL" --secret "$DEMO_MARKET_SECRET" >/dev/null

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ "$started_postgres" = 1 ]; then bash scripts/postgres.sh stop; fi
}
trap cleanup EXIT INT TERM

"$BIN/social-sandbox" --host 127.0.0.1 --port "$SANDBOX_PORT" --demo --service-url "$PUBLIC_BASE_URL" \
  --demo-host 127.0.0.1 --blog-port "$BLOG_PORT" --events-port "$EVENTS_PORT" --market-port "$MARKET_PORT" &
pids+=($!)
"$BIN/social-service" serve &
pids+=($!)

cat <<MSG

  Rose Ash social      ${PUBLIC_BASE_URL}/   (sign in on the development login page)
  Platform sandbox     ${SOCIAL_SANDBOX_URL}/_sandbox/posts   (every post the emulated platforms received)
  Demo blog            ${BLOG_URL}/   (its "Publish a new demo post" button sends a signed webhook)
  Demo events          ${EVENTS_URL}/
  Demo market          ${MARKET_URL}/

  Sign in: open the service, pick a demo person (Ada Lovelace) on the sign-in page.
  Ctrl-C stops everything this command started.

MSG
wait -n "${pids[@]}"
