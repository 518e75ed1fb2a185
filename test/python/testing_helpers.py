# RUN: %python %s
#
# The helpers the execution tests rely on (attn.testing): compare() must catch
# what it claims to catch (NaN, masking disagreements, non-finite values,
# shape mismatches, errors over the tolerance), Func.evaluate must agree with
# the references called directly, and every op the builder writes must parse
# and verify with attn-opt. Needs attn-opt (on PATH under lit), no compiler.

import os
import shutil
import subprocess
import tempfile

import numpy as np

from attn import reference as ref
from attn.testing import (AttnConfig, Func, MaskSpec, Report, attention_func,
                          attention_inputs, compare, make_mask, module_text)

report = Report("attn.testing helpers")
rng = np.random.default_rng(3)

# -- compare ---------------------------------------------------------------------
x = rng.standard_normal((3, 4))
report.expect(compare(x.astype(np.float32), x)[0], "compare: f32 rounding passes")
y = x.copy()
y[1, 2] += 2e-4 * np.abs(x).max()
report.expect(not compare(y, x)[0], "compare: error 2e-4 fails at 1e-4")
report.expect(compare(y, x, rtol=1e-3)[0], "compare: error 2e-4 passes at 1e-3")
y = x.copy()
y[0, 0] = np.nan
report.expect(not compare(y, x, rtol=1e9)[0], "compare: NaN always fails")
y = x.copy()
y[0, 1] = np.inf
report.expect(not compare(y, x, rtol=1e9)[0], "compare: inf fails")
report.expect(not compare(x[:2], x)[0], "compare: shape mismatch fails")
m = x.copy()
m[2, 3] = -np.inf
y = m.copy()
y[2, 3] = -1e30
report.expect(compare(y, m)[0], "compare: -1e30 matches a -inf reference")
y[2, 3] = -1e20
report.expect(not compare(y, m, rtol=1e9)[0],
              "compare: unmasked output where the reference masks fails")
y = m.copy()
y[0, 0] = -np.inf
report.expect(not compare(y, m, rtol=1e9)[0],
              "compare: masked output where the reference is finite fails")
z = np.zeros((2, 2))
report.expect(compare(z, z)[0] and not compare(z + 1e-5, z)[0],
              "compare: all-zero reference uses the 1e-6 floor")

# -- masks -------------------------------------------------------------------------
mb = make_mask(rng, MaskSpec((10, 12), "bool", full_rows=3))
report.expect(mb.dtype == np.bool_ and (~mb.any(axis=1)).sum() >= 3,
              "make_mask: bool with fully masked rows")
ma = make_mask(rng, MaskSpec((2, 1, 10, 12), "additive", full_rows=2))
report.expect(ma.dtype == np.float32 and
              ((ma <= -1e30).all(axis=-1)).sum() >= 2 and
              np.isneginf(ma).any() and (ma == np.float32(-1e30)).any(),
              "make_mask: additive with -inf, -1e30 and full rows")
mf = make_mask(rng, MaskSpec((2, 1, 1, 12), "bool", full_rows=1))
report.expect(not mf[0].any(), "make_mask: [B,1,1,M] masks batch 0 entirely")

# -- Func.evaluate == direct reference calls ---------------------------------------
cfg = AttnConfig("cfg", B=2, Hq=4, Hkv=2, N=5, M=7, D=8, Dv=6,
                 mask=MaskSpec((5, 7), "additive", full_rows=1),
                 causal="bottom_right", scale=0.3)
f = attention_func(cfg)
xs = attention_inputs(cfg, rng)
got = f.evaluate(xs)[0]
want = ref.sdpa(*xs[:3], mask=xs[3], scale=np.float32(0.3),
                causal="bottom_right")
report.expect(np.array_equal(got, want), "Func.evaluate: attention")

g = Func("graph")
a = g.arg([2, 5, 8], name="x")
w = g.arg([8, 8], name="w")
bm = g.arg([5, 5], "i1", name="m")
h = g.split_heads(g.linear(a, w), 2)
s = g.scale(g.matmul(h, h, transpose_rhs=True), 0.5)
p = g.softmax(g.mask(s, bm), -1)
o = g.merge_heads(g.matmul(p, h))
t = g.transpose(g.reshape(o, [2, 5, 2, 4]), [0, 2, 1, 3])
g.ret(o, g.add(t, g.arg([4], name="bias")))
xs = g.random_inputs(rng)
o_got, t_got = g.evaluate(xs)
hh = ref.split_heads(ref.linear(xs[0], xs[1]), 2)
pp = ref.softmax(ref.mask(ref.scale(ref.matmul(hh, hh, False, True), 0.5),
                          xs[2]), -1)
o_want = ref.merge_heads(ref.matmul(pp, hh))
t_want = o_want.reshape(2, 5, 2, 4).transpose(0, 2, 1, 3) + xs[3]
report.expect(np.array_equal(o_got, o_want) and np.array_equal(t_got, t_want),
              "Func.evaluate: graph ops")

# -- the builder's text parses and verifies ----------------------------------------
opt = shutil.which("attn-opt")
if opt is None:
    local = os.path.join(os.path.dirname(__file__), os.pardir, os.pardir,
                         "build", "bin", "attn-opt")
    opt = local if os.path.isfile(local) else None
if opt is None:
    report.fail("attn-opt", "attn-opt not found on PATH")
else:
    every = Func("every_op")
    q = every.arg([1, 4, 3, 8], name="q")
    k = every.arg([1, 2, 5, 8], name="k")
    v = every.arg([1, 2, 5, 6], name="v")
    mk = every.arg([1, 1, 3, 5], "i1", name="mask")
    r1 = every.attention(q, k, v, mask=mk, scale=0.1, causal="top_left")
    r2 = every.attention(q, k, v, causal="bottom_right")
    r3 = every.attention(q, k, v)
    x = every.arg([2, 3, 8])
    lw, lb = every.arg([8, 8]), every.arg([8])
    y = every.split_heads(every.linear(x, lw, lb), 2)
    z = every.matmul(y, y, transpose_lhs=True)
    z = every.add(every.scale(z, 1e-3), every.arg([4]))
    z = every.softmax(every.mask(z, every.arg([4, 4])), 2)
    mh = every.merge_heads(every.transpose(y, [0, 1, 2, 3]))
    rs = every.reshape(mh, [6, 8])
    every.ret(r1, r2, r3, z, rs)
    text = module_text([every, attention_func(cfg), g])
    with tempfile.NamedTemporaryFile("w", suffix=".mlir", delete=False) as fh:
        fh.write(text)
    try:
        proc = subprocess.run([opt, fh.name], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE)
    finally:
        os.unlink(fh.name)
    report.expect(proc.returncode == 0, "builder text verifies with attn-opt",
                  proc.stderr.decode()[:500] or "ok")

report.finish()
