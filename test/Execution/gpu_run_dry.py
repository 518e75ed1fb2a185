# REQUIRES: opencl
# RUN: rm -rf %t && mkdir -p %t
# RUN: %python %s %t
#
# bench/gpu-prepare and bench/gpu-run without a GPU: the folder is built for
# OpenCL (--quick) and gpu-run's dry run checks every test case through both
# entry points (dense, and name_halide on device buffers made with the
# library's helpers, on PoCL) against its own float64 reference, and times
# the benchmark cases. Also gpu-run's CPU-independent parts, imported as a
# module: its buffer layout, its keep mask and reference against
# attn.reference, that a wrong result fails its check, and its usage errors.
# The CUDA path (PyTorch device memory, SDPA timings) needs a GPU machine.

import importlib.machinery
import importlib.util
import json
import os
import subprocess
import sys

import numpy as np

from attn import reference
from attn.testing import Report

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(
    __file__))))
PREPARE = os.path.join(ROOT, "bench", "gpu-prepare")
RUN = os.path.join(ROOT, "bench", "gpu-run")
work = sys.argv[1]
libs, out = os.path.join(work, "libs"), os.path.join(work, "out")
report = Report("bench/gpu-prepare + gpu-run --dry-run (OpenCL on the CPU)")


def load_gpu_run():
    loader = importlib.machinery.SourceFileLoader("gpu_run", RUN)
    spec = importlib.util.spec_from_loader("gpu_run", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


gr = load_gpu_run()

# -- CPU-independent parts ----------------------------------------------------
buf = gr.make_buffer([2, 3, 5], "f32", 1234)
report.expect(
    [(buf.dim[i].extent, buf.dim[i].stride) for i in range(3)] ==
    [(5, 1), (3, 5), (2, 15)] and buf.type.code == 2 and buf.host == 1234,
    "make_buffer: row-major dims, innermost first", "")
mask_buf = gr.make_buffer([4, 7], "i1")
report.expect(mask_buf.type.code == 1 and mask_buf.type.bits == 8,
              "make_buffer: i1 as one byte", "")
report.expect(gr.f32(0.1) == float(np.float32(0.1)), "f32 rounding", "")
for dtype, code in (("f16", 2), ("bf16", 4)):
    b = gr.make_buffer([3, 4], dtype)
    report.expect((b.type.code, b.type.bits) == (code, 16),
                  "make_buffer: %s is halide_type_t(%d, 16)" % (dtype, code),
                  "(%d, %d)" % (b.type.code, b.type.bits))

xp = gr.NumpyBackend(np)
# Storage rounding: f16 as numpy, bf16 bits to nearest even as attn.dtypes.
from attn import dtypes
x = np.random.default_rng(3).standard_normal(4096).astype(np.float32) * 100
x[:4] = [np.inf, -np.inf, 3.0e38, -1.1754944e-38]
report.expect(np.array_equal(xp.storage(x, "bf16"), dtypes.to_bf16(x)) and
              np.array_equal(xp.f64(xp.storage(x, "bf16")),
                             dtypes.from_bf16(dtypes.to_bf16(x))),
              "bf16 bits: round to nearest even, widen exactly", "")
report.expect(xp.storage(x, "f16").dtype == np.float16 and
              np.array_equal(xp.f64(xp.storage(x, "f16")),
                             x.astype(np.float16).astype(np.float64)),
              "f16 storage is numpy's float16", "")
rng_cases = [
    dict(B=1, Hq=4, Hkv=2, N=9, M=20, D=16, Dv=8, causal="bottom_right",
         window=[3, 1], mask=dict(shape=[9, 20], kind="bool", full_rows=2)),
    dict(B=2, Hq=2, Hkv=1, N=13, M=7, D=8, Dv=8, causal="top_left",
         window=None, mask=dict(shape=[2, 1, 1, 7], kind="additive",
                                full_rows=1)),
    dict(B=1, Hq=2, Hkv=2, N=5, M=5, D=32, Dv=16, causal=None, window=[0, 2],
         mask=None),
]
# The last two again with f16 and bf16 storage: the reference reads the
# rounded inputs.
rng_cases += [dict(rng_cases[1], dtype="f16"), dict(rng_cases[0],
                                                    dtype="bf16")]
for i, c in enumerate(rng_cases):
    c.update(name="c%d" % i, scale=None, input_scale=1.0, integer_qk=False,
             tol=1e-4)
    q, k, v, mask = gr.make_inputs(xp, c, 7 + i)
    dtype = c.get("dtype", "f32")
    if dtype != "f32":
        want_type = np.float16 if dtype == "f16" else np.uint16
        report.expect(all(x.dtype == want_type for x in (q, k, v)) and
                      (mask is None or mask.dtype in (want_type, np.bool_)),
                      "make_inputs %s: %s storage" % (c["name"], dtype), "")
        q, k, v = (xp.f64(x) for x in (q, k, v))
        if mask is not None and mask.dtype != np.bool_:
            mask = xp.f64(mask)
    keep = gr.keep_mask(xp, c, mask)
    expected_keep = reference.combined_keep_mask(
        (c["B"], c["Hq"], c["N"], c["M"]), mask, c["causal"],
        tuple(c["window"]) if c["window"] else None)
    report.expect(np.array_equal(np.broadcast_to(keep, expected_keep.shape),
                                 expected_keep),
                  "keep_mask %s" % c["name"], "matches attn.reference")
    got = gr.reference(xp, c, q, k, v, mask, keep)
    want = reference.sdpa(q, k, v, mask=mask, causal=c["causal"],
                          window=tuple(c["window"]) if c["window"] else None)
    report.compare("reference %s vs attn.reference.sdpa" % c["name"], got,
                   want, rtol=1e-12)
    err, nan = xp.rel_error(want + 1e-3 * np.abs(want).max(), want)
    report.expect(err > c["tol"] and not nan,
                  "rel_error flags a wrong result (%s)" % c["name"],
                  "%.2e" % err)
    full = mask is not None and c["mask"]["full_rows"]
    if full:
        rows = ~keep.any(axis=-1)
        report.expect(rows.any() and np.all(got[np.broadcast_to(
            rows, got.shape[:3])] == 0), "masked rows give zeros (%s)"
            % c["name"], "%d rows" % int(rows.sum()))


def run(*args):
    return subprocess.run([sys.executable] + list(args), capture_output=True,
                          text=True)


p = run(RUN, os.path.join(work, "missing"), out, "--dry-run")
report.expect(p.returncode == 2 and "has no cases.json" in p.stderr,
              "gpu-run: a folder without cases.json is a usage error",
              p.stderr.strip())

# -- prepare and dry-run ------------------------------------------------------
p = run(PREPARE, "--target=opencl", "--quick", "--out", libs)
print(p.stdout + p.stderr)
report.expect(p.returncode == 0, "gpu-prepare --target=opencl --quick",
              "exit %d" % p.returncode)
names = sorted(os.listdir(libs)) if os.path.isdir(libs) else []
report.expect(all(n in names for n in (
    "cases.json", "gpu-run", "libgpu_test.so", "libgpu_bench.so",
    "libgpu_test.json", "libgpu_bench.json", "libgpu_test.h")),
    "folder contents", " ".join(names))
manifest = json.load(open(os.path.join(libs, "libgpu_test.json")))
report.expect(manifest.get("gpu") == {"api": "opencl"},
              "manifest written beside the library", str(manifest.get("gpu")))

p = run(os.path.join(libs, "gpu-run"), libs, out)
report.expect(p.returncode == 2 and ("not a CUDA library" in p.stderr or
                                     "PyTorch" in p.stderr),
              "gpu-run without --dry-run refuses OpenCL libraries",
              p.stderr.strip())

p = run(os.path.join(libs, "gpu-run"), libs, out, "--dry-run",
        "--budget", "0.1")
print(p.stdout + p.stderr)
report.expect(p.returncode == 0, "gpu-run --dry-run", "exit %d" %
              p.returncode)
results = json.load(open(os.path.join(out, "results.json")))
cases = json.load(open(os.path.join(libs, "cases.json")))
tests = cases["modules"]["gpu_test"]["cases"]
golden = cases["modules"]["gpu_clauses"]["cases"]
report.expect(len(golden) >= 3 and all(
    os.path.isfile(os.path.join(libs, c["data"])) for c in golden),
    "clause cases shipped with their inputs and expected outputs",
    ", ".join(c["name"] for c in golden))
report.expect({"f32", "f16", "bf16"} <= {t["dtype"] for t in results["tests"]}
              and {"f16", "bf16"} <= {b["dtype"] for b in results["bench"]},
              "f32, f16 and bf16 cases checked and timed",
              str(sorted({t["dtype"] for t in results["tests"]})))
report.expect(all(t["tol"] == {"f32": 1e-4, "f16": 1e-3, "bf16": 8e-3}[
    t["dtype"]] for t in results["tests"]), "tolerance per dtype", "")
report.expect(len(results["tests"]) == 2 * (len(tests) + len(golden)) and
              {t["path"] for t in results["tests"]} == {"dense", "device"},
              "every test case through both entry points",
              "%d checks for %d cases" % (len(results["tests"]), len(tests)))
bad = [t for t in results["tests"] if not t["ok"]]
report.expect(not bad and results["all_ok"], "all checks passed",
              str(bad[:3]))
report.expect(all(t["rel_error"] <= t["tol"] for t in results["tests"]),
              "relative errors within tolerance",
              "max %.2e" % max(t["rel_error"] for t in results["tests"]))
bench = results["bench"]
report.expect(len(bench) == len(cases["modules"]["gpu_bench"]["cases"]) and
              all(b["attn_ms"] > 0 and "sdpa_ms" not in b for b in bench),
              "benchmarks timed (no SDPA in a dry run)",
              ", ".join("%s %.3f ms" % (b["name"], b["attn_ms"])
                        for b in bench))
report.expect(results["dry_run"] and not results["measured"],
              "results say they are a dry run", "")
text = open(os.path.join(out, "results.txt")).read()
report.expect("correctness: %d of %d checks passed" % (
    len(results["tests"]), len(results["tests"])) in text and
    all(b["name"] in text for b in bench), "results.txt table", "")
report.finish()
