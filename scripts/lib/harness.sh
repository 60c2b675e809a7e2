# Shared by the harnesses that run real processes (acceptance/run.sh, drills/run.sh); sourced.
# Needs ROOT (the clone) and a fail() that prints and exits.

PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"

# require_binaries BIN_DIR: both executables were built.
require_binaries() {
  local exe
  for exe in social-service social-sandbox; do
    [ -x "$1/$exe" ] || fail "$1/$exe is missing (run make build-tests first)"
  done
  [ -n "$PGBIN" ] || fail "PostgreSQL is not installed"
}

# throwaway_database PREFIX ADMIN_URL: sets ADMIN_URL, DB_NAME and DATABASE_URL for a new
# database PREFIX_<time>_<pid> on that server (this clone's own PostgreSQL when ADMIN_URL is
# empty) and creates it. drop_throwaway_database removes it.
throwaway_database() {
  ADMIN_URL="$2"
  if [ -z "$ADMIN_URL" ]; then
    bash "$ROOT/scripts/postgres.sh" start >/dev/null
    ADMIN_URL="$(bash "$ROOT/scripts/postgres.sh" admin-url)"
  fi
  DB_NAME="$1_$(date +%s)_$$"
  local base="${ADMIN_URL%%\?*}" query=""
  [ "$base" = "$ADMIN_URL" ] || query="?${ADMIN_URL#*\?}"
  DATABASE_URL="${base%/*}/$DB_NAME$query"
  "$PGBIN/psql" -q "$ADMIN_URL" -c "CREATE DATABASE \"$DB_NAME\"" >/dev/null
}

drop_throwaway_database() {
  [ -n "${DB_NAME:-}" ] || return 0
  "$PGBIN/psql" -q "$ADMIN_URL" -c "DROP DATABASE IF EXISTS \"$DB_NAME\" WITH (FORCE)" >/dev/null 2>&1 \
    || echo "could not drop database $DB_NAME" >&2
}

# A random 64-character hex secret.
secret() { python3 -c 'import secrets; print(secrets.token_hex(32))'; }
