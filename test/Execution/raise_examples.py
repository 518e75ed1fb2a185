# RUN: %python %s
# The TOSA examples (examples/tosa/*.mlir: a GPT-2-style causal
# self-attention block and a ViT-style encoder self-attention block)
# compiled with attn-compile --raise: each must become one attn.attention
# and match an independent float64 numpy implementation of the block
# (relative error <= 1e-4).
import os

import numpy as np

import attn
from attn.testing import Report

TOL = 1e-4
EXAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir,
                        os.pardir, "examples", "tosa")


def attention_block(x, wq, bq, wk, bk, wv, bv, wo, bo, heads, causal):
    """y = x + MultiheadAttention(x) (torch.nn.Linear weights [out, in])."""
    x = x.astype(np.float64)
    b, n, e = x.shape
    d = e // heads

    def split(t):
        return t.reshape(b, n, heads, d).transpose(0, 2, 1, 3)

    q, k, v = (split(x @ w.T.astype(np.float64) + bb)
               for w, bb in ((wq, bq), (wk, bk), (wv, bv)))
    s = q @ k.transpose(0, 1, 3, 2) / np.sqrt(d)
    if causal:
        s = np.where(np.tril(np.ones((n, n), dtype=bool)), s, -np.inf)
    p = np.exp(s - s.max(axis=-1, keepdims=True))
    p /= p.sum(axis=-1, keepdims=True)
    o = (p @ v).transpose(0, 2, 1, 3).reshape(b, n, e)
    return x + o @ wo.T.astype(np.float64) + bo


report = Report("TOSA examples raised, fused, vs float64 numpy (tol %g)" % TOL)
rng = np.random.default_rng(5)
for name, heads, causal in (("gpt2_block", 4, True), ("vit_block", 3, False)):
    lib = attn.compile(os.path.join(EXAMPLES, name + ".mlir"),
                       extra_args=["--raise"], name=name)
    entry = lib.manifest["functions"][0]
    count = len(entry["schedule"]["attention"])
    report.expect(count == 1, name + " raised and fused",
                  "%d attention ops" % count)
    fn = getattr(lib, name)
    shapes = [tuple(a["shape"]) for a in entry["args"]]
    # Weights scaled like a trained layer's (unit-variance outputs).
    xs = [(rng.standard_normal(s) / np.sqrt(s[-1] if len(s) == 2 else 1.0))
          .astype(np.float32) for s in shapes]
    expected = attention_block(*xs, heads=heads, causal=causal)
    report.compare(name, fn(*xs), expected, rtol=TOL)
report.finish()
