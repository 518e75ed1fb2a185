# RUN: %python %s
# Attention written with graph ops, fused by --attn-fuse inside attn-compile:
# the manifest must show one attention per function (fusion happened) and
# the results must match the float64 reference of the unfused graph
# (relative error <= 1e-4, f32).
import numpy as np

import attn
from attn.testing import Func, Report, module_text

TOL = 1e-4
funcs = []


def chain(name, q_shape, k_shape, v_shape, k_transposed=False,
          v_transposed=False, q_scale=None, scale=None, mask=None,
          mask_dtype="f32", mask_then_scale=None):
    f = Func(name)
    q = f.arg(q_shape, name="q")
    k = f.arg(k_shape, name="k")
    v = f.arg(v_shape, name="v")
    m = f.arg(mask, dtype=mask_dtype, name="m") if mask else None
    if q_scale is not None:
        q = f.scale(q, q_scale)
    s = f.matmul(q, k, transpose_rhs=not k_transposed)
    if scale is not None:
        s = f.scale(s, scale)
    if m is not None:
        s = f.mask(s, m) if mask_dtype == "i1" else f.add(s, m)
    if mask_then_scale is not None:
        s = f.scale(s, mask_then_scale)
    p = f.softmax(s, -1)
    o = f.matmul(p, v, transpose_rhs=v_transposed)
    f.ret(o)
    funcs.append(f)


chain("rank4_scaled", (2, 4, 9, 16), (2, 4, 13, 16), (2, 4, 13, 24),
      scale=0.25)
chain("rank4_bool_mask_q_scale", (1, 8, 17, 32), (1, 8, 17, 32),
      (1, 8, 17, 32), q_scale=0.5, scale=0.3, mask=(17, 17), mask_dtype="i1")
chain("rank4_additive_then_scale", (1, 2, 7, 40), (1, 2, 30, 40),
      (1, 2, 30, 8), mask=(1, 1, 7, 30), mask_then_scale=0.125)
chain("rank4_mqa_transposed", (1, 6, 5, 16), (1, 1, 16, 11), (1, 1, 24, 11),
      k_transposed=True, v_transposed=True, scale=0.25)
chain("rank3_heads", (6, 33, 16), (6, 20, 16), (6, 20, 16), scale=0.25,
      mask=(33, 20))

report = Report("fused graph-op chains vs float64 reference (tol %g)" % TOL)
lib = attn.compile(module_text(funcs, header="fused_chains.py"),
                   name="fused_chains")
rng = np.random.default_rng(7)
for f in funcs:
    entry = [x for x in lib.manifest["functions"] if x["name"] == f.name][0]
    report.expect(len(entry["schedule"]["attention"]) == 1,
                  f.name + " fused into one attention",
                  "%d attention ops" % len(entry["schedule"]["attention"]))
    xs = f.random_inputs(rng)
    expected = f.evaluate(xs)[0]
    report.compare(f.name, getattr(lib, f.name)(*xs), expected, rtol=TOL)
report.finish()
