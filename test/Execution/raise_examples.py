# RUN: %python %s
# The TOSA examples (examples/tosa/*.mlir) compiled with attn-compile (which
# raises and fuses by default), compared with independent float64 numpy
# implementations (relative error <= 1e-4):
#
#  - gpt2_block: a whole GPT-2 decoder block (layer norms, Conv1D
#    projections with c_attn split into q / k / v, causal attention, MLP with
#    gelu_new, two residuals) against attn.reference.gpt2_block;
#  - vit_block: a ViT-style encoder self-attention block.
#
# Each must hold exactly one fused attention after raising.
import os
import re
import time

import numpy as np

import attn
from attn import reference as ref
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


def gpt2_inputs(args, rng, weight_scale):
    """x of unit variance; layer-norm weights near 1; Conv1D weights [in, out]
    N(0, weight_scale(in)²); biases N(0, 0.02²)."""
    xs = []
    for a in args:
        shape, name = tuple(a["shape"]), a["name"]
        if name.startswith("ln_") and name.endswith("weight"):
            v = 1.0 + 0.1 * rng.standard_normal(shape)
        elif name.endswith("weight"):
            v = weight_scale(shape[0]) * rng.standard_normal(shape)
        elif name.endswith("bias"):
            v = 0.02 * rng.standard_normal(shape)
        else:
            v = rng.standard_normal(shape)
        xs.append(v.astype(np.float32))
    return xs


def example_heads(path):
    """The head count the generator wrote in the example's first line."""
    with open(path) as f:
        match = re.search(r"--heads (\d+)", f.readline())
    return int(match.group(1)) if match else None


def linear_inputs(args, rng):
    """Weights scaled like a trained layer's (unit-variance outputs)."""
    return [(rng.standard_normal(a["shape"]) /
             np.sqrt(a["shape"][-1] if len(a["shape"]) == 2 else 1.0))
            .astype(np.float32) for a in args]


report = Report("TOSA examples raised, fused, vs float64 numpy (tol %g)" % TOL)
rng = np.random.default_rng(5)
for name in ("gpt2_block", "vit_block"):
    t0 = time.time()
    lib = attn.compile(os.path.join(EXAMPLES, name + ".mlir"), name=name)
    print("%s: compiled in %.1f s" % (name, time.time() - t0))
    entry = lib.manifest["functions"][0]
    count = len(entry["schedule"]["attention"])
    report.expect(count == 1, name + " raised and fused",
                  "%d attention ops" % count)
    fn = getattr(lib, name)
    if name == "gpt2_block":
        heads = example_heads(os.path.join(EXAMPLES, name + ".mlir"))
        report.expect(heads is not None, "gpt2_block names its head count")
        # GPT-2's initialization (weights N(0, 0.02²), what a trained model
        # is near), and weights N(0, 1/in) for which every branch (attention,
        # MLP) adds as much as the residual, so no error hides behind x.
        for label, scale in (("gpt2 init", lambda fan_in: 0.02),
                             ("unit branches", lambda fan_in: fan_in ** -0.5)):
            xs = gpt2_inputs(entry["args"], rng, scale)
            expected = ref.gpt2_block(*xs, heads=heads)
            report.compare("%s (%s)" % (name, label), fn(*xs), expected,
                           rtol=TOL)
    else:
        xs = linear_inputs(entry["args"], rng)
        expected = attention_block(*xs, heads=3, causal=False)
        report.compare(name, fn(*xs), expected, rtol=TOL)
report.finish()
