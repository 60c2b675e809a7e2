#!/usr/bin/env bash
# Crash and scale drills (`make drills`, part of `make test`): kill -9 the service while it posts
# and while it works through publish webhooks, restart it, and run two `serve` processes on one
# database — then count what the platform sandbox received. See drills/README.md.
# Usage: drills/run.sh BIN_DIR   (BIN_DIR holds social-service and social-sandbox)
# Database server: DRILLS_ADMIN_URL, else TEST_DATABASE_URL, else this clone's PostgreSQL.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
BIN="$(cd "${1:-$ROOT/.build/debug}" && pwd)"
PYTHON="${DRILLS_PYTHON:-$ROOT/.venv/bin/python}"
WORK="$(mktemp -d /tmp/social-drills.XXXXXX)"

fail() { echo "drills: $*" >&2; exit 1; }
# shellcheck source=../scripts/lib/harness.sh
source "$ROOT/scripts/lib/harness.sh"
require_binaries "$BIN"
[ -x "$PYTHON" ] || fail "$PYTHON is missing (make creates .venv)"
"$PYTHON" -c 'import cryptography' 2>/dev/null || fail "$PYTHON lacks cryptography (scripts/requirements.txt)"

# Free ports picked by the kernel for the sandbox and the services (the drills start their own).
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
SANDBOX_PORT="$(free_port)"

sandbox_pid=""
cleanup() {
  local status=$?
  set +e
  [ -z "$sandbox_pid" ] || { kill -TERM "$sandbox_pid" 2>/dev/null; wait "$sandbox_pid" 2>/dev/null; }
  drop_throwaway_database
  if [ $status -ne 0 ]; then
    for log in "$WORK"/*.log; do echo "--- $(basename "$log") (tail)"; tail -n 30 "$log"; done
  fi
  rm -rf "$WORK"
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

throwaway_database social_drills "${DRILLS_ADMIN_URL:-${TEST_DATABASE_URL:-}}"
export DATABASE_URL
export SOCIAL_ENCRYPTION_KEY="$("$BIN/social-service" generate-key)"
export SOCIAL_SESSION_SECRET="$(secret)" SOCIAL_IDENTITY_SECRET="$(secret)"
export SOCIAL_DEV_LOGIN=1 SOCIAL_ALLOW_PRIVATE_HOSTS=1 SOCIAL_SANDBOX_URL="http://127.0.0.1:$SANDBOX_PORT"
# Short leases so a lost attempt or a dead worker's claim lapses within the drill.
export SOCIAL_SHARE_LEASE_SECONDS=4 SOCIAL_WORKER_LEASE_SECONDS=3
export LOG_LEVEL="${LOG_LEVEL:-info}"
export DRILLS_APP_SECRET="$(secret)" DRILLS_CLOSED_PORT="$(free_port)"

"$BIN/social-service" migrate --env-file /dev/null >"$WORK/migrate.log" 2>&1 || { cat "$WORK/migrate.log"; fail "migrate failed"; }
# The content app's pages are on a port nobody listens on: resolution uses what the event says.
"$BIN/social-service" app add drill --name "Drill app" --origin "http://127.0.0.1:$DRILLS_CLOSED_PORT" \
  --secret "$DRILLS_APP_SECRET" --env-file /dev/null >/dev/null

"$BIN/social-sandbox" --host 127.0.0.1 --port "$SANDBOX_PORT" >"$WORK/sandbox.log" 2>&1 &
sandbox_pid=$!

export DRILLS_BIN="$BIN" DRILLS_WORK="$WORK" DRILLS_PSQL="$PGBIN/psql"
"$PYTHON" drills/drills.py
