#!/usr/bin/env bash
# Sets everything up (scripts/setup.sh) and runs the whole test suite:
# the lit + FileCheck suite under test/, through `ninja -C build check-attn`.
# Exits with the suite's status. Pass lit options through LIT_OPTS, e.g.
#   LIT_OPTS="-v --filter=Execution" bash scripts/test.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash "$ROOT/scripts/setup.sh"
exec ninja -C "$ROOT/build" check-attn
