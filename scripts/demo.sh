#!/usr/bin/env bash
# The main job, end to end: sets everything up (scripts/setup.sh), compiles
# the multi-head attention block examples/mha.mlir into a shared library with
# attn-compile, then runs it from Python (scripts/demo.py): checks it against
# a float64 numpy reference and prints its speed.
# Extra arguments go to demo.py (see `/usr/bin/python3 scripts/demo.py -h`).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash "$ROOT/scripts/setup.sh"

OUT_DIR="$ROOT/build/examples"
mkdir -p "$OUT_DIR"
echo "demo: attn-compile examples/mha.mlir -o build/examples/libmha.so"
"$ROOT/build/bin/attn-compile" "$ROOT/examples/mha.mlir" --target=host \
  -o "$OUT_DIR/libmha.so"

# Debian's interpreter: the pyenv python3 on PATH has no numpy.
exec /usr/bin/python3 "$ROOT/scripts/demo.py" --library "$OUT_DIR/libmha.so" "$@"
