# RUN: %python %s
# The accuracy of the CPU kernel's exponentials, seen through attention
# outputs small enough to expose them. The kernel evaluates e^d, d <= 0,
# as 2^(d·log2 e) (exp2NonPositive: 3 ulp on [-126, 0]); the product
# rounds by up to |d|·2^-24 relative, so a weight e^d carries a relative
# error of at most 2e-7 + |d|·1.2e-7.
#
# 1. Two keys, scores 0 and d: the output is the weight of the second key,
#    e^d / (1 + e^d), for d from -87 to 30 (both sides of the row max,
#    every rounding point of 2^x's argument, subnormal-free range).
# 2. The online merge: two KV blocks whose maxima differ by up to 60, so
#    the merge's scale e^-|m - m_b| falls on either side; relative error
#    within 2e-6 plus the f32 rounding of scores of that size.
import numpy as np

import attn
from attn import reference as ref
from attn.testing import Report

report = Report("2^x in the CPU attention kernel vs float64")


def compile_attention(n, m, d, tiling=None):
    t = f"tensor<1x1x{n}x{d}xf32>"
    tk = f"tensor<1x1x{m}x{d}xf32>"
    tile = f" tiling <query_tile = {tiling[0]}, kv_tile = {tiling[1]}, " \
        f"kv_splits = 1>" if tiling else ""
    src = f"""
func.func @f(%q: {t} {{attn.name = "q"}}, %k: {tk} {{attn.name = "k"}},
             %v: {tk} {{attn.name = "v"}}) -> ({t} {{attn.name = "out"}}) {{
  %o = attn.attention %q, %k, %v scale(1.0){tile} : {t}, {tk}, {tk} -> {t}
  return %o : {t}
}}"""
    return attn.compile(src).f


# 1. Scores (0, d) per row: q = (d, 0, ...), k0 = 0, k1 = e_0; v0 = 0,
#    v1 = 1 in every column.
D = 8
diffs = np.concatenate([np.linspace(-87.0, 30.0, 4001),
                        np.arange(-40, 31) * 0.5 + 0.25,  # halfway points
                        [0.0, -1e-6, 1e-6, -0.5, 0.5]]).astype(np.float32)
n = len(diffs)
q = np.zeros((1, 1, n, D), np.float32)
q[0, 0, :, 0] = diffs
k = np.zeros((1, 1, 2, D), np.float32)
k[0, 0, 1, 0] = 1.0
v = np.zeros((1, 1, 2, D), np.float32)
v[0, 0, 1, :] = 1.0
out = compile_attention(n, 2, D)(q=q, k=k, v=v)
out = out["out"] if isinstance(out, dict) else out
d64 = diffs.astype(np.float64)
expected = 1.0 / (1.0 + np.exp(-d64))
rel = np.abs(out[0, 0, :, 0] - expected) / expected
bound = 2e-7 + np.abs(d64) * 1.2e-7 + 2.4e-7  # + the division and sum
worst = int(np.argmax(rel / bound))
report.expect(bool(np.all(rel <= bound)), "two_keys_weights",
             f"worst d = {d64[worst]:.6g}: relative error {rel[worst]:.3g} "
             f"(bound {bound[worst]:.3g})")
report.expect(bool(np.all(out[0, 0] == out[0, 0, :, :1])),
              "two_keys_columns_equal",
             "every output column is the same weight")

# 2. Two KV blocks of 64 keys; block 1's scores sit `gap` below or above
#    block 0's. The full output is checked against float64.
N, M = 16, 128
rng = np.random.default_rng(5)
for gap in (-60.0, -20.0, -1.0, 0.0, 3.0, 45.0):
    q = rng.standard_normal((1, 1, N, D)).astype(np.float32)
    q[0, 0, :, 0] = 1.0
    k = rng.standard_normal((1, 1, M, D)).astype(np.float32) * 0.5
    k[0, 0, :, 0] = 0.0
    k[0, 0, 64:, 0] = gap  # adds `gap` to every score of block 1
    v = rng.standard_normal((1, 1, M, D)).astype(np.float32)
    got = compile_attention(N, M, D, tiling=(16, 64))(q=q, k=k, v=v)
    got = got["out"] if isinstance(got, dict) else got
    want = ref.sdpa(q, k, v, scale=1.0)
    err = np.abs(got - want).max() / np.abs(want).max()
    # f32 scores near |s| carry |s|·2^-24 of rounding before any exp.
    bound = 2e-6 + max(abs(gap), 4.0) * 1.2e-7
    report.expect(err <= bound, f"merge_gap_{gap:g}",
                  f"relative error {err:.3g} (bound {bound:.3g})")

report.finish()
