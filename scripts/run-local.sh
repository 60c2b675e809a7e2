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

"$BIN/social-service" migrate
# The demo content apps, registered with the secrets they sign with (re-running updates them).
"$BIN/social-service" app add blog --name "Demo blog" --origin http://127.0.0.1:8201 --secret "$DEMO_BLOG_SECRET" >/dev/null
"$BIN/social-service" app add events --name "Demo events" --origin http://127.0.0.1:8202 --secret "$DEMO_EVENTS_SECRET" >/dev/null
"$BIN/social-service" app add market --name "Demo market" --origin http://127.0.0.1:8203 --secret "$DEMO_MARKET_SECRET" >/dev/null

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ "$started_postgres" = 1 ]; then bash scripts/postgres.sh stop; fi
}
trap cleanup EXIT INT TERM

SANDBOX_PORT="${SOCIAL_SANDBOX_URL##*:}"
"$BIN/social-sandbox" --host 127.0.0.1 --port "${SANDBOX_PORT:-8100}" --demo --service-url "$PUBLIC_BASE_URL" \
  --demo-host 127.0.0.1 --blog-port 8201 --events-port 8202 --market-port 8203 &
pids+=($!)
"$BIN/social-service" serve &
pids+=($!)

cat <<MSG

  Rose Ash social      ${PUBLIC_BASE_URL}/   (sign in on the development login page)
  Platform sandbox     ${SOCIAL_SANDBOX_URL}/_sandbox/posts   (every post the emulated platforms received)
  Demo blog            http://127.0.0.1:8201/   (its "Publish a new demo post" button sends a signed webhook)
  Demo events          http://127.0.0.1:8202/
  Demo market          http://127.0.0.1:8203/

  Sign in: open the service, pick a demo person (Ada Lovelace) on the sign-in page.
  Ctrl-C stops everything this command started.

MSG
wait -n "${pids[@]}"
