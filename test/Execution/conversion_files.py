# RUN: %python %s %attn_src/test/Conversion/TosaToAttn
# The TOSA files of test/Conversion/TosaToAttn, whose raised and fused IR
# those tests pin with FileCheck, compiled as they are by attn-compile (which
# raises and fuses by default) and after MLIR's --tosa-to-linalg pipeline,
# then run against float64 references written from what each graph means
# (relative error <= 1e-4 as max|out - ref| / max|ref|). Each function must
# compile to exactly one fused attention (one attention schedule in the
# manifest).
import os
import subprocess
import sys

import numpy as np

import attn
from attn import reference as ref
from attn.compiler import find_compiler
from attn.testing import Report

TOL = 1e-4
FOLDER = sys.argv[1]
LOWER = ("--pass-pipeline=builtin.module(func.func(tosa-to-linalg-named,"
         "tosa-to-linalg,tosa-to-arith,tosa-to-tensor))")
S8 = 8 ** -0.5


def enc_dec_block(x, memory, pad, wq, wk, wv, wo, bq, bk, bv, bo):
    return x + ref.multi_head_attention(x, memory, memory, wq, wk, wv, wo,
                                        heads=3, bq=bq, bk=bk, bv=bv, bo=bo,
                                        mask=pad)


# function name -> the float64 meaning of its arguments
REFERENCES = {
    "sdpa": lambda q, k, v: ref.sdpa(q, k, v, scale=0.25),
    "causal_additive": lambda q, k, v: ref.sdpa(q, k, v, scale=S8,
                                                causal="top_left"),
    "causal_masked_fill": lambda q, k, v: ref.sdpa(q, k, v, scale=S8,
                                                   causal="top_left"),
    "causal_masked_fill_finite": lambda q, k, v: ref.sdpa(
        q, k, v, scale=S8, mask=np.tril(np.ones((4, 4), bool)),
        mask_fill=-1e9),
    "gqa": lambda q, k, v: ref.sdpa(q, k, v, scale=S8),
    "mqa": lambda q, k, v: ref.sdpa(q, k, v, scale=S8),
    "cross_attention": lambda q, k, v, pad: ref.sdpa(q, k, v, mask=pad,
                                                     scale=S8),
    "mha": lambda x, wq, wk, wv, wo, bq, bk, bv, bo: ref.mha(
        x, wq, wk, wv, wo, heads=2, bq=bq, bk=bk, bv=bv, bo=bo),
    "mha_one_head": lambda x, wq, wk, wv, wo, bq, bk, bv, bo: ref.mha(
        x, wq, wk, wv, wo, heads=1, bq=bq, bk=bk, bv=bv, bo=bo, scale_=0.25),
    "enc_dec_cross_attention_block": enc_dec_block,
    "llama_rope_attention": lambda q, k, v, cos, sin: ref.sdpa(
        ref.rope(q, cos, sin), ref.rope(k, cos, sin), v, scale=S8,
        causal="top_left"),
}
FILES = ["sdpa.mlir", "causal.mlir", "gqa.mlir", "cross_attention.mlir",
         "mha.mlir", "cross_attention_block.mlir", "rope.mlir"]


def module_of(path):
    """The file's functions in one module (split-input-file markers out)."""
    with open(path) as f:
        return "".join(line for line in f if not line.startswith("// -----"))


def lower_to_linalg(text):
    opt = os.path.join(os.path.dirname(find_compiler()), "attn-opt")
    done = subprocess.run([opt, "-", LOWER], input=text, capture_output=True,
                          text=True, check=True)
    assert "tosa.matmul" not in done.stdout
    return done.stdout


report = Report("Conversion/TosaToAttn files compiled and run vs float64 "
                "(tol %g)" % TOL)
rng = np.random.default_rng(17)
seen = set()
for name in FILES:
    text = module_of(os.path.join(FOLDER, name))
    for form, source in (("tosa", text), ("linalg", lower_to_linalg(text))):
        lib = attn.compile(source, name=os.path.splitext(name)[0])
        for entry in lib.manifest["functions"]:
            fn = entry["name"]
            seen.add(fn)
            label = "%s %s (%s)" % (name, fn, form)
            count = len(entry["schedule"]["attention"])
            report.expect(count == 1, label + " fused",
                          "%d attention schedule(s)" % count)
            xs = []
            for arg in entry["args"]:
                x = rng.standard_normal(arg["shape"])
                if len(arg["shape"]) == 2:  # weights: nn.Linear's scale
                    x /= np.sqrt(arg["shape"][1])
                xs.append(x.astype(np.float32))
            # Padding masks: -inf on some keys, never on all of them.
            if fn in ("cross_attention", "enc_dec_cross_attention_block"):
                pad = [i for i, a in enumerate(entry["args"])
                       if len(a["shape"]) == 4 and a["shape"][2] == 1][0]
                xs[pad] = np.where(rng.random(xs[pad].shape) < 0.3, -np.inf,
                                   0.0).astype(np.float32)
                xs[pad][..., 0] = 0.0
            expected = REFERENCES[fn](*xs)
            report.compare(label, getattr(lib, fn)(*xs), expected, rtol=TOL)
report.expect(seen == set(REFERENCES), "every function checked",
              "missing %s" % sorted(set(REFERENCES) - seen))
report.finish()
