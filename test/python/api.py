# RUN: %python %s
#
# The Python package itself: attn.compile (text and path, output=), attn.load,
# the manifest, function attributes, calling with positional / keyword
# arguments and out=, contiguous copies, ValueError / TypeError on wrong
# input in Python, AttnError's code and message, the _halide entry from
# Python, and finding attn-compile.
#
# Numerical tolerance (f32): relative error <= 1e-4 against attn.reference.

import os
import subprocess
import sys
import tempfile

import numpy as np

import attn
from attn import reference
from attn.testing import Report, compare

TOL = 1e-4
report = Report("attn Python API")

TEXT = """
func.func @sdpa(%q: tensor<1x4x7x16xf32> {attn.name = "q"},
                %k: tensor<1x2x9x16xf32> {attn.name = "k"},
                %v: tensor<1x2x9x8xf32> {attn.name = "v"},
                %mask: tensor<7x9xi1> {attn.name = "mask"})
    -> tensor<1x4x7x8xf32> {
  %o = attn.attention %q, %k, %v mask(%mask : tensor<7x9xi1>) causal(bottom_right)
      : tensor<1x4x7x16xf32>, tensor<1x2x9x16xf32>, tensor<1x2x9x8xf32>
        -> tensor<1x4x7x8xf32>
  return %o : tensor<1x4x7x8xf32>
}

func.func @two(%arg0: tensor<3x4xf32>, %arg1: tensor<4x5xf32>)
    -> (tensor<3x5xf32>, tensor<4x3xf32>) {
  %m = attn.matmul %arg0, %arg1 : tensor<3x4xf32>, tensor<4x5xf32> -> tensor<3x5xf32>
  %t = attn.transpose %arg0 permutation [1, 0] : tensor<3x4xf32> -> tensor<4x3xf32>
  return %m, %t : tensor<3x5xf32>, tensor<4x3xf32>
}
"""

rng = np.random.default_rng(5)
q = rng.standard_normal((1, 4, 7, 16)).astype(np.float32)
k = rng.standard_normal((1, 2, 9, 16)).astype(np.float32)
v = rng.standard_normal((1, 2, 9, 8)).astype(np.float32)
mask = rng.random((7, 9)) < 0.7
mask[3] = False
expected = reference.sdpa(q, k, v, mask=mask, causal="bottom_right")
a = rng.standard_normal((3, 4)).astype(np.float32)
b = rng.standard_normal((4, 5)).astype(np.float32)


def raises(exc, fn, *args, **kwargs):
    try:
        fn(*args, **kwargs)
    except exc as e:
        return e
    return None


# -- finding the compiler -------------------------------------------------------
report.expect(os.environ.get("ATTN_COMPILE") is None or
              attn.find_compiler() == os.environ["ATTN_COMPILE"],
              "find_compiler honours ATTN_COMPILE", attn.find_compiler())

# -- compile from text ----------------------------------------------------------
try:
    lib = attn.compile(TEXT, name="api")
except attn.CompileError as e:
    print(e)
    report.fail("compile", "the test module did not compile")
    report.finish()
report.expect(isinstance(lib, attn.Library), "compile returns a Library",
              repr(lib))
report.expect(os.path.isfile(lib.path) and lib.path.endswith("libapi.so"),
              "library path", lib.path)
report.expect(os.path.isfile(lib.header_path), "header beside the library",
              lib.header_path)
if os.path.isfile(lib.header_path):
    header = open(lib.header_path).read()
    report.expect("int sdpa(" in header and "int sdpa_halide(" in header and
                  "int two(" in header, "header declares the entry points")

# -- manifest -------------------------------------------------------------------
man = lib.manifest
report.expect(isinstance(man, dict) and isinstance(man.get("target"), str) and
              man["target"], "manifest target", repr(man.get("target")))
report.expect(lib.target == man.get("target"), "lib.target")
report.expect("library" not in man or isinstance(man["library"], str),
              "manifest library field", repr(man.get("library")))
names = [f.get("name") for f in man.get("functions", [])]
report.expect(names == ["sdpa", "two"], "manifest functions in source order",
              repr(names))
entry = man["functions"][0]
report.expect(entry.get("symbol") == "sdpa" and
              entry.get("halide_symbol") == "sdpa_halide",
              "manifest symbols", "%r %r" % (entry.get("symbol"),
                                            entry.get("halide_symbol")))
want_args = [{"name": "q", "shape": [1, 4, 7, 16], "dtype": "f32"},
             {"name": "k", "shape": [1, 2, 9, 16], "dtype": "f32"},
             {"name": "v", "shape": [1, 2, 9, 8], "dtype": "f32"},
             {"name": "mask", "shape": [7, 9], "dtype": "i1"}]
got_args = [{key: a.get(key) for key in ("name", "shape", "dtype")}
            for a in entry.get("args", [])]
report.expect(got_args == want_args, "manifest args", repr(got_args))
got_res = [{key: r.get(key) for key in ("name", "shape", "dtype")}
           for r in entry.get("results", [])]
report.expect(got_res == [{"name": "result0", "shape": [1, 4, 7, 8],
                           "dtype": "f32"}], "manifest results", repr(got_res))
two = man["functions"][1]
report.expect([x.get("name") for x in two.get("args", [])] == ["arg0", "arg1"]
              and [x.get("name") for x in two.get("results", [])] ==
              ["result0", "result1"], "manifest default names")
report.expect("schedule" in entry, "manifest has a schedule",
              repr(entry.get("schedule"))[:200])

# -- functions as attributes ----------------------------------------------------
report.expect(set(lib.functions) == {"sdpa", "two"}, "lib.functions",
              repr(list(lib.functions)))
report.expect(lib.sdpa is lib.functions["sdpa"] and lib["two"] is lib.two,
              "attribute and item access")
report.expect("sdpa" in dir(lib) and "sdpa" in lib, "dir() and in")
fn = lib.sdpa
report.expect(fn.arg_names == ["q", "k", "v", "mask"] and
              fn.result_names == ["result0"], "arg and result names")
report.expect(fn.args[3].shape == (7, 9) and fn.args[3].dtype == "i1",
              "TensorSpec", repr(fn.args[3]))
report.expect(raises(AttributeError, getattr, lib, "nope") is not None,
              "unknown function -> AttributeError")

# -- calls ------------------------------------------------------------------------
ok, _, msg = compare(fn(q, k, v, mask), expected, TOL)
report.expect(ok, "positional call", msg)
ok, _, msg = compare(fn(v=v, mask=mask, q=q, k=k), expected, TOL)
report.expect(ok, "keyword call", msg)
ok, _, msg = compare(fn(q, k, v=v, mask=mask.astype(np.uint8)), expected, TOL)
report.expect(ok, "mixed call, uint8 mask", msg)
out = np.full((1, 4, 7, 8), np.nan, dtype=np.float32)
res = fn(q, k, v, mask, out=out)
ok, _, msg = compare(out, expected, TOL)
report.expect(res is out and ok, "out= is written and returned", msg)
# non-contiguous inputs are copied
q_nc = np.ascontiguousarray(q.transpose(0, 1, 3, 2)).transpose(0, 1, 3, 2)
v_nc = np.concatenate([v, v], axis=3)[..., :8]
assert not q_nc.flags.c_contiguous and not v_nc.flags.c_contiguous
ok, _, msg = compare(fn(q_nc, k, v_nc, np.asfortranarray(mask)), expected, TOL)
report.expect(ok, "non-contiguous inputs", msg)
report.expect(np.array_equal(q_nc, q), "inputs are not modified")
# lists are converted to the argument dtype
res = lib.two(a.tolist(), b.tolist())
report.expect(isinstance(res, tuple) and len(res) == 2,
              "several results -> tuple")
ok1, _, msg1 = compare(res[0], reference.matmul(a, b), TOL)
ok2, _, msg2 = compare(res[1], a.T, TOL)
report.expect(ok1 and ok2, "two results (lists in)", msg1 + "; " + msg2)
report.expect(res[0].dtype == np.float32 and res[0].shape == (3, 5),
              "result dtype and shape")

# -- Python-side checks ------------------------------------------------------------
for label, args, words in [
        ("wrong shape", (q[:, :, :6], k, v, mask), ["q", "shape"]),
        ("wrong dtype float64", (q, k.astype(np.float64), v, mask),
         ["k", "float32"]),
        ("wrong dtype int", (q, k, v.astype(np.int32), mask), ["v"]),
        ("mask float32", (q, k, v, mask.astype(np.float32)), ["mask", "bool"]),
        ("mask uint8 not 0/1", (q, k, v, (mask * 2).astype(np.uint8)),
         ["mask"]),
        ("mask wrong shape", (q, k, v, mask.T), ["mask", "shape"])]:
    e = raises(ValueError, fn, *args)
    text = str(e) if e else ""
    report.expect(e is not None and all(w in text for w in words),
                  "ValueError: %s" % label, repr(text))
e = raises(ValueError, fn, q, k, v, mask, out=np.zeros((1, 4, 7, 9),
                                                        np.float32))
report.expect(e is not None, "ValueError: out of the wrong shape", str(e))
e = raises(ValueError, fn, q, k, v, mask, out=np.zeros((1, 4, 7, 8)))
report.expect(e is not None, "ValueError: out of the wrong dtype", str(e))
e = raises(ValueError, fn, q, k, v, mask,
           out=np.zeros((1, 4, 8, 7), np.float32).transpose(0, 1, 3, 2))
report.expect(e is not None, "ValueError: non-contiguous out", str(e))
report.expect(raises(TypeError, fn, q, k, v) is not None,
              "TypeError: missing argument")
report.expect(raises(TypeError, fn, q, k, v, mask, mask) is not None,
              "TypeError: too many arguments")
report.expect(raises(TypeError, fn, q, k, v, mask=mask, bogus=1) is not None,
              "TypeError: unknown keyword")
report.expect(raises(TypeError, fn, q, k, v, mask, q=q) is not None,
              "TypeError: argument given twice")

# -- AttnError ---------------------------------------------------------------------
out = np.zeros((1, 4, 7, 8), dtype=np.float32)
code = fn.call_raw(q, k, None, mask.astype(np.uint8), out)
report.expect(code == 1 and "'v'" in lib.last_error(), "call_raw returns the code",
              "%d %r" % (code, lib.last_error()))
code = lib.call_raw("sdpa", q, k, v, mask.astype(np.uint8), out)
ok, _, msg = compare(out, expected, TOL)
report.expect(code == 0 and ok, "lib.call_raw valid call", msg)
e = raises(attn.AttnError, fn.call_raw, q, None, v, mask.astype(np.uint8),
           out, check=True)
report.expect(e is not None and e.code == attn.ATTN_ERROR_NULL_POINTER and
              "'k'" in e.message and e.function == "sdpa" and
              "'k'" in str(e), "AttnError carries code, message, function",
              "%r code=%r" % (str(e), getattr(e, "code", None)))
# through the Python _halide path: the library (not Python) checks dtypes
e = raises(attn.AttnError, fn.call_halide, q.astype(np.float64), k, v, mask)
report.expect(e is not None and e.code == attn.ATTN_ERROR_BAD_BUFFER and
              "q" in e.message, "call_halide wrong dtype -> AttnError code 2",
              str(e))
e = raises(attn.AttnError, fn.call_halide, q, k, v[:, :, :8], mask)
report.expect(e is not None and e.code == 2 and "v" in e.message,
              "call_halide wrong shape -> AttnError code 2", str(e))
res = fn.call_halide(q, k, v, mask)
ok, _, msg = compare(res, expected, TOL)
report.expect(ok, "call_halide valid call", msg)
report.expect(issubclass(attn.AttnError, Exception) and
              issubclass(attn.CompileError, Exception), "exception classes")

# -- load, compile from a path, output= -----------------------------------------
lib2 = attn.load(lib.path)
report.expect(lib2.manifest == lib.manifest, "attn.load reads the same manifest")
ok, _, msg = compare(lib2.sdpa(q, k, v, mask), expected, TOL)
report.expect(ok, "call through a second load", msg)
with tempfile.TemporaryDirectory(prefix="attn-api-") as tmp:
    path = os.path.join(tmp, "model.mlir")
    with open(path, "w") as f:
        f.write(TEXT)
    out_dir = os.path.join(tmp, "out")
    lib3 = attn.compile(path, output=out_dir)
    report.expect(lib3.path == os.path.join(out_dir, "libmodel.so") and
                  os.path.isfile(os.path.join(out_dir, "libmodel.h")),
                  "compile(path, output=dir)", lib3.path)
    so = os.path.join(tmp, "custom", "libcustom.so")
    lib4 = attn.compile(path, output=so)
    report.expect(lib4.path == so and os.path.isfile(so),
                  "compile(path, output=file.so)", lib4.path)
    ok, _, msg = compare(lib4.two(a, b)[0], reference.matmul(a, b), TOL)
    report.expect(ok, "library compiled from a path works", msg)
    e = raises(FileNotFoundError, attn.compile,
               os.path.join(tmp, "missing.mlir"))
    report.expect(e is not None, "missing input file -> FileNotFoundError")
    # a library loaded in another process (the package needs no state)
    code = subprocess.call([sys.executable, "-c",
                            "import attn, sys; lib = attn.load(sys.argv[1]); "
                            "sys.exit(0 if 'two' in lib.functions else 1)",
                            so])
    report.expect(code == 0, "attn.load in a fresh process")
    # ATTN_COMPILE pointing nowhere -> CompileError
    saved = os.environ.get("ATTN_COMPILE")
    os.environ["ATTN_COMPILE"] = os.path.join(tmp, "no-such-attn-compile")
    e = raises(attn.CompileError, attn.compile, TEXT)
    if saved is None:
        del os.environ["ATTN_COMPILE"]
    else:
        os.environ["ATTN_COMPILE"] = saved
    report.expect(e is not None, "bad ATTN_COMPILE -> CompileError", str(e))

report.finish()
