# RUN: %python %s
#
# attn.additive_attention (Bahdanau) against the float64 reference
# (attn.reference.additive_attention) on seeded configurations: odd sizes
# (N=13, M=29, Dq=7, Dk=5, Dv=3, A=11), N != M both ways, B > 1, every size
# 1, more keys than one block (M = 300, 257), boolean masks of rank 1, 2 and
# 3 with fully masked rows (which must give zeros) and a fully masked batch,
# inputs large enough that every tanh saturates, and scores large enough
# that a softmax without its max subtraction would overflow.
#
# Tolerance (f32): max|out - ref| / max(max|ref|, 1e-6) <= 1e-4, no NaN.
#
# Then the kernel's tanh itself, read back through the softmax: with one
# query feature x, keys [-100, 0], A = 1 and values [0, 1], the output is
# sigmoid(tanh(x) - tanh(x - 100)) = sigmoid(tanh(x) + 1), so
# logit(out) - 1 recovers tanh(x); over x in [-20, 20] it must match
# numpy's tanh within 5e-6 (the softmax's exp is accurate to ~1e-6).

import numpy as np

import attn
from attn.testing import (Func, MaskSpec, Report, additive_attention,
                          make_mask, module_text)

SEED = 20250301
TOL = 1e-4


class Config:
    def __init__(self, name, B=1, N=1, M=1, Dq=8, Dk=None, Dv=None, A=8,
                 mask=None, input_scale=1.0, va_scale=1.0, note=""):
        self.name = name
        self.B, self.N, self.M, self.Dq = B, N, M, Dq
        self.Dk = Dq if Dk is None else Dk
        self.Dv = Dq if Dv is None else Dv
        self.A = A
        self.mask = mask
        self.input_scale = input_scale
        self.va_scale = va_scale
        self.note = note

    def describe(self):
        s = "B=%d N=%d M=%d Dq=%d Dk=%d Dv=%d A=%d" % (
            self.B, self.N, self.M, self.Dq, self.Dk, self.Dv, self.A)
        if self.mask is not None:
            s += " mask=%r" % self.mask
        if self.input_scale != 1.0:
            s += " inputs x%g" % self.input_scale
        if self.va_scale != 1.0:
            s += " v x%g" % self.va_scale
        if self.note:
            s += " " + self.note
        return s

    def func(self):
        f = Func(self.name)
        q = f.arg((self.B, self.N, self.Dq), name="q")
        k = f.arg((self.B, self.M, self.Dk), name="k")
        v = f.arg((self.B, self.M, self.Dv), name="v")
        wq = f.arg((self.A, self.Dq), name="wq")
        wk = f.arg((self.A, self.Dk), name="wk")
        va = f.arg((self.A,), name="va")
        m = None
        if self.mask is not None:
            m = f.arg(self.mask.shape, "i1", name="mask")
        f.ret(additive_attention(f, q, k, v, wq, wk, va, mask=m))
        return f

    def inputs(self, rng):
        """q, k, v ~ N(0, 1)·input_scale; Wq, Wk ~ N(0, 1/D) (projections of
        order one, times input_scale); v ~ N(0, 1)·va_scale."""
        def normal(shape, scale=1.0):
            return (rng.standard_normal(shape) * scale).astype(np.float32)
        s = self.input_scale
        xs = [normal((self.B, self.N, self.Dq), s),
              normal((self.B, self.M, self.Dk), s),
              normal((self.B, self.M, self.Dv)),
              normal((self.A, self.Dq), 1 / np.sqrt(self.Dq)),
              normal((self.A, self.Dk), 1 / np.sqrt(self.Dk)),
              normal((self.A,), self.va_scale)]
        if self.mask is not None:
            xs.append(make_mask(rng, self.mask))
        return xs


C = Config
configs = [
    C("brief_sizes", B=2, N=13, M=29, Dq=7, Dk=5, Dv=3, A=11),
    C("all_ones", B=1, N=1, M=1, Dq=1, Dk=1, Dv=1, A=1),
    C("decode_n1", N=1, M=100, Dq=16, Dv=24, A=32),
    C("n_gt_m", B=2, N=33, M=7, Dq=9, Dk=3, Dv=17, A=5),
    C("two_blocks_m300", B=3, N=17, M=300, Dq=24, Dv=40, A=16,
      note="two key blocks"),
    C("m257_n5", N=5, M=257, Dq=6, Dk=10, Dv=8, A=12, note="two key blocks"),
    C("a1_dv1", B=2, N=9, M=11, Dq=3, Dk=2, Dv=1, A=1),
    C("square_64", B=2, N=64, M=64, Dq=64, Dv=64, A=64),
    C("mask_bnm_full_rows", B=2, N=13, M=29, Dq=7, Dk=5, Dv=3, A=11,
      mask=MaskSpec((2, 13, 29), "bool", full_rows=3)),
    C("mask_nm_full_rows", B=3, N=20, M=31, Dq=8, Dv=5, A=7,
      mask=MaskSpec((20, 31), "bool", full_rows=4, keep=0.4)),
    C("mask_b1m_full_batch", B=2, N=7, M=29, Dq=5, Dv=6, A=9,
      mask=MaskSpec((2, 1, 29), "bool", full_rows=1),
      note="batch 0 fully masked"),
    C("mask_rank1", B=2, N=5, M=300, Dq=4, Dv=3, A=6,
      mask=MaskSpec((300,), "bool", keep=0.1), note="sparse keys, two blocks"),
    C("mask_all", N=6, M=10, Dq=4, Dv=3, A=6,
      mask=MaskSpec((10,), "bool", full_rows="all"),
      note="every key masked -> zeros"),
    C("saturated_tanh", B=2, N=13, M=29, Dq=7, Dk=5, Dv=3, A=11,
      input_scale=30, note="|Wq q + Wk k| mostly > 9"),
    C("large_scores", B=2, N=15, M=40, Dq=8, Dv=8, A=32, input_scale=30,
      va_scale=30, note="scores ~ 1e3"),
    C("large_scores_masked", N=21, M=19, Dq=8, Dk=4, Dv=5, A=16,
      input_scale=10, va_scale=20,
      mask=MaskSpec((1, 21, 19), "bool", full_rows=2)),
]


def random_configs(rng, count):
    sizes = [1, 2, 3, 7, 13, 29, 64, 100]
    out = []
    for i in range(count):
        B = int(rng.choice([1, 2, 3]))
        N, M = int(rng.choice(sizes)), int(rng.choice(sizes))
        Dq, Dk, Dv, A = (int(rng.choice([1, 3, 5, 8, 16, 33]))
                         for _ in range(4))
        mask = None
        if rng.random() < 0.5:
            forms = [(B, N, M), (N, M), (B, 1, M), (M,), (1, N, 1)]
            mask = MaskSpec(forms[int(rng.integers(len(forms)))], "bool",
                            full_rows=int(rng.integers(0, 3)))
        out.append(C("random%d" % i, B=B, N=N, M=M, Dq=Dq, Dk=Dk, Dv=Dv, A=A,
                     mask=mask))
    return out


configs += random_configs(np.random.default_rng(SEED), 6)

report = Report("attn.additive_attention vs float64 reference (f32 tol %g)"
                % TOL)
funcs = [c.func() for c in configs]

# The tanh probe: q [1, P, 1] = x, keys [-100, 0], Wq = Wk = v = [[1]].
XS = np.concatenate([np.linspace(-20, 20, 401), [0.0, 1e-6, -1e-6, 0.6249,
                                                  0.6251, -0.625, 9.0, -9.0,
                                                  8.999, 9.001]])
probe = Func("tanh_probe")
pq = probe.arg((1, len(XS), 1), name="q")
pk = probe.arg((1, 2, 1), name="k")
pv = probe.arg((1, 2, 1), name="v")
pw = probe.arg((1, 1), name="w")
pva = probe.arg((1,), name="va")
probe.ret(additive_attention(probe, pq, pk, pv, pw, pw, pva))
funcs.append(probe)

lib = attn.compile(module_text(funcs, header="additive_attention.py"),
                   name="additive_attention")
rng = np.random.default_rng(SEED + 1)
for c, f in zip(configs, funcs):
    xs = c.inputs(rng)
    expected = f.evaluate(xs)[0]
    out = getattr(lib, c.name)(*xs)
    report.compare(c.name, out, expected, rtol=TOL, detail=c.describe())
    if c.mask is not None:
        # Rows whose keys are all masked must be exactly zero.
        keep = np.broadcast_to(xs[-1], (c.B, c.N, c.M))
        empty = ~keep.any(axis=-1)
        if empty.any():
            report.expect(np.all(out[empty] == 0.0), c.name + " zero rows",
                          "%d fully masked rows are zeros" % empty.sum())

x = XS.astype(np.float32)
out = lib.tanh_probe(x.reshape(1, -1, 1),
                     np.array([[[-100.0], [0.0]]], np.float32),
                     np.array([[[0.0], [1.0]]], np.float32),
                     np.ones((1, 1), np.float32), np.ones(1, np.float32))
p = out.reshape(-1).astype(np.float64)
recovered = np.log(p / (1 - p)) - 1
err = np.max(np.abs(recovered - np.tanh(x.astype(np.float64))))
report.expect(err <= 5e-6, "tanh probe",
              "max |tanh recovered - numpy tanh| = %.2e over %d points "
              "(<= 5e-6)" % (err, len(x)))
report.finish()
