#!/usr/bin/env bash
# A test of the set-up itself (`make setup-check`, part of `make test`): clones this repository
# into two private (0700) folders, as a newcomer's home directory would be, and checks that
#   1. `make db` in the first clone starts a PostgreSQL that answers;
#   2. `make db` in the second clone, while the first one's runs, starts its own on another port;
#   3. PG_PORT naming a port that is taken stops with a message naming the port and PG_PORT;
#   4. `make clean-db` removes what each clone made.
# The working tree's Makefile and scripts are copied over each clone, so uncommitted changes to
# them are what is checked.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PSQL="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)/psql"
BASE="$(mktemp -d /tmp/social-setup-check.XXXXXX)"
chmod 700 "$BASE"
CLONES=()

fail() { echo "setup-check: FAILED: $*" >&2; exit 1; }
in_clone() { # in_clone DIR COMMAND...: runs as a newcomer would, without this run's settings
  local dir="$1"; shift
  (cd "$dir" && env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS -u DATABASE_URL -u TEST_DATABASE_URL -u PG_PORT "$@")
}
cleanup() {
  local status=$?
  set +e
  for clone in "${CLONES[@]}"; do in_clone "$clone" make --no-print-directory clean-db >/dev/null 2>&1; done
  rm -rf "$BASE"
  exit $status
}
trap cleanup EXIT

new_clone() { # new_clone NAME: prints the path of a fresh clone under its own private folder
  local home="$BASE/$1"
  mkdir -m 700 "$home"
  git clone -q "$ROOT" "$home/social"
  cp "$ROOT/Makefile" "$home/social/Makefile"
  cp "$ROOT"/scripts/*.sh "$home/social/scripts/"
  echo "$home/social"
}

answers() { # answers CLONE: the database of that clone answers a query
  local url
  url="$(in_clone "$1" bash scripts/postgres.sh url)"
  [ "$("$PSQL" "$url" -tAc 'SELECT 1' 2>/dev/null)" = 1 ]
}

port_of() { in_clone "$1" bash scripts/postgres.sh url | sed 's/.*:\([0-9]*\)\/social$/\1/'; }

FIRST="$(new_clone first)"; CLONES+=("$FIRST")
out="$(in_clone "$FIRST" make --no-print-directory db 2>&1)" || fail "make db in a clone under a 0700 folder: $out"
grep -q "PostgreSQL for this clone: data in" <<<"$out" || fail "make db did not say where the data lives: $out"
answers "$FIRST" || fail "the first clone's database does not answer"
if [ "$(id -u)" = 0 ]; then
  # As root the cluster runs as `postgres`, who cannot enter a 0700 folder of root's.
  grep -q "data in $FIRST" <<<"$out" && fail "the data was put inside a clone the postgres user cannot reach: $out"
fi
echo "setup-check: clone under a private folder: database answers ($(grep -o 'data in .*' <<<"$out"))"

SECOND="$(new_clone second)"; CLONES+=("$SECOND")
out="$(in_clone "$SECOND" make --no-print-directory db 2>&1)" || fail "make db in a second clone while the first runs: $out"
answers "$SECOND" || fail "the second clone's database does not answer"
answers "$FIRST" || fail "the first clone's database stopped answering"
[ "$(port_of "$FIRST")" != "$(port_of "$SECOND")" ] || fail "both clones report the same port"
echo "setup-check: second clone beside the first: database answers on port $(port_of "$SECOND") (first: $(port_of "$FIRST"))"

# The second clone asked for the first one's port by name: a clear refusal.
taken="$(port_of "$FIRST")"
in_clone "$SECOND" make --no-print-directory db-stop >/dev/null 2>&1
if out="$(cd "$SECOND" && env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS -u DATABASE_URL PG_PORT="$taken" make --no-print-directory db 2>&1)"; then
  fail "PG_PORT=$taken (taken) was accepted: $out"
fi
grep -q "port $taken" <<<"$out" && grep -q "PG_PORT" <<<"$out" || fail "the refusal does not name the port and PG_PORT: $out"
echo "setup-check: a taken PG_PORT is refused by name"
in_clone "$SECOND" make --no-print-directory db >/dev/null 2>&1 || fail "the second clone did not start again on its remembered port"
answers "$SECOND" || fail "the second clone's database does not answer after a restart"

for clone in "$FIRST" "$SECOND"; do
  data="$(in_clone "$clone" bash scripts/postgres.sh where | sed 's/^data: \(.*\)\/data .*/\1/')"
  in_clone "$clone" make --no-print-directory clean-db >/dev/null 2>&1 || fail "make clean-db failed in $clone"
  [ ! -e "$data" ] || fail "make clean-db left $data"
done
echo "setup-check: make clean-db removed both clusters"
echo "setup-check: passed"
