#!/usr/bin/env bash
# Runs each libFuzzer target for a bounded time: Fuzz/run.sh BIN_DIR SECONDS TARGET...
# The corpus of each target starts from the matching files in Fixtures/ and grows in
# .build-fuzz/corpus/TARGET; crashing inputs are kept in .build-fuzz/crashes/.
# Before fuzzing, the hostile seeds Fuzz/seeds.py generates (up to 7 MB) are replayed in full
# under the same limits: libFuzzer cuts corpus files to -max_len, which would hide their cost.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$1 seconds=$2
shift 2
work=.build-fuzz
# AddressSanitizer keeps 256 MB of freed memory in quarantine by default, which alone would
# trip the 256 MB RSS limit; a smaller quarantine still catches use-after-free soon after.
export ASAN_OPTIONS=${ASAN_OPTIONS:-quarantine_size_mb=16}
mkdir -p "$work/crashes"
limits=(-timeout=2 -rss_limit_mb=256)
python3 Fuzz/seeds.py "$work/seeds"
status=0
for target in "$@"; do
  corpus="$work/corpus/$target"
  mkdir -p "$corpus"
  case $target in
    FuzzHTML) cp -n Fixtures/ingest/html/* "$corpus"/ || true ;;
    FuzzFeed) cp -n Fixtures/ingest/feeds/* "$corpus"/ || true ;;
    FuzzJSONLD) python3 - "$corpus" Fixtures/ingest/html/*.html <<'PY'
import pathlib, re, sys
blocks = (m.group(1) for f in sys.argv[2:] for m in re.finditer(
    r'<script type="application/ld\+json">(.*?)</script>', pathlib.Path(f).read_text(errors="replace"), re.S))
for n, block in enumerate(blocks):
    pathlib.Path(sys.argv[1], f"fixture-{n}.json").write_text(block)
PY
    ;;
    FuzzDate) printf '%s\n' '2024-05-01T10:00:00.250+01:00' 'Mon, 01 Jan 2024 00:00:00 GMT' '1 Jan 1000000 00:00:00 GMT' \
                '2024-05-01' 'Wed, 1 May 24 10:00 EST' | split -l 1 - "$corpus/seed-" ;;
  esac
  if [ -d "$work/seeds/$target" ]; then
    cp -n "$work/seeds/$target"/* "$corpus"/ || true
    echo "== $target: replaying $(ls "$work/seeds/$target" | wc -l) hostile seeds in full (${limits[*]})"
    if ! "$bin/$target" "${limits[@]}" -artifact_prefix="$work/crashes/$target-seed-" "$work/seeds/$target"/* \
        2>"$work/$target-seeds.log"; then
      echo "$target: a hostile seed broke a limit; see $work/$target-seeds.log" >&2
      tail -40 "$work/$target-seeds.log" >&2
      status=1
    fi
  fi
  echo "== $target: ${seconds}s"
  if ! "$bin/$target" "$corpus" -max_total_time="$seconds" "${limits[@]}" -max_len=65536 \
      -artifact_prefix="$work/crashes/$target-" -print_final_stats=1 2>"$work/$target.log"; then
    echo "$target found a crash; see $work/$target.log and $work/crashes/" >&2
    tail -40 "$work/$target.log" >&2
    status=1
  else
    grep -E '^(#[0-9]+.*DONE|stat::number_of_executed_units)' "$work/$target.log" | tail -2
  fi
done
exit $status
