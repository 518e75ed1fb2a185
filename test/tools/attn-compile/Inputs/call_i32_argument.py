"""Calls a library whose first argument is an i32 tensor (i32-argument.mlir)."""
import sys

import numpy as np

import attn

lib = attn.load(sys.argv[1])
f = lib.f
print("dtype", f.args[0].dtype, "shape", f.args[0].shape)
x = np.arange(1, 6, dtype=np.float32)
print("y =", f(np.arange(5, dtype=np.int32), x).tolist())
print("int64 ids accepted:", f(np.arange(5, dtype=np.int64), x).tolist())
for label, ids in (("float ids rejected", np.arange(5, dtype=np.float32)),
                   ("int32 range checked", np.array([0, 1, 2, 3, 2**40]))):
    try:
        f(ids, x)
        print(label, "NOT rejected")
    except ValueError as e:
        print("%s: %s" % (label, e))
try:
    f.call_halide(np.arange(5, dtype=np.float32), x)
    print("halide entry with float32 ids NOT rejected")
except attn.AttnError as e:
    print("halide entry with float32 ids: rc %d: %s" % (e.code, e.message))
