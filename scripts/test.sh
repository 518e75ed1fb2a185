#!/usr/bin/env bash
# Sets everything up (scripts/setup.sh) and runs the whole test suite:
# the lit + FileCheck suite under test/, through `ninja -C build check-attn`.
# Exits with the suite's status and ends with one line "N passed, N failed".
# Pass lit options through LIT_OPTS, e.g.
#   LIT_OPTS="-v --filter=Execution" bash scripts/test.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash "$ROOT/scripts/setup.sh"

log="$ROOT/build/check-attn.log"
set +e
ninja -C "$ROOT/build" check-attn 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# lit's summary: "  Passed: N (..%)", "  Failed: N (..%)" (other kinds, such
# as "Expectedly Failed", are counted by lit but not here).
count() {
  sed -n -E "s/^ *$1 *: *([0-9]+).*/\\1/p" "$log" | tail -n 1
}
passed=$(count Passed)
failed=$(count Failed)
echo "attn: ${passed:-0} passed, ${failed:-0} failed"
if [[ $status -eq 0 && -z $passed ]]; then
  echo "attn: the suite ran no test" >&2
  exit 1
fi
exit "$status"
