# RUN: %python %s
# Empty tiles are skipped, not computed and discarded. Each case has keys
# that no query keeps, filling whole KV tiles of the CPU kernel (kv_tile =
# 32, from the tiling) and of the GPU kernel (32 keys), and puts NaN in
# those keys and values. A skipped tile leaves no trace; a computed one
# multiplies its zero weights by NaN and poisons its rows. Each clause that
# can empty a tile has a case: segment ids, bool / additive run-time masks,
# both under causal / window bounds too, a constant mask, chunks, a block
# layout, and the keys between a prefix and a window. Expected: the float64 reference with those keys zeroed
# (their weights are 0), within 1e-4 of the largest output, and no NaN;
# after attn_release_scratch() every call again gives identical results.
# `--target=T` compiles for another target (attention_skipped_tiles_opencl.py
# runs this file on OpenCL): the GPU kernel classifies the tiles of the
# static clauses when the library is compiled, those of segment ids and
# run-time masks per call (a table pipeline before the attention's).
import numpy as np

import attn
from attn import reference as ref
from attn.testing import Report, target_from_args, tensor_type

TOL = 1e-4
TARGET = target_from_args()
rng = np.random.default_rng(5)
B, H, D = 1, 2, 32
cases = []


def case(name, N, M, unkept, clauses="", extra=(), **kwargs):
    """`unkept`: the key range [lo, hi) no query keeps; `extra`: (name,
    array, mlir type) arguments after q, k, v."""
    cases.append(dict(name=name, N=N, M=M, unkept=unkept, clauses=clauses,
                      extra=list(extra), kwargs=kwargs))


def literal(a):
    text = np.array2string(a, separator=", ", threshold=1 << 30,
                           max_line_width=1 << 30)
    return text.replace("True", "true").replace("False", "false")


# Document ids: keys 64..127 belong to a document no query is in.
qid = rng.integers(0, 3, (1, 96)).astype(np.int32)
kid = rng.integers(0, 3, (1, 256)).astype(np.int32)
kid[0, 64:128] = 7
case("segments", 96, 256, (64, 128),
     " segments(%qs, %ks : tensor<1x96xi32>, tensor<1x256xi32>)",
     [("qs", qid, "tensor<1x96xi32>"), ("ks", kid, "tensor<1x256xi32>")],
     segments=(qid, kid))
# Run-time masks: a bool one dropping keys 128..191 (and one whole row),
# an additive one with -inf over keys 0..63.
keep = rng.random((80, 192 + 64)) < 0.7
keep[:, 128:192] = False
keep[3, :] = False
case("bool_mask", 80, 256, (128, 192), " mask(%m : tensor<80x256xi1>)",
     [("m", keep, "tensor<80x256xi1>")], mask=keep)
bias = rng.standard_normal((80, 160)).astype(np.float32)
bias[:, 0:64] = -np.inf
case("additive_mask", 80, 160, (0, 64), " mask(%m : tensor<80x160xf32>)",
     [("m", bias, "tensor<80x160xf32>")], mask=bias)
# A mask per head (a table per head): keys 32..95 dropped in both heads,
# the rest kept differently.
per_head = rng.random((H, 64, 160)) < 0.6
per_head[:, :, 32:96] = False
case("per_head_mask", 64, 160, (32, 96), " mask(%m : tensor<2x64x160xi1>)",
     [("m", per_head, "tensor<2x64x160xi1>")], mask=per_head)
# The same clauses under causal and window bounds (the GPU's per-call table
# then classifies those bounds too): documents packed causally, where keys
# 64..95 belong to a document no query is in; and a bool mask dropping keys
# 96..127 within a causal window of 64 keys.
docs = np.repeat(np.array([0, 1, 2], np.int32), [40, 40, 48])[None, :]
doc_keys = docs.copy()
doc_keys[0, 64:96] = 7
case("segments_causal", 128, 128, (64, 96),
     " segments(%qs, %ks : tensor<1x128xi32>, tensor<1x128xi32>)"
     " causal(top_left)",
     [("qs", docs, "tensor<1x128xi32>"), ("ks", doc_keys, "tensor<1x128xi32>")],
     segments=(docs, doc_keys), causal="top_left")
window_keep = rng.random((160, 160)) < 0.7
window_keep[:, 96:128] = False
case("mask_window", 160, 160, (96, 128),
     " mask(%m : tensor<160x160xi1>) causal(top_left)"
     " window <left = 63, right = 0>",
     [("m", window_keep, "tensor<160x160xi1>")], mask=window_keep,
     causal="top_left", window=(63, 0))
# Chunks of 64 without causal: queries 0..99 lie in chunks 0 and 1, so keys
# from 128 on are in no query's chunk.
case("chunk", 100, 256, (128, 256), " chunk(64)", chunk=64)
# A layout whose third column of 32-key cells is empty.
layout = rng.random((2, 4)) < 0.8
layout[:, 0] = True
layout[:, 2] = False
case("layout", 64, 128, (64, 96),
     " blocks <query_block = 32, key_block = 32, layout = dense<%s> : "
     "tensor<2x4xi1>>" % literal(layout), block_layout=(32, 32, layout))
# 32 queries aligned to the end of 256 keys, a window of 32 keys and a
# prefix of 32: keys 32..223 are in no window, and past the prefix.
case("prefix_window", 32, 256, (64, 192),
     " causal(bottom_right) window <left = 31, right = 0> prefix(32)",
     causal="bottom_right", window=(31, 0), prefix=32)

lines = []
for c in cases:
    q_t = tensor_type((B, H, c["N"], D))
    k_t = tensor_type((B, H, c["M"], D))
    args = ["%%q: %s" % q_t, "%%k: %s" % k_t, "%%v: %s" % k_t]
    args += ["%%%s: %s" % (n, t) for n, _, t in c["extra"]]
    lines += ["func.func @%s(%s) -> %s {" % (c["name"], ", ".join(args), q_t),
              "  %%o = attn.attention %%q, %%k, %%v%s tiling <query_tile = 16, "
              "kv_tile = 32, kv_splits = 1> : %s, %s, %s -> %s"
              % (c["clauses"], q_t, k_t, k_t, q_t),
              "  return %%o : %s" % q_t, "}"]
# A constant mask dropping keys 32..95, classified at compile time.
constant = rng.random((48, 128)) < 0.6
constant[:, 32:96] = False
q_t, k_t = tensor_type((B, H, 48, D)), tensor_type((B, H, 128, D))
lines += ["func.func @constant_mask(%%q: %s, %%k: %s, %%v: %s) -> %s {"
          % (q_t, k_t, k_t, q_t),
          "  %%m = arith.constant dense<%s> : tensor<48x128xi1>"
          % literal(constant),
          "  %%o = attn.attention %%q, %%k, %%v mask(%%m : tensor<48x128xi1>) "
          "tiling <query_tile = 16, kv_tile = 32, kv_splits = 1> : "
          "%s, %s, %s -> %s" % (q_t, k_t, k_t, q_t),
          "  return %%o : %s" % q_t, "}"]
cases.append(dict(name="constant_mask", N=48, M=128, unkept=(32, 96),
                  extra=[], kwargs=dict(mask=constant)))

lib = attn.compile("\n".join(lines) + "\n", name="attention_skipped_tiles",
                   target=TARGET)
report = Report("empty tiles skipped: NaN keys and values no query keeps "
                "leave no trace (tol %g, target %s)" % (TOL, TARGET))
for c in cases:
    q = rng.standard_normal((B, H, c["N"], D)).astype(np.float32)
    k = rng.standard_normal((B, H, c["M"], D)).astype(np.float32)
    v = rng.standard_normal((B, H, c["M"], D)).astype(np.float32)
    lo, hi = c["unkept"]
    expected = ref.sdpa(q, k, v, **c["kwargs"])
    k[:, :, lo:hi] = np.nan
    v[:, :, lo:hi] = np.nan
    args = [q, k, v] + [a for _, a, _ in c["extra"]]
    out = getattr(lib, c["name"])(*args)
    report.expect(not np.isnan(out).any(), c["name"] + " no NaN",
                  "%d NaN outputs" % int(np.isnan(out).sum()))
    report.compare(c["name"], np.nan_to_num(out), expected, rtol=TOL)
    c["call"] = (args, out)
# The memory a call leaves for the next (host scratch; on GPU targets also
# the device memory Halide keeps, the per-call tables' included) given
# back: the same calls give the same results.
lib.release_scratch()
for c in cases:
    args, out = c["call"]
    again = getattr(lib, c["name"])(*args)
    report.expect(np.array_equal(again, out, equal_nan=True),
                  c["name"] + " after attn_release_scratch", "identical")
report.finish()
