# RUN: %python %s
#
# attn.luong_attention against the float64 reference
# (attn.reference.luong_attention): the dot, general and concat scores,
# global (dot and general through attn.attention, concat through the
# additive kernel) and local with monotonic and predictive alignment.
# Seeded configurations cover odd sizes (N=13, M=29, Dq=7, Dk=5, Dv=3,
# A=11), N != M both ways (rows whose monotonic window lies past the last
# key give zeros), B > 1, every size 1, D = 0, windows wider than M, long
# key ranges (M = 1000: attn.attention's online form; local windows that
# touch 17 of 1000 keys), boolean masks of rank 1, 2 and 3 with fully masked
# rows, large logits (integer-valued inputs, so that scores of ~1e3 are
# exact in f32) and inputs that saturate every tanh (local-p centers pinned
# to the ends, M·sigmoid = M clamped to the last key).
#
# Tolerance (f32): max|out - ref| / max(max|ref|, 1e-6) <= 1e-4, no NaN.
#
# Local-p windows start at floor(p_i): where a float64 p_i lies within 1e-3
# of an integer, f32 may round it to the other side and move the whole
# window, so such inputs are redrawn (the redraw is seeded, and the margin
# of each case is printed).

import numpy as np

import attn
from attn import reference
from attn.testing import (Func, MaskSpec, Report, luong_attention, make_mask,
                          module_text)

SEED = 20250302
TOL = 1e-4
MARGIN = 1e-3


class Config:
    def __init__(self, name, score="dot", local=None, D=None, B=1, N=1, M=1,
                 Dq=8, Dk=None, Dv=None, A=8, Ap=6, mask=None, input_scale=1.0,
                 integer=False, align_scale=1.0, note=""):
        self.name, self.score, self.local, self.D = name, score, local, D
        self.B, self.N, self.M, self.Dq = B, N, M, Dq
        self.Dk = Dq if Dk is None else Dk
        self.Dv = Dq if Dv is None else Dv
        self.A, self.Ap = A, Ap
        self.mask = mask
        self.input_scale = input_scale
        self.integer = integer
        self.align_scale = align_scale
        self.note = note

    def describe(self):
        s = "score=%s" % self.score
        if self.local:
            s += " local=%s D=%d" % (self.local, self.D)
        s += " B=%d N=%d M=%d Dq=%d Dk=%d Dv=%d" % (self.B, self.N, self.M,
                                                   self.Dq, self.Dk, self.Dv)
        if self.score == "concat":
            s += " A=%d" % self.A
        if self.local == "predictive":
            s += " Ap=%d" % self.Ap
        if self.mask is not None:
            s += " mask=%r" % self.mask
        if self.input_scale != 1.0:
            s += " %sinputs x%g" % ("integer " if self.integer else "",
                                    self.input_scale)
        if self.note:
            s += " " + self.note
        return s

    def func(self):
        f = Func(self.name)
        q = f.arg((self.B, self.N, self.Dq), name="q")
        k = f.arg((self.B, self.M, self.Dk), name="k")
        v = f.arg((self.B, self.M, self.Dv), name="v")
        weights = []
        if self.score == "general":
            weights = [f.arg((self.Dq, self.Dk), name="w")]
        elif self.score == "concat":
            weights = [f.arg((self.A, self.Dq + self.Dk), name="wa"),
                       f.arg((self.A,), name="va")]
        align = []
        if self.local == "predictive":
            align = [f.arg((self.Ap, self.Dq), name="wp"),
                     f.arg((self.Ap,), name="vp")]
        m = None
        if self.mask is not None:
            m = f.arg(self.mask.shape, "i1", name="mask")
        f.ret(luong_attention(f, q, k, v, self.score, weights, self.local,
                              self.D, align, mask=m))
        return f

    def _normal(self, rng, shape, scale, integer=False):
        x = rng.standard_normal(shape) * scale
        return (np.round(x) if integer else x).astype(np.float32)

    def inputs(self, rng):
        """In argument order; for local-p, redrawn until every float64 p_i
        is at least MARGIN away from the integers 1..M-1."""
        s, integer = self.input_scale, self.integer
        for attempt in range(100):
            q = self._normal(rng, (self.B, self.N, self.Dq), s, integer)
            k = self._normal(rng, (self.B, self.M, self.Dk), s, integer)
            v = self._normal(rng, (self.B, self.M, self.Dv), 1.0)
            xs = [q, k, v]
            if self.score == "general":
                xs.append(self._normal(rng, (self.Dq, self.Dk),
                                       1 if integer else 1 / np.sqrt(self.Dq),
                                       integer))
            elif self.score == "concat":
                xs.append(self._normal(rng, (self.A, self.Dq + self.Dk),
                                       1 / np.sqrt(self.Dq + self.Dk)))
                xs.append(self._normal(rng, (self.A,), 1.0))
            self.margin = None
            if self.local == "predictive":
                wp = self._normal(rng, (self.Ap, self.Dq), 1 / np.sqrt(self.Dq))
                vp = self._normal(rng, (self.Ap,), self.align_scale)
                xs += [wp, vp]
                p = reference.luong_positions(q, wp, vp, self.M)
                inner = p[(p > 0.5) & (p < self.M - 0.5)]
                self.margin = (float(np.min(np.abs(inner - np.round(inner))))
                               if inner.size else 0.5)
                if self.margin < MARGIN:
                    continue
            if self.mask is not None:
                xs.append(make_mask(rng, self.mask))
            return xs
        raise RuntimeError("%s: no local-p inputs away from integer positions"
                           % self.name)


C = Config
BRIEF = dict(B=2, N=13, M=29, Dq=7, Dk=5, Dv=3, A=11)
configs = [
    # -- global --------------------------------------------------------------
    C("g_dot", B=2, N=13, M=29, Dq=8, Dv=3),
    C("g_general", "general", mask=MaskSpec((2, 13, 29), "bool", full_rows=3),
      **BRIEF),
    C("g_concat", "concat", mask=MaskSpec((13, 29), "bool", full_rows=2),
      **BRIEF),
    C("g_dot_ones", Dq=1, Dv=1),
    C("g_general_decode_long", "general", B=2, N=1, M=1000, Dq=16, Dk=32, Dv=8,
      mask=MaskSpec((2, 1, 1000), "bool", keep=0.5),
      note="online form, KV splits"),
    C("g_dot_large_int", B=2, N=17, M=33, Dq=16, Dv=8, input_scale=8,
      integer=True, note="logits ~1e3, exact"),
    C("g_general_large_int", "general", N=9, M=12, Dq=5, Dk=6, Dv=4,
      input_scale=6, integer=True),
    C("g_concat_saturated", "concat", input_scale=30, **BRIEF),
    C("g_concat_n_gt_m", "concat", N=40, M=7, Dq=3, Dk=9, Dv=5, A=4),
    C("g_general_all_masked", "general", N=5, M=6, Dq=3, Dk=4, Dv=2,
      mask=MaskSpec((6,), "bool", full_rows="all"), note="zeros"),
    # -- local, monotonic ------------------------------------------------------
    C("m_dot_d2", local="monotonic", D=2, B=2, N=13, M=29, Dq=8, Dv=3),
    C("m_general_d0", "general", "monotonic", 0, **BRIEF),
    C("m_concat_d3_mask", "concat", "monotonic", 3,
      mask=MaskSpec((2, 13, 29), "bool", full_rows=2), **BRIEF),
    C("m_dot_n_gt_m", local="monotonic", D=3, B=2, N=29, M=13, Dq=5, Dv=6,
      note="rows 16.. have no key"),
    C("m_general_wide", "general", "monotonic", 50, **BRIEF),
    C("m_dot_ones", local="monotonic", D=0, Dq=1, Dv=1),
    C("m_concat_d0_mask", "concat", "monotonic", 0,
      mask=MaskSpec((13, 29), "bool", keep=0.5), **BRIEF),
    C("m_dot_large_int", local="monotonic", D=4, N=40, M=37, Dq=16, Dv=8,
      input_scale=8, integer=True),
    C("m_general_long", "general", "monotonic", 8, B=2, N=200, M=1000, Dq=24,
      Dk=64, Dv=40, mask=MaskSpec((1000,), "bool", keep=0.8)),
    # -- local, predictive -----------------------------------------------------
    C("p_dot_d4", local="predictive", D=4, B=2, N=13, M=29, Dq=8, Dv=3),
    C("p_general_d0", "general", "predictive", 0, **BRIEF),
    C("p_concat_d2_mask", "concat", "predictive", 2,
      mask=MaskSpec((2, 13, 29), "bool", full_rows=3), **BRIEF),
    C("p_dot_wide", local="predictive", D=40, B=2, N=13, M=29, Dq=8, Dv=3),
    C("p_general_m1", "general", "predictive", 1, B=2, N=5, M=1, Dq=3, Dk=2,
      Dv=4, Ap=1),
    C("p_concat_n1", "concat", "predictive", 3, N=1, M=50, Dq=6, Dk=6, Dv=5,
      A=9),
    C("p_dot_saturated", local="predictive", D=2, B=2, N=13, M=29, Dq=8, Dv=3,
      input_scale=30, align_scale=30,
      note="saturated: p = M·sigmoid rounds to 0 or M (center M - 1)"),
    C("p_concat_long", "concat", "predictive", 8, B=2, N=100, M=300, Dq=16,
      Dk=12, Dv=24, A=16, Ap=16),
    C("p_general_b3_d1", "general", "predictive", 1, B=3, N=7, M=60, Dq=6,
      Dk=4, Dv=5, mask=MaskSpec((3, 1, 60), "bool", keep=0.7)),
]


def random_configs(rng, count):
    sizes = [1, 2, 7, 13, 29, 64]
    out = []
    for i in range(count):
        score = ["dot", "general", "concat"][int(rng.integers(3))]
        local = [None, "monotonic", "predictive"][int(rng.integers(3))]
        B = int(rng.choice([1, 2, 3]))
        N, M = int(rng.choice(sizes)), int(rng.choice(sizes))
        Dq, Dk, Dv, A, Ap = (int(rng.choice([1, 3, 5, 8, 16]))
                             for _ in range(5))
        if score == "dot":
            Dk = Dq
        D = int(rng.choice([0, 1, 2, 5, 40])) if local else None
        mask = None
        if rng.random() < 0.5:
            forms = [(B, N, M), (N, M), (B, 1, M), (M,)]
            mask = MaskSpec(forms[int(rng.integers(len(forms)))], "bool",
                            full_rows=int(rng.integers(0, 3)))
        out.append(C("random%d" % i, score, local, D, B=B, N=N, M=M, Dq=Dq,
                     Dk=Dk, Dv=Dv, A=A, Ap=Ap, mask=mask))
    return out


configs += random_configs(np.random.default_rng(SEED), 8)

report = Report("attn.luong_attention vs float64 reference (f32 tol %g)"
                % TOL)
funcs = [c.func() for c in configs]
lib = attn.compile(module_text(funcs, header="luong_attention.py"),
                   name="luong_attention")
rng = np.random.default_rng(SEED + 1)
for c, f in zip(configs, funcs):
    xs = c.inputs(rng)
    expected = f.evaluate(xs)[0]
    out = getattr(lib, c.name)(*xs)
    detail = c.describe()
    if c.margin is not None:
        p = reference.luong_positions(xs[0], xs[-2 - (c.mask is not None)],
                                      xs[-1 - (c.mask is not None)], c.M)
        ends = int(np.sum(np.float32(p) >= c.M) + np.sum(np.float32(p) <= 0))
        detail += " p margin %.1e, %d p_i at 0 or M in f32" % (c.margin, ends)
    report.compare(c.name, out, expected, rtol=TOL, detail=detail)
    # Rows the reference leaves without a key must be exactly zero.
    empty = np.all(expected == 0.0, axis=-1)
    if empty.any():
        report.expect(np.all(out[empty] == 0.0), c.name + " zero rows",
                      "%d rows without a key are zeros" % empty.sum())
report.finish()
