# RUN: %python %s
# The TOSA attention graphs of raise_tosa.py lowered by MLIR's own
# --tosa-to-linalg-named --tosa-to-linalg --tosa-to-arith --tosa-to-tensor
# (linalg.batch_matmul / matmul / transpose / reduce, elementwise
# linalg.generic, tensor.expand_shape / collapse_shape), then compiled with
# attn-compile --raise: each function must become one attn.attention and
# match the float64 evaluation of the TOSA graph (relative error <= 1e-4).
import os
import subprocess
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import raise_tosa  # noqa: E402
from attn.compiler import find_compiler  # noqa: E402

LOWER = ("--pass-pipeline=builtin.module(func.func(tosa-to-linalg-named,"
         "tosa-to-linalg,tosa-to-arith,tosa-to-tensor))")


def lower_to_linalg(text):
    opt = os.path.join(os.path.dirname(find_compiler()), "attn-opt")
    done = subprocess.run([opt, "-", LOWER], input=text, capture_output=True,
                          text=True, check=False)
    if done.returncode != 0:
        sys.exit("attn-opt %s failed:\n%s" % (LOWER, done.stderr))
    if "tosa.matmul" in done.stdout or "tosa.reduce" in done.stdout:
        sys.exit("TOSA ops survived the lowering:\n" + done.stdout)
    return done.stdout


def main():
    gs = raise_tosa.graphs()
    raise_tosa.run("TOSA attention graphs lowered to linalg, raised, fused, "
                   "vs float64 TOSA evaluation (tol %g)" % raise_tosa.TOL, gs,
                   lower_to_linalg(raise_tosa.module_text(gs)))


if __name__ == "__main__":
    main()
