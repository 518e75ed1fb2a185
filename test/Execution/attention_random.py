# RUN: %python %s
#
# attn.attention against the float64 reference (attn.reference.sdpa) over
# seeded configurations: odd sequence lengths (1, 7, 33, 100, 129, ...),
# N != M, N = 1, head dims 16/40/64/80/96/128/256, Dv != D, GQA 8:2 and MQA
# 8:1, bool and additive masks of every broadcast form (with fully masked
# rows), causal top_left / bottom_right with N < M and N > M, explicit
# scales and large logits.
#
# Tolerance (f32): max|out - ref| / max(max|ref|, 1e-6) <= 1e-4, no NaN.
# Exception, stated per case: "large logits x30, real-valued" uses 1e-3.
# There Q·Kᵀ entries reach ~4e3, where one f32 ulp is ~5e-4, so any f32
# implementation (numpy's own f32 attention included: 1-2e-4) misses 1e-4.
# The other large-logit cases keep 1e-4 by using integer-valued q and k and
# power-of-two scales, which makes every logit exact in f32.
#
# A few long-sequence cases (M up to 4097) exercise the KV-tiled forms; the
# schedule form the compiler chose is printed with each case.
#
# The functions are compiled as three modules (one attn-compile each).

import sys
import time

import numpy as np

import attn
from attn import reference
from attn.testing import (AttnConfig, MaskSpec, Report, attention_func,
                          attention_inputs, module_text)

SEED = 20240611
TOL = 1e-4
LARGE_REAL_TOL = 1e-3


def C(*args, **kwargs):
    return AttnConfig(*args, **kwargs)


# -- module A: shapes, head dims, GQA, scales (no mask) ---------------------
module_a = [
    C("a_n1_m1", N=1, M=1, D=16),
    C("a_decode_gqa", B=1, Hq=8, Hkv=2, N=1, M=100, D=64),
    C("a_n7_m33_d40", Hq=4, N=7, M=33, D=40),
    C("a_n33_m7_d80_dv16", B=2, Hq=2, N=33, M=7, D=80, Dv=16),
    C("a_n100_m129_d96_dv128", B=2, Hq=2, N=100, M=129, D=96, Dv=128),
    C("a_mqa_n129_m100_d128", Hq=8, Hkv=1, N=129, M=100, D=128),
    C("a_n17_m65_d256_dv40", Hq=2, N=17, M=65, D=256, Dv=40),
    C("a_gqa_scale0p3", Hq=8, Hkv=2, N=65, M=65, D=64, scale=0.3),
    C("a_n31_m47_d40_dv96_scale1", N=31, M=47, D=40, Dv=96, scale=1.0),
    C("a_decode_mqa_d256", Hq=8, Hkv=1, N=1, M=129, D=256),
    C("a_b3_gqa6_3_dv80", B=3, Hq=6, Hkv=3, N=3, M=5, D=16, Dv=80),
    C("a_negative_scale", Hq=2, N=9, M=11, D=16, scale=-0.25),
]

# -- module B: masks --------------------------------------------------------
module_b = [
    C("b_bool_nm", Hq=4, N=33, M=47, D=64,
      mask=MaskSpec((33, 47), "bool", full_rows=3)),
    C("b_add_nm", N=7, M=100, D=40,
      mask=MaskSpec((7, 100), "additive", full_rows=2)),
    C("b_bool_11nm_gqa", Hq=8, Hkv=2, N=100, M=33, D=80,
      mask=MaskSpec((1, 1, 100, 33), "bool", full_rows=4)),
    C("b_add_11nm", N=129, M=129, D=16,
      mask=MaskSpec((1, 1, 129, 129), "additive", full_rows=3)),
    C("b_bool_b11m_full_batch", B=2, Hq=2, N=33, M=65, D=96,
      mask=MaskSpec((2, 1, 1, 65), "bool", full_rows=1),
      note="batch 0 fully masked"),
    C("b_add_b11m_mqa_decode", B=3, Hq=8, Hkv=1, N=1, M=100, D=128,
      mask=MaskSpec((3, 1, 1, 100), "additive", full_rows=1),
      note="batch 0 fully masked"),
    C("b_bool_bhnm_gqa_dv24", B=2, Hq=4, Hkv=2, N=17, M=31, D=40, Dv=24,
      mask=MaskSpec((2, 4, 17, 31), "bool", full_rows=2)),
    C("b_add_bhnm_d256", Hq=8, Hkv=2, N=65, M=33, D=256,
      mask=MaskSpec((1, 8, 65, 33), "additive", full_rows=3)),
    C("b_bool_rank1_m", N=7, M=129, D=64, mask=MaskSpec((129,), "bool")),
    C("b_add_rank3_h1m", Hq=4, N=9, M=50, D=80,
      mask=MaskSpec((4, 1, 50), "additive", full_rows=1),
      note="head 0 fully masked"),
    C("b_bool_b1n1_rows", B=2, Hq=2, N=13, M=29, D=16,
      mask=MaskSpec((2, 1, 13, 1), "bool", full_rows=2, keep=0.6),
      note="[B,1,N,1]: whole rows kept or masked"),
    C("b_add_all_masked", Hq=2, N=5, M=6, D=16,
      mask=MaskSpec((6,), "additive", full_rows="all"),
      note="every row fully masked -> all zeros"),
    C("b_add_threshold_1e29", Hq=2, N=6, M=10, D=16,
      mask=MaskSpec((6, 10), "additive", full_rows=2, keep=0.5,
                    masked_values=(-1e29,)),
      note="-1e29 is above the -1e30 threshold: rows of it are not masked"),
    C("b_bool_nm_top_left", Hq=2, N=50, M=50, D=40, causal="top_left",
      mask=MaskSpec((50, 50), "bool", full_rows=2)),
    C("b_add_bhnm_bottom_right", B=1, Hq=4, Hkv=1, N=20, M=70, D=64, Dv=40,
      causal="bottom_right",
      mask=MaskSpec((1, 4, 20, 70), "additive", full_rows=2)),
]

# -- module C: causal, large logits ------------------------------------------
module_c = [
    C("c_top_left_square_gqa", Hq=8, Hkv=2, N=100, M=100, D=64,
      causal="top_left"),
    C("c_top_left_n_lt_m", Hq=2, N=33, M=129, D=40, causal="top_left"),
    C("c_top_left_n_gt_m", Hq=2, N=129, M=33, D=96, causal="top_left"),
    C("c_bottom_right_n_lt_m", Hq=4, Hkv=2, N=7, M=100, D=128,
      causal="bottom_right"),
    C("c_bottom_right_n_gt_m", Hq=2, N=100, M=33, D=80, causal="bottom_right",
      note="rows 0..66 fully masked"),
    C("c_bottom_right_decode", Hq=8, Hkv=1, N=1, M=129, D=64,
      causal="bottom_right"),
    C("c_bottom_right_m1", N=9, M=1, D=16, causal="bottom_right",
      note="only the last row sees the key"),
    C("c_top_left_scale2_dv40", Hq=2, N=47, M=47, D=80, Dv=40, scale=2.0,
      causal="top_left"),
    C("c_long_decode_m4097_gqa", Hq=8, Hkv=2, N=1, M=4097, D=128,
      note="long KV"),
    C("c_long_n257_m2049_bottom_right", N=257, M=2049, D=64, Dv=40,
      causal="bottom_right", mask=MaskSpec((1, 1, 257, 2049), "bool",
                                           full_rows=2), note="long KV"),
    C("c_long_n1031_m1031_top_left", N=1031, M=1031, D=40,
      causal="top_left", note="long sequence"),
    C("c_large_d64", Hq=4, N=100, M=129, D=64, input_scale=30,
      integer_qk=True),
    C("c_large_d16_top_left", Hq=2, N=65, M=65, D=16, input_scale=30,
      integer_qk=True, causal="top_left"),
    C("c_large_d256_bool_mask_dv40", Hq=2, N=33, M=47, D=256, Dv=40,
      input_scale=30, integer_qk=True,
      mask=MaskSpec((33, 47), "bool", full_rows=2)),
    C("c_large_d40_scale0p5_bottom_right", Hq=8, Hkv=2, N=29, M=7, D=40,
      scale=0.5, input_scale=30, integer_qk=True, causal="bottom_right"),
    C("c_large_d64_additive", Hq=2, N=31, M=64, D=64, input_scale=30,
      integer_qk=True, mask=MaskSpec((31, 64), "additive", full_rows=2)),
    C("c_large_real_d128", Hq=4, N=33, M=100, D=128, input_scale=30,
      rtol=LARGE_REAL_TOL, note="real-valued, see header"),
]


def random_configs(rng, count, prefix):
    """Seeded random configurations drawn from the interesting values."""
    seqs = [1, 7, 13, 33, 61, 100, 129]
    dims = [16, 40, 64, 80, 96, 128, 256]
    heads = [(1, 1), (2, 2), (4, 1), (8, 2), (8, 1), (6, 2)]
    out = []
    for i in range(count):
        B = int(rng.choice([1, 2]))
        Hq, Hkv = heads[int(rng.integers(len(heads)))]
        N, M = int(rng.choice(seqs)), int(rng.choice(seqs))
        D = int(rng.choice(dims))
        Dv = D if rng.random() < 0.5 else int(rng.choice(dims))
        causal = [None, "top_left", "bottom_right"][int(rng.integers(3))]
        mask = None
        r = rng.random()
        if r < 0.6:
            forms = [(N, M), (1, 1, N, M), (B, 1, 1, M), (B, Hq, N, M), (M,)]
            shape = forms[int(rng.integers(len(forms)))]
            kind = "bool" if rng.random() < 0.5 else "additive"
            mask = MaskSpec(shape, kind, full_rows=int(rng.integers(0, 3)))
        scale = None if rng.random() < 0.7 else float(rng.choice([0.1, 0.5, 1.3]))
        out.append(C("%s_random%d" % (prefix, i), B=B, Hq=Hq, Hkv=Hkv, N=N,
                     M=M, D=D, Dv=Dv, mask=mask, scale=scale, causal=causal))
    return out


rng_cfg = np.random.default_rng(SEED)
module_a += random_configs(rng_cfg, 3, "a")
module_b += random_configs(rng_cfg, 3, "b")
module_c += random_configs(rng_cfg, 3, "c")

modules = [("attention_a", module_a), ("attention_b", module_b),
           ("attention_c", module_c)]

report = Report("attn.attention vs float64 reference (f32 tol %g)" % TOL)
total = sum(len(cfgs) for _, cfgs in modules)
report.expect(total >= 30, "configuration count", "%d configurations" % total)

rng = np.random.default_rng(SEED + 1)
for mod_name, cfgs in modules:
    text = module_text([attention_func(c) for c in cfgs],
                       header="attention_random.py: " + mod_name)
    t0 = time.time()
    try:
        lib = attn.compile(text, name=mod_name)
    except attn.CompileError as e:
        for c in cfgs:
            report.fail(c.name, "module %s did not compile" % mod_name)
        print(str(e))
        print("---- module text ----\n" + text)
        continue
    print("compiled %s (%d functions) in %.1fs" % (mod_name, len(cfgs),
                                                   time.time() - t0))
    for c in cfgs:
        inputs = attention_inputs(c, rng)
        mask = inputs[3] if c.mask is not None else None
        expected = reference.sdpa(*inputs[:3], mask=mask, scale=c.scale,
                                       causal=c.causal)
        try:
            out = getattr(lib, c.name)(*inputs)
        except (attn.AttnError, ValueError) as e:
            report.fail(c.name, "call failed: %s [%s]" % (e, c.describe()))
            continue
        detail = c.describe()
        forms = [a.get("form") for a in
                 (getattr(lib, c.name).schedule or {}).get("attention", [])
                 if isinstance(a, dict)]
        if forms:
            detail += " form=%s" % ",".join(str(f) for f in forms)
        report.compare(c.name, out, expected, rtol=c.rtol, detail=detail)

report.finish()
