#!/usr/bin/env bash
# Runs the local demo: the platform sandbox and the service, with the settings in .env.
# Ctrl-C stops both. Usage: scripts/run-local.sh BIN_DIR
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BIN="$1"
cd "$ROOT"
set -a
# shellcheck disable=SC1091
source .env
set +a
export DATABASE_URL="${DATABASE_URL:-$(bash scripts/postgres.sh url)}"

"$BIN/social-service" migrate

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

SANDBOX_PORT="${SOCIAL_SANDBOX_URL##*:}"
"$BIN/social-sandbox" --host 127.0.0.1 --port "${SANDBOX_PORT:-8100}" &
pids+=($!)
"$BIN/social-service" serve &
pids+=($!)

cat <<MSG

  Rose Ash social      ${PUBLIC_BASE_URL}/   (sign in on the development login page)
  Platform sandbox     ${SOCIAL_SANDBOX_URL}/_sandbox/posts   (every post the emulated platforms received)

  Ctrl-C stops both; \`make db-stop\` stops the local PostgreSQL.

MSG
wait -n "${pids[@]}"
