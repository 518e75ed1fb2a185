# RUN: %python %s
# The TOSA examples (examples/tosa/*.mlir) compiled with attn-compile (which
# raises and fuses by default), compared with independent float64 numpy
# implementations written from the models' definitions. Metric: relative
# error max|out - ref| / max|ref| <= 1e-4 (attn.testing.rel_error).
#
#  - gpt2_block: a whole GPT-2 decoder block (layer norms, Conv1D
#    projections with c_attn split into q / k / v, causal attention, MLP with
#    gelu_new, two residuals) against attn.reference.gpt2_block;
#  - vit_block: a whole ViT-Base encoder block (timm's Block: layer norms
#    eps 1e-6, nn.Linear qkv unpacked by reshape / permute / unbind, no mask,
#    exact GELU) against attn.reference.vit_block; and the same generator at
#    awkward sizes (batch > 1, one token, odd widths and head counts).
#
# Each must hold exactly one fused attention after raising.
import os
import re
import sys
import time

import numpy as np

import attn
from attn import reference as ref
from attn.testing import Report

TOL = 1e-4
EXAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir,
                        os.pardir, "examples", "tosa")
sys.path.insert(0, EXAMPLES)
import make_vit_block  # noqa: E402


def block_inputs(args, rng, weight_scale, fan_in_axis):
    """x of unit variance; layer-norm weights near 1; projection weights
    N(0, weight_scale(fan_in)²), the fan-in along `fan_in_axis` (0 for
    Conv1D's [in, out], 1 for nn.Linear's [out, in]); biases N(0, 0.02²)."""
    xs = []
    for a in args:
        shape, name = tuple(a["shape"]), a["name"]
        if name.startswith(("ln_", "norm")) and name.endswith("weight"):
            v = 1.0 + 0.1 * rng.standard_normal(shape)
        elif name.endswith("weight"):
            v = weight_scale(shape[fan_in_axis]) * rng.standard_normal(shape)
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


# Each model's initialization (weights N(0, 0.02²), what a trained model is
# near), and weights N(0, 1/in) for which every branch (attention, MLP) adds
# as much as the residual, so no error hides behind x.
SCALES = (("init", lambda fan_in: 0.02),
          ("unit branches", lambda fan_in: fan_in ** -0.5))


def check(report, rng, name, lib, reference, heads, fan_in_axis, label=None):
    label = label or name
    entry = lib.manifest["functions"][0]
    count = len(entry["schedule"]["attention"])
    report.expect(count == 1, label + " raised and fused",
                  "%d attention ops" % count)
    fn = getattr(lib, name)
    for scale_name, scale in SCALES:
        xs = block_inputs(entry["args"], rng, scale, fan_in_axis)
        expected = reference(*xs, heads=heads)
        t0 = time.time()
        out = fn(*xs)
        run = time.time() - t0
        report.compare("%s (%s)" % (label, scale_name), out, expected,
                       rtol=TOL, detail="one call %.1f ms" % (1e3 * run))


report = Report("TOSA examples raised, fused, vs float64 numpy (tol %g)" % TOL)
rng = np.random.default_rng(5)
for name, reference, fan_in_axis in (("gpt2_block", ref.gpt2_block, 0),
                                     ("vit_block", ref.vit_block, 1)):
    path = os.path.join(EXAMPLES, name + ".mlir")
    t0 = time.time()
    lib = attn.compile(path, name=name)
    print("%s: compiled in %.1f s" % (name, time.time() - t0))
    heads = example_heads(path)
    report.expect(heads is not None, name + " names its head count")
    check(report, rng, name, lib, reference, heads, fan_in_axis)

# The ViT generator at awkward sizes: batch > 1 (torch-mlir flattens the rows
# and moves the weight's unit batch), one token, widths and head dims that
# are not multiples of the vector width.
for b, n, e, h in ((2, 17, 48, 3), (3, 1, 8, 2), (2, 9, 20, 5)):
    label = "vit_block B=%d N=%d E=%d H=%d" % (b, n, e, h)
    text = make_vit_block.generate(b, n, e, h)
    lib = attn.compile(text, name="vit_block")
    check(report, rng, "vit_block", lib, ref.vit_block, h, 1, label)
report.finish()
