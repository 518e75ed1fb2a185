#!/usr/bin/python3
"""Runs the compiled multi-head attention block (examples/mha.mlir).

Loads the library that attn-compile made (build/examples/libmha.so), calls its
C entry point

    int mha(const float *x, const float *wq, const float *bq,
            const float *wk, const float *bk, const float *wv, const float *bv,
            const float *wo, const float *bo, float *y);

with seeded random inputs, compares the result against a float64 numpy
reference of the whole block (projections, heads, causal attention, output
projection), and times it.

Only numpy and ctypes are needed: this is the plain C ABI that any C program
would use. Run it with Debian's /usr/bin/python3 (the one that has numpy).
Exits with status 1 when the error exceeds the tolerance or a call fails.
"""

import argparse
import ctypes
import json
import os
import statistics
import sys
import time

import numpy as np

# The shapes of examples/mha.mlir.
B, N, E, H = 1, 128, 512, 8
D = E // H
ARGUMENTS = ["x", "wq", "bq", "wk", "bk", "wv", "bv", "wo", "bo"]
TOLERANCE = 1e-4


def make_inputs(seed):
    """x ~ N(0, 1); weights and biases as torch.nn.Linear initializes them."""
    rng = np.random.default_rng(seed)
    bound = 1.0 / np.sqrt(E)
    inputs = {"x": rng.standard_normal((B, N, E))}
    for name in ("q", "k", "v", "o"):
        inputs["w" + name] = rng.uniform(-bound, bound, (E, E))
        inputs["b" + name] = rng.uniform(-bound, bound, (E,))
    return {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in inputs.items()}


def reference(inputs, dtype=np.float64):
    """The whole block in numpy (float64 by default), as examples/mha.mlir says."""
    a = {k: v.astype(dtype) for k, v in inputs.items()}
    x = a["x"]

    def linear(t, name):  # torch.nn.functional.linear: t·Wᵀ + b
        return t @ a["w" + name].T + a["b" + name]

    def split_heads(t):  # [B, N, H·D] -> [B, H, N, D]
        return t.reshape(B, N, H, D).transpose(0, 2, 1, 3)

    q, k, v = (split_heads(linear(x, n)) for n in ("q", "k", "v"))
    scores = (q @ k.transpose(0, 1, 3, 2)) * (1.0 / np.sqrt(D))
    # causal(top_left): query i sees keys j <= i.
    keep = np.tril(np.ones((N, N), dtype=bool))
    scores = np.where(keep, scores, -np.inf)
    scores = scores - scores.max(axis=-1, keepdims=True)
    p = np.exp(scores)
    p /= p.sum(axis=-1, keepdims=True)
    o = (p @ v).transpose(0, 2, 1, 3).reshape(B, N, E)  # merge_heads
    return linear(o, "o")


def flop_count():
    """FLOPs counted for GFLOP/s: the four projections and the two attention
    matmuls (Q·Kᵀ and P·V), each multiply-add counted as 2 FLOPs. The attention
    term is counted dense (all N·M scores) although the causal mask lets a
    kernel skip about half of them; softmax, scaling and bias adds are not
    counted."""
    projections = 4 * (2 * B * N * E * E)
    attention = 4 * B * H * N * N * D
    return projections, attention


def load(path):
    lib = ctypes.CDLL(os.path.abspath(path))
    lib.attn_last_error.restype = ctypes.c_char_p
    lib.attn_last_error.argtypes = []
    fn = lib.mha
    fn.restype = ctypes.c_int
    fn.argtypes = [ctypes.c_void_p] * (len(ARGUMENTS) + 1)
    manifest = None
    if hasattr(lib, "attn_manifest"):
        lib.attn_manifest.restype = ctypes.c_char_p
        lib.attn_manifest.argtypes = []
        try:
            manifest = json.loads(lib.attn_manifest().decode())
        except (ValueError, AttributeError):
            manifest = None
    return lib, fn, manifest


def describe(manifest):
    """One line about the library from its manifest (target, argument names)."""
    if not isinstance(manifest, dict):
        return "no readable manifest"
    parts = []
    if "target" in manifest:
        parts.append("target %s" % manifest["target"])
    functions = manifest.get("functions", [])
    entry = next((f for f in functions
                  if isinstance(f, dict) and f.get("name") == "mha"), None)
    if entry:
        specs = entry.get("args", entry.get("arguments", []))
        names = [a.get("name") for a in specs if isinstance(a, dict)]
        if names:
            parts.append("arguments (%s)" % ", ".join(map(str, names)))
            if names != ARGUMENTS:
                print("demo: warning: the manifest's arguments %s differ from "
                      "the expected %s" % (names, ARGUMENTS), file=sys.stderr)
    return ", ".join(parts) if parts else "manifest without target/functions"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--library", default=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "build", "examples",
        "libmha.so"), help="the compiled examples/mha.mlir")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--runs", type=int, default=20,
                        help="timed calls (the median is reported)")
    args = parser.parse_args()

    lib, fn, manifest = load(args.library)
    print("library: %s (%s)" % (os.path.relpath(args.library), describe(manifest)))

    inputs = make_inputs(args.seed)
    arrays = [inputs[name] for name in ARGUMENTS]
    y = np.full((B, N, E), np.nan, dtype=np.float32)
    pointers = [a.ctypes.data for a in arrays] + [y.ctypes.data]

    def call():
        rc = fn(*pointers)
        if rc != 0:
            message = lib.attn_last_error() or b""
            sys.exit("demo: mha returned %d: %s" % (rc, message.decode()))

    # Correctness, against float64.
    call()
    expected = reference(inputs)
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
        reference(inputs, np.float32)
        peer_times.append(time.perf_counter() - start)
    peer = statistics.median(peer_times)

    projections, attention = flop_count()
    total = projections + attention
    print("FLOPs per call: %.1f M = 4 projections 2·B·N·E·E (%.1f M) + "
          "attention 4·B·H·N·M·D (%.1f M, dense: causal skipping not credited)"
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
