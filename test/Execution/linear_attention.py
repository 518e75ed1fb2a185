# RUN: %python %s
#
# attn.linear_attention (phi = elu + 1) against the float64 reference
# attn.reference.linear_attention, which builds the explicit N×M weight
# matrix phi(Q)·phi(K)ᵀ (lower triangle when causal) and so checks the
# code generator's chunked prefix-sum algorithm independently. The
# reference itself is first checked against the recurrent form
# (S_i = S_{i-1} + phi(k_i) v_iᵀ, z_i = z_{i-1} + phi(k_i), row by row).
#
# Configurations: N = M in {1, 2, 63, 64, 65, 200, 1000} (chunks of 64 rows:
# below, at and past a chunk, tails), causal and not; N != M (non-causal
# only); odd head dims D / Dv (1, 5, 33) and 64; B > 1; H > 1; GQA 4:2 and
# 6:2, MQA 3:1; large-magnitude inputs: q, k ~ N(0, 30²) (elu saturates at
# -1, phi = e^x underflows towards 0, x + 1 grows), and queries that are all
# negative (scaled by 100, so that a whole row of phi(q) would underflow in
# f32 without the per-row rescaling).
#
# One more function uses the op inside a graph (split_heads, merge_heads,
# scale around it).
#
# Tolerance (f32): relative error max|out - ref| / max|ref| over the whole
# output (attn.testing.compare; any NaN or inf fails) <= 1e-4.

import numpy as np

import attn
from attn import reference
from attn.testing import Report, module_text, tensor_type

SEED = 20250301
TOL = 1e-4


class Case:
    def __init__(self, name, B=1, H=1, Hkv=None, N=1, M=None, D=16, Dv=None,
                 causal=False, scale=1.0, negative_q=False):
        self.name = name
        self.B, self.H = B, H
        self.Hkv = H if Hkv is None else Hkv
        self.N = N
        self.M = N if M is None else M
        self.D = D
        self.Dv = D if Dv is None else Dv
        self.causal = causal
        self.scale = scale
        self.negative_q = negative_q

    @property
    def shapes(self):
        return ((self.B, self.H, self.N, self.D),
                (self.B, self.Hkv, self.M, self.D),
                (self.B, self.Hkv, self.M, self.Dv),
                (self.B, self.H, self.N, self.Dv))

    def text(self):
        q, k, v, o = [tensor_type(s) for s in self.shapes]
        return "\n".join([
            "func.func @%s(%%q: %s, %%k: %s, %%v: %s) -> %s {"
            % (self.name, q, k, v, o),
            "  %%0 = attn.linear_attention %%q, %%k, %%v%s : %s, %s, %s -> %s"
            % (" causal" if self.causal else "", q, k, v, o),
            "  return %%0 : %s" % o,
            "}"])

    def inputs(self, rng):
        qs, ks, vs, _ = self.shapes
        q = rng.standard_normal(qs) * self.scale
        if self.negative_q:
            q = -np.abs(q)
        k = rng.standard_normal(ks) * self.scale
        v = rng.standard_normal(vs)
        return [x.astype(np.float32) for x in (q, k, v)]

    def describe(self):
        s = "B=%d H=%d Hkv=%d N=%d M=%d D=%d Dv=%d%s" % (
            self.B, self.H, self.Hkv, self.N, self.M, self.D, self.Dv,
            " causal" if self.causal else "")
        if self.scale != 1.0:
            s += " inputs x%g" % self.scale
        if self.negative_q:
            s += " q < 0"
        return s


def C(*args, **kwargs):
    return Case(*args, **kwargs)


# Every sequence length, causal and not, with odd and even head dims.
lengths = [1, 2, 63, 64, 65, 200, 1000]
dims = [(5, 33), (33, 5), (16, 16), (64, 64), (5, 1), (1, 40), (33, 33)]
heads = [(2, 2, 2), (1, 4, 2), (2, 3, 1), (1, 2, 2), (2, 6, 2), (1, 1, 1),
         (1, 4, 2)]
square = []
for causal in (False, True):
    for i, n in enumerate(lengths):
        j = (i + (3 if causal else 0)) % len(dims)
        d, dv = dims[j]
        b, h, hkv = heads[(i + j) % len(heads)]
        square.append(C("%s_n%d" % ("causal" if causal else "full", n),
                        B=b, H=h, Hkv=hkv, N=n, D=d, Dv=dv, causal=causal))

module_a = square

module_b = [
    # Non-causal with N != M: the query tiles and the key chunks differ.
    C("full_n7_m300", B=2, H=4, Hkv=2, N=7, M=300, D=33, Dv=5),
    C("full_n200_m1", H=3, Hkv=1, N=200, M=1, D=5, Dv=33),
    C("full_n65_m1000", B=2, H=2, N=65, M=1000, D=16, Dv=40),
    C("full_n1_m129_mqa", H=6, Hkv=1, N=1, M=129, D=64, Dv=64),
    C("full_n1000_m63", H=2, Hkv=1, N=1000, M=63, D=33, Dv=33),
    # Large magnitudes.
    C("full_large_n200", B=2, H=4, Hkv=2, N=200, D=5, Dv=33, scale=30),
    C("causal_large_n200", B=2, H=4, Hkv=2, N=200, D=5, Dv=33, causal=True,
      scale=30),
    C("causal_large_n1000_d33", H=2, N=1000, D=33, Dv=16, causal=True,
      scale=30),
    C("full_large_n63_m1000", H=2, N=63, M=1000, D=64, Dv=5, scale=30),
    C("causal_negative_q_n65", H=2, N=65, D=5, Dv=16, causal=True, scale=100,
      negative_q=True),
    C("full_negative_q_n200_m65", H=4, Hkv=2, N=200, M=65, D=5, Dv=5,
      scale=100, negative_q=True),
]


# Inside a graph: heads split from [B, N, H·D] inputs, the result merged
# back and scaled, so that the op's input and output are Halide stages
# rather than buffers.
CHAIN_B, CHAIN_N, CHAIN_H, CHAIN_D = 2, 70, 3, 5
CHAIN_TEXT = """
func.func @chain(%x: tensor<2x70x15xf32>, %y: tensor<2x70x15xf32>) -> tensor<2x70x15xf32> {
  %q = attn.split_heads %x : tensor<2x70x15xf32> -> tensor<2x3x70x5xf32>
  %k = attn.split_heads %y : tensor<2x70x15xf32> -> tensor<2x3x70x5xf32>
  %o = attn.linear_attention %q, %k, %q causal : tensor<2x3x70x5xf32>, tensor<2x3x70x5xf32>, tensor<2x3x70x5xf32> -> tensor<2x3x70x5xf32>
  %m = attn.merge_heads %o : tensor<2x3x70x5xf32> -> tensor<2x70x15xf32>
  %r = attn.scale %m by 2.000000e+00 : tensor<2x70x15xf32>
  return %r : tensor<2x70x15xf32>
}
"""


def chain_reference(x, y):
    q = reference.split_heads(x, CHAIN_H)
    k = reference.split_heads(y, CHAIN_H)
    o = reference.linear_attention(q, k, q, causal=True)
    return 2.0 * reference.merge_heads(o)


def recurrent_reference(q, k, v, causal):
    """Row by row with running sums: the RNN form of linear attention."""
    q, k, v = (np.asarray(x, np.float64) for x in (q, k, v))
    b, h, n, d = q.shape
    group = h // k.shape[1]
    phi = reference.elu_plus_one
    out = np.zeros((b, h, n, v.shape[3]))
    for bi in range(b):
        for hi in range(h):
            fk, vv = phi(k[bi, hi // group]), v[bi, hi // group]
            s = np.zeros((d, v.shape[3]))
            z = np.zeros(d)
            if not causal:
                s, z = fk.T @ vv, fk.sum(axis=0)
            for i in range(n):
                if causal:
                    s += np.outer(fk[i], vv[i])
                    z += fk[i]
                fq = phi(q[bi, hi, i])
                out[bi, hi, i] = fq @ s / (fq @ z)
    return out


def main():
    rng = np.random.default_rng(SEED)
    report = Report("linear_attention")

    # The reference against the recurrent form, including large inputs.
    for case in [C("r1", B=2, H=4, Hkv=2, N=37, D=5, Dv=3, causal=True),
                 C("r2", H=3, Hkv=1, N=9, M=23, D=4, Dv=6),
                 C("r3", H=2, N=30, D=3, Dv=2, causal=True, scale=30)]:
        q, k, v = case.inputs(rng)
        got = reference.linear_attention(q, k, v, causal=case.causal)
        want = recurrent_reference(q, k, v, case.causal)
        err = float(np.max(np.abs(got - want)) / np.max(np.abs(want)))
        report.expect(err <= 1e-12, "reference_vs_recurrent_" + case.name,
                      "relative difference %.2e [%s]" % (err,
                                                         case.describe()))

    for index, module in enumerate([module_a, module_b]):
        lib = attn.compile(module_text([c.text() for c in module]),
                           name="linear_attention_%d" % index)
        for case in module:
            q, k, v = case.inputs(rng)
            out = getattr(lib, case.name)(q, k, v)
            expected = reference.linear_attention(q, k, v,
                                                  causal=case.causal)
            report.compare(case.name, out, expected, TOL,
                           detail=case.describe())

    lib = attn.compile(CHAIN_TEXT, name="linear_attention_chain")
    x, y = (rng.standard_normal((CHAIN_B, CHAIN_N, CHAIN_H * CHAIN_D))
            .astype(np.float32) for _ in range(2))
    report.compare("chain_split_linear_merge_scale", lib.chain(x, y),
                   chain_reference(x, y), TOL,
                   detail="split_heads -> causal linear_attention (v = q) "
                          "-> merge_heads -> scale")
    report.finish()


if __name__ == "__main__":
    main()
