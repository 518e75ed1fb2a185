# RUN: %python %s
# attn.attention with a sliding window (`window <left = L, right = R>`),
# alone and with causal masks in both alignments, against the float64
# reference built from the equivalent dense mask (relative error <= 1e-4 as
# max|out - ref| / max|ref|): odd sizes, N != M, windows wider than the
# sequence, rows whose window holds no key (zeros), the online form over KV
# blocks (the code generator skips the blocks outside each tile's window),
# split-KV decoding, a boolean mask on top, GQA.
import numpy as np

import attn
from attn import reference as ref
from attn.testing import Report, tensor_type

TOL = 1e-4
rng = np.random.default_rng(5)
configs = []


def config(name, B, Hq, Hkv, N, M, D, window, causal=None, tiling=None,
           mask=False):
    configs.append(dict(name=name, B=B, Hq=Hq, Hkv=Hkv, N=N, M=M, D=D,
                        window=window, causal=causal, tiling=tiling,
                        mask=mask))


config("window_two_sided", 1, 2, 2, 37, 37, 16, (5, 3))
config("window_causal_top_left", 2, 4, 2, 100, 100, 32, (16, 0),
       causal="top_left", tiling=(16, 32, 1))
config("window_causal_bottom_right_decode", 1, 4, 4, 1, 500, 64, (64, 0),
       causal="bottom_right", tiling=(1, 64, 4))
config("window_wider_than_sequence", 1, 1, 1, 13, 9, 8, (40, 40))
config("window_cross_n_lt_m", 1, 2, 1, 20, 70, 16, (10, 10),
       tiling=(8, 16, 1))
config("window_rows_without_keys", 1, 1, 1, 40, 10, 8, (2, 2),
       causal="bottom_right")
config("window_zero_extent", 1, 2, 2, 33, 33, 16, (0, 0),
       tiling=(8, 16, 1))
config("window_with_bool_mask", 1, 2, 2, 64, 300, 32, (20, 20),
       tiling=(16, 64, 1), mask=True)
config("window_long_online", 1, 2, 2, 700, 700, 64, (128, 0),
       causal="top_left", tiling=(64, 128, 1))

lines = []
for c in configs:
    q_t = tensor_type((c["B"], c["Hq"], c["N"], c["D"]))
    k_t = tensor_type((c["B"], c["Hkv"], c["M"], c["D"]))
    o_t = q_t
    args = ["%%q: %s" % q_t, "%%k: %s" % k_t, "%%v: %s" % k_t]
    clauses = ""
    if c["mask"]:
        m_t = tensor_type((c["N"], c["M"]), "i1")
        args.append("%%m: %s" % m_t)
        clauses += " mask(%%m : %s)" % m_t
    if c["causal"]:
        clauses += " causal(%s)" % c["causal"]
    clauses += " window <left = %d, right = %d>" % c["window"]
    if c["tiling"]:
        clauses += (" tiling <query_tile = %d, kv_tile = %d, kv_splits = %d>"
                    % c["tiling"])
    lines += ["func.func @%s(%s) -> %s {" % (c["name"], ", ".join(args), o_t),
              "  %%o = attn.attention %%q, %%k, %%v%s : %s, %s, %s -> %s"
              % (clauses, q_t, k_t, k_t, o_t),
              "  return %%o : %s" % o_t, "}"]

report = Report("windowed attention vs float64 reference (f32 tol %g)" % TOL)
lib = attn.compile("\n".join(lines) + "\n", name="attention_window")
for c in configs:
    q = rng.standard_normal((c["B"], c["Hq"], c["N"], c["D"])).astype(np.float32)
    k = rng.standard_normal((c["B"], c["Hkv"], c["M"], c["D"])).astype(np.float32)
    v = rng.standard_normal((c["B"], c["Hkv"], c["M"], c["D"])).astype(np.float32)
    xs = [q, k, v]
    mask = None
    if c["mask"]:
        mask = rng.random((c["N"], c["M"])) < 0.7
        mask[c["N"] // 2, :] = False  # a fully masked row
        xs.append(mask)
    expected = ref.sdpa(q, k, v, mask=mask, causal=c["causal"],
                        window=c["window"])
    out = getattr(lib, c["name"])(*xs)
    keep = ref.combined_keep_mask(expected.shape[:3] + (c["M"],), mask,
                                  c["causal"], c["window"])
    empty = ~keep.any(axis=-1)
    report.expect(np.all(out[empty] == 0.0), c["name"] + " keyless rows",
                  "%d rows without keys give zeros" % int(empty.sum()))
    report.compare(c["name"], out, expected, rtol=TOL)

# Long sequences, checked on sampled rows (the dense reference would not
# fit): a 256-key causal window at N = 16384 (Halide 14 mis-trimmed a block
# loop bounded on both sides there: all zeros), and a causal mask operand.
def sampled(name, n, clause, mask_arg=None):
    t = tensor_type((1, 1, n, 32))
    args = "%%q: %s, %%k: %s, %%v: %s" % (t, t, t)
    if mask_arg is not None:
        m_t = tensor_type((n, n), "i1")
        args += ", %%m: %s" % m_t
        clause = "mask(%%m : %s) %s" % (m_t, clause)
    lib = attn.compile("func.func @f(%s) -> %s {\n  %%o = attn.attention %%q, "
                       "%%k, %%v %s : %s, %s, %s -> %s\n  return %%o : %s\n}\n"
                       % (args, t, clause, t, t, t, t, t), name=name)
    xs = [rng.standard_normal((1, 1, n, 32)).astype(np.float32)
          for _ in range(3)]
    if mask_arg is not None:
        xs.append(mask_arg)
    out = lib.f(*xs)
    rows = np.r_[0:3, 255:259, n // 2:n // 2 + 3, n - 3:n]
    return out[:, :, rows], xs, rows


n = 16384
out, xs, rows = sampled("window_16384", n,
                        "causal(top_left) window <left = 256, right = 0>")
keep = (ref.window_mask(n, n, (256, 0), "top_left") &
        ref.causal_mask(n, n, "top_left"))[rows]
report.compare("window_16384 (sampled rows)", out,
               ref.sdpa(xs[0][:, :, rows], xs[1], xs[2], mask=keep), rtol=TOL)
n = 6000
causal_keep = ref.causal_mask(n, n, "top_left")
out, xs, rows = sampled("mask_operand_6000", n, "", causal_keep)
report.compare("causal mask operand, N = 6000 (sampled rows)", out,
               ref.sdpa(xs[0][:, :, rows], xs[1], xs[2],
                        mask=causal_keep[rows]), rtol=TOL)
report.finish()
