#!/usr/bin/env bash
# The main job, end to end: sets everything up (scripts/setup.sh), compiles
# the GPT-2 decoder block examples/tosa/gpt2_block.mlir (TOSA, as torch-mlir
# emits it) into a shared library with attn-compile (raise, fuse, tile,
# codegen), then runs it from Python (scripts/demo.py): checks it against a
# float64 numpy reference and prints its speed.
# Extra arguments go to demo.py (see `/usr/bin/python3 scripts/demo.py -h`).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash "$ROOT/scripts/setup.sh"

OUT_DIR="$ROOT/build/examples"
mkdir -p "$OUT_DIR"
echo "demo: attn-compile examples/tosa/gpt2_block.mlir -o build/examples/libgpt2_block.so"
"$ROOT/build/bin/attn-compile" "$ROOT/examples/tosa/gpt2_block.mlir" \
  --target=host -o "$OUT_DIR/libgpt2_block.so"

# Debian's interpreter: the pyenv python3 on PATH has no numpy.
exec /usr/bin/python3 "$ROOT/scripts/demo.py" --library "$OUT_DIR/libgpt2_block.so" "$@"
