#!/usr/bin/python3
"""Runs the compiled GPT-2 decoder block (examples/tosa/gpt2_block.mlir).

Loads the library that attn-compile made from the TOSA graph
(build/examples/libgpt2_block.so), calls its plain C entry point

    int gpt2_block(const float *x, const float *ln_1_weight, ...,
                   const float *mlp_c_proj_bias, float *y);

through ctypes with seeded random inputs (argument names and shapes read from
the library's manifest), compares the result against a float64 numpy
GPT2Block written from its definition (python/attn/reference.py), and times
it next to the same block in numpy float32.

Run it with Debian's /usr/bin/python3 (the one that has numpy). Exits with
status 1 when the error exceeds the tolerance or a call fails.
"""

import argparse
import ctypes
import json
import os
import statistics
import sys
import time

import numpy as np

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
sys.path.insert(0, os.path.join(ROOT, "python"))
from attn import reference  # noqa: E402  (float64 numpy, no compiler needed)

FUNCTION = "gpt2_block"
HEADS = 12  # examples/tosa/gpt2_block.mlir: 12 heads of 64
TOLERANCE = 1e-4


def make_inputs(specs, seed):
    """x ~ N(0, 1); weights as GPT-2 initializes them (N(0, 0.02)), layer-norm
    scales near 1, biases small."""
    rng = np.random.default_rng(seed)
    inputs = {}
    for spec in specs:
        name, shape = spec["name"], tuple(spec["shape"])
        if name == "x":
            value = rng.standard_normal(shape)
        elif name.startswith("ln_") and name.endswith("_weight"):
            value = 1.0 + 0.1 * rng.standard_normal(shape)
        elif name.endswith("_weight"):
            value = 0.02 * rng.standard_normal(shape)
        else:
            value = 0.02 * rng.standard_normal(shape)
        inputs[name] = np.ascontiguousarray(value, dtype=np.float32)
    return inputs


def run_reference(inputs, dtype=np.float64):
    args = {k: v.astype(dtype) for k, v in inputs.items()}
    return reference.gpt2_block(heads=HEADS, **args)


def flop_count(batch, tokens, width):
    """Multiply-adds of the four Conv1D projections (c_attn 3E, c_proj E, c_fc
    4E, mlp c_proj E from 4E: 12·E² per token) and the two attention matmuls
    (Q·Kᵀ and P·V, dense), 2 FLOPs each; norms, GELU and softmax are not
    counted."""
    projections = 2 * batch * tokens * 12 * width * width
    attention = 4 * batch * tokens * tokens * width
    return projections, attention


def load(path):
    lib = ctypes.CDLL(os.path.abspath(path))
    lib.attn_last_error.restype = ctypes.c_char_p
    lib.attn_manifest.restype = ctypes.c_char_p
    manifest = json.loads(lib.attn_manifest().decode())
    entry = next(f for f in manifest["functions"] if f["name"] == FUNCTION)
    fn = getattr(lib, entry["symbol"])
    fn.restype = ctypes.c_int
    fn.argtypes = [ctypes.c_void_p] * (len(entry["args"]) +
                                       len(entry["results"]))
    return lib, fn, manifest, entry


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--library", default=os.path.join(
        ROOT, "build", "examples", "libgpt2_block.so"),
        help="the compiled examples/tosa/gpt2_block.mlir")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--runs", type=int, default=20,
                        help="timed calls (the median is reported)")
    args = parser.parse_args()

    lib, fn, manifest, entry = load(args.library)
    print("library: %s (target %s, %d arguments: %s)"
          % (os.path.relpath(args.library), manifest["target"],
             len(entry["args"]), ", ".join(a["name"] for a in entry["args"])))

    inputs = make_inputs(entry["args"], args.seed)
    arrays = [inputs[a["name"]] for a in entry["args"]]
    out_shape = tuple(entry["results"][0]["shape"])
    y = np.full(out_shape, np.nan, dtype=np.float32)
    pointers = [a.ctypes.data for a in arrays] + [y.ctypes.data]

    def call():
        rc = fn(*pointers)
        if rc != 0:
            message = lib.attn_last_error() or b""
            sys.exit("demo: %s returned %d: %s" % (FUNCTION, rc,
                                                   message.decode()))

    # Correctness, against float64.
    call()
    expected = run_reference(inputs)
    if not np.all(np.isfinite(y)):
        print("demo: FAIL: the output has %d non-finite values"
              % np.count_nonzero(~np.isfinite(y)))
        return 1
    error = float(np.max(np.abs(y - expected)) / np.max(np.abs(expected)))
    print("max relative error vs float64 numpy: %.3e "
          "(max |y - ref| / max |ref|, tolerance %.0e)" % (error, TOLERANCE))

    # Speed: median wall time of several calls after a warm-up.
    for _ in range(3):
        call()
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    ours = statistics.median(times)

    # The same block in numpy float32 (whatever BLAS numpy links), for scale.
    peer_times = []
    for _ in range(max(3, args.runs // 4)):
        start = time.perf_counter()
        run_reference(inputs, np.float32)
        peer_times.append(time.perf_counter() - start)
    peer = statistics.median(peer_times)

    batch, tokens, width = out_shape
    projections, attention = flop_count(batch, tokens, width)
    total = projections + attention
    print("FLOPs per call: %.1f M = projections 24·B·T·E² (%.1f M) + "
          "attention 4·B·T²·E (%.1f M, dense: causal skipping not credited)"
          % (total / 1e6, projections / 1e6, attention / 1e6))
    print("attn  : %8.3f ms  %7.1f GFLOP/s  (median of %d)"
          % (ours * 1e3, total / ours / 1e9, args.runs))
    print("numpy : %8.3f ms  %7.1f GFLOP/s  (float32, same block, with "
          "numpy's BLAS; for scale)" % (peer * 1e3, total / peer / 1e9))

    if not error <= TOLERANCE:
        print("demo: FAIL: error %.3e exceeds %.0e" % (error, TOLERANCE))
        return 1
    print("demo: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
