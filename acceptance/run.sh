#!/usr/bin/env bash
# Browser acceptance suite: starts a throwaway database, the service, the platform sandbox and
# the demo apps on ports of their own, runs pytest + Playwright (Debian's Chromium), stops it all.
# Usage: acceptance/run.sh BIN_DIR   (BIN_DIR holds social-service and social-sandbox)
# Ports: 18080 (service), 18100 (sandbox), 18201-18203 (demo apps), or the next free set.
# Database server: ACCEPTANCE_ADMIN_URL, else TEST_DATABASE_URL, else the project-local cluster
# (scripts/postgres.sh; PG_PORT moves it). A database social_acceptance_* is created and dropped.
# Extra pytest arguments: ACCEPTANCE_PYTEST_ARGS="-x -k keyboard". Screenshots: artifacts/.
# Never reads .env; never uses ports 8080/8100/8201-8203 or the `social` database.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
BIN="$(cd "${1:-$ROOT/.build/debug}" && pwd)"
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# Ports: ACCEPTANCE_*_PORT when set; otherwise 18080, 18100, 18201-18203, or the first free set
# 10, 20, … above them, so a second clone can run the suite at the same time.
if [ -n "${ACCEPTANCE_SERVICE_PORT:-}${ACCEPTANCE_SANDBOX_PORT:-}${ACCEPTANCE_BLOG_PORT:-}${ACCEPTANCE_EVENTS_PORT:-}${ACCEPTANCE_MARKET_PORT:-}" ]; then
  SERVICE_PORT="${ACCEPTANCE_SERVICE_PORT:-18080}"
  SANDBOX_PORT="${ACCEPTANCE_SANDBOX_PORT:-18100}"
  BLOG_PORT="${ACCEPTANCE_BLOG_PORT:-18201}"
  EVENTS_PORT="${ACCEPTANCE_EVENTS_PORT:-18202}"
  MARKET_PORT="${ACCEPTANCE_MARKET_PORT:-18203}"
else
  for offset in $(seq 0 10 500); do
    SERVICE_PORT=$((18080 + offset)) SANDBOX_PORT=$((18100 + offset))
    BLOG_PORT=$((18201 + offset)) EVENTS_PORT=$((18202 + offset)) MARKET_PORT=$((18203 + offset))
    busy=0
    for port in "$SERVICE_PORT" "$SANDBOX_PORT" "$BLOG_PORT" "$EVENTS_PORT" "$MARKET_PORT"; do
      if port_in_use "$port"; then busy=1; break; fi
    done
    [ "$busy" = 1 ] || break
  done
fi
VENV="$ROOT/.venv-acceptance"
ARTIFACTS="$ROOT/artifacts"
WORK="$(mktemp -d /tmp/social-acceptance.XXXXXX)"

fail() { echo "acceptance: $*" >&2; exit 1; }
# shellcheck source=../scripts/lib/harness.sh
source "$ROOT/scripts/lib/harness.sh"
require_binaries "$BIN"
CHROMIUM="$(command -v chromium || true)"
[ -n "$CHROMIUM" ] || fail "Debian's chromium is not installed (apt-get install -y chromium); the browser suite cannot run"
for port in "$SERVICE_PORT" "$SANDBOX_PORT" "$BLOG_PORT" "$EVENTS_PORT" "$MARKET_PORT"; do
  if port_in_use "$port"; then fail "port $port is already in use (the ACCEPTANCE_*_PORT variables move the suite)"; fi
done

# Python tooling in its own virtualenv, rebuilt when the requirements change.
REQ="scripts/acceptance-requirements.txt"
STAMP="$VENV/.ok-$(sha256sum "$REQ" | cut -c1-16)"
if [ ! -f "$STAMP" ]; then
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check -r "$REQ"
  touch "$STAMP"
fi

pids=()
cleanup() {
  local status=$?
  set +e
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  drop_throwaway_database
  if [ $status -ne 0 ]; then
    echo "--- service log (tail)"; tail -n 40 "$WORK/service.log" 2>/dev/null
    echo "--- sandbox log (tail)"; tail -n 40 "$WORK/sandbox.log" 2>/dev/null
    mkdir -p "$ARTIFACTS"; cp "$WORK"/*.log "$ARTIFACTS/" 2>/dev/null
  fi
  rm -rf "$WORK"
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A throwaway database on the server ACCEPTANCE_ADMIN_URL or TEST_DATABASE_URL names, else on
# this clone's PostgreSQL.
throwaway_database social_acceptance "${ACCEPTANCE_ADMIN_URL:-${TEST_DATABASE_URL:-}}"
export DATABASE_URL
export PUBLIC_BASE_URL="http://127.0.0.1:$SERVICE_PORT"
export SOCIAL_HOST=127.0.0.1 SOCIAL_PORT="$SERVICE_PORT"
export SOCIAL_ENCRYPTION_KEY="$("$BIN/social-service" generate-key)"
export SOCIAL_SESSION_SECRET="$(secret)" SOCIAL_IDENTITY_SECRET="$(secret)"
export SOCIAL_DEV_LOGIN=1 SOCIAL_ALLOW_PRIVATE_HOSTS=1 SOCIAL_SANDBOX_URL="http://127.0.0.1:$SANDBOX_PORT" SOCIAL_OPERATORS=demo-ada
export SOCIAL_FACEBOOK_APP_ID=1000000000000042 SOCIAL_FACEBOOK_APP_SECRET="$(secret)"
export SOCIAL_THREADS_APP_ID=2000000000000042 SOCIAL_THREADS_APP_SECRET="$(secret)"
export SOCIAL_TWITTER_CLIENT_ID="acceptance-x-$$" SOCIAL_TWITTER_CLIENT_SECRET="$(secret)"
export SOCIAL_LINKEDIN_CLIENT_ID="acceptance-li-$$" SOCIAL_LINKEDIN_CLIENT_SECRET="$(secret)"
export DEMO_BLOG_SECRET="$(secret)" DEMO_EVENTS_SECRET="$(secret)" DEMO_MARKET_SECRET="$(secret)" DEMO_AUTHOR=demo-ada
export LOG_LEVEL="${LOG_LEVEL:-info}"
SVC=("$BIN/social-service")

"${SVC[@]}" migrate --env-file /dev/null >"$WORK/migrate.log" 2>&1 || { cat "$WORK/migrate.log"; fail "migrate failed"; }
"${SVC[@]}" app add blog --name "Demo blog" --origin "http://127.0.0.1:$BLOG_PORT" --secret "$DEMO_BLOG_SECRET" --env-file /dev/null >/dev/null
"${SVC[@]}" app add events --name "Demo events" --origin "http://127.0.0.1:$EVENTS_PORT" --secret "$DEMO_EVENTS_SECRET" --env-file /dev/null >/dev/null
"${SVC[@]}" app add market --name "Demo market" --origin "http://127.0.0.1:$MARKET_PORT" --secret "$DEMO_MARKET_SECRET" --env-file /dev/null >/dev/null

"$BIN/social-sandbox" --host 127.0.0.1 --port "$SANDBOX_PORT" --demo --service-url "$PUBLIC_BASE_URL" \
  --demo-host 127.0.0.1 --blog-port "$BLOG_PORT" --events-port "$EVENTS_PORT" --market-port "$MARKET_PORT" \
  >"$WORK/sandbox.log" 2>&1 &
pids+=($!)
"${SVC[@]}" serve --env-file /dev/null >"$WORK/service.log" 2>&1 &
pids+=($!)

# Bounded wait (30 s) for every server.
wait_for() {
  local url="$1"
  for _ in $(seq 150); do
    if python3 - "$url" <<'PY' 2>/dev/null; then return 0; fi
import sys, urllib.request
urllib.request.urlopen(sys.argv[1], timeout=1).read()
PY
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || fail "a server exited early (waiting for $url)"; done
    sleep 0.2
  done
  fail "$url did not answer within 30 s"
}
wait_for "$PUBLIC_BASE_URL/healthz"
wait_for "http://127.0.0.1:$SANDBOX_PORT/_sandbox/accounts"
wait_for "http://127.0.0.1:$BLOG_PORT/"
wait_for "http://127.0.0.1:$EVENTS_PORT/"
wait_for "http://127.0.0.1:$MARKET_PORT/"

# The operator's check of this deployment: every configured platform's credentials accepted by
# the sandbox, no retired API version, the database answering (exit 1 on anything critical).
"${SVC[@]}" doctor --env-file /dev/null >"$WORK/doctor.log" 2>&1 || { cat "$WORK/doctor.log"; fail "social-service doctor found a critical problem"; }
echo "acceptance: social-service doctor: $(tail -n 1 "$WORK/doctor.log")"

rm -rf "$ARTIFACTS"; mkdir -p "$ARTIFACTS"
export PYTHONDONTWRITEBYTECODE=1
export ACCEPTANCE_CHROMIUM="$CHROMIUM" ACCEPTANCE_ARTIFACTS="$ARTIFACTS" ACCEPTANCE_PSQL="$PGBIN/psql"
export ACCEPTANCE_BLOG="http://127.0.0.1:$BLOG_PORT" ACCEPTANCE_EVENTS="http://127.0.0.1:$EVENTS_PORT"
export ACCEPTANCE_MARKET="http://127.0.0.1:$MARKET_PORT" ACCEPTANCE_SANDBOX="$SOCIAL_SANDBOX_URL"
start=$SECONDS
"$VENV/bin/python" -m pytest acceptance -q -p no:cacheprovider ${ACCEPTANCE_PYTEST_ARGS:-}
echo "acceptance: browser suite passed in $((SECONDS - start)) s"
