# RUN: %python %s
#
# Error handling of a generated library, called through ctypes:
# - the dense entry with a null pointer in each argument / result position
#   -> code 1 and a message naming that argument, outputs untouched;
# - the _halide entry with a null buffer, a null host pointer, a wrong rank,
#   wrong extents, a wrong element type, a wrong output shape -> non-zero
#   code (1 for null, 2 for wrong buffers), a message naming the argument,
#   and the output buffer untouched (checked against a sentinel fill);
# - a valid call afterwards still works (dense, and _halide with strided
#   views);
# - several threads calling at once with different inputs get correct
#   results, and each thread's attn_last_error() is its own;
# - attn.compile on invalid IR raises CompileError with file:line:col and
#   leaves no library behind.
#
# Numerical tolerance (f32): relative error <= 1e-4 against attn.reference.

import ctypes
import os
import re
import tempfile
import threading

import numpy as np

import attn
from attn import reference
from attn.halide import HALIDE_TYPE_FLOAT, buffer_from_array
from attn.testing import Report, compare

TOL = 1e-4
SENTINEL = np.float32(-12345.5)

B, HQ, HKV, N, M, D, DV = 1, 4, 2, 9, 11, 16, 8
MODULE = f"""
func.func @sdpa(%q: tensor<{B}x{HQ}x{N}x{D}xf32> {{attn.name = "q"}},
                %k: tensor<{B}x{HKV}x{M}x{D}xf32> {{attn.name = "k"}},
                %v: tensor<{B}x{HKV}x{M}x{DV}xf32> {{attn.name = "v"}},
                %mask: tensor<{N}x{M}xi1> {{attn.name = "mask"}})
    -> tensor<{B}x{HQ}x{N}x{DV}xf32> {{
  %o = attn.attention %q, %k, %v mask(%mask : tensor<{N}x{M}xi1>)
      : tensor<{B}x{HQ}x{N}x{D}xf32>, tensor<{B}x{HKV}x{M}x{D}xf32>,
        tensor<{B}x{HKV}x{M}x{DV}xf32> -> tensor<{B}x{HQ}x{N}x{DV}xf32>
  return %o : tensor<{B}x{HQ}x{N}x{DV}xf32>
}}

func.func @mm(%arg0: tensor<5x7xf32>, %arg1: tensor<7x3xf32>) -> tensor<5x3xf32> {{
  %r = attn.matmul %arg0, %arg1 : tensor<5x7xf32>, tensor<7x3xf32> -> tensor<5x3xf32>
  return %r : tensor<5x3xf32>
}}
"""

report = Report("error paths of a generated library")
rng = np.random.default_rng(99)


def sdpa_inputs(seed):
    r = np.random.default_rng(seed)
    q = r.standard_normal((B, HQ, N, D)).astype(np.float32)
    k = r.standard_normal((B, HKV, M, D)).astype(np.float32)
    v = r.standard_normal((B, HKV, M, DV)).astype(np.float32)
    mask = r.random((N, M)) < 0.7
    mask[seed % N, :] = False  # a fully masked row
    return [q, k, v, mask]


def sdpa_ref(xs):
    return reference.sdpa(xs[0], xs[1], xs[2], mask=xs[3])


def sentinel_out(shape):
    return np.full(shape, SENTINEL, dtype=np.float32)


def untouched(out):
    return bool(np.all(out == SENTINEL))


try:
    lib = attn.compile(MODULE, name="error_paths")
except attn.CompileError as e:
    print(e)
    report.fail("compile", "the test module did not compile")
    report.finish()

fn = lib.sdpa
names = [a.name for a in fn.args] + [r.name for r in fn.results]
report.expect(names == ["q", "k", "v", "mask", "result0"], "manifest names",
              "sdpa arguments and results: %s" % names)
mm_names = [a.name for a in lib.mm.args] + [r.name for r in lib.mm.results]
report.expect(mm_names == ["arg0", "arg1", "result0"], "default names",
              "mm arguments and results: %s" % mm_names)

xs = sdpa_inputs(1)
expected = sdpa_ref(xs)
mask_u8 = xs[3].astype(np.uint8)
dense_inputs = [xs[0], xs[1], xs[2], mask_u8]

# A first valid call.
out = sentinel_out(expected.shape)
code = fn.call_raw(*dense_inputs, out)
ok, err, msg = compare(out, expected, TOL)
report.expect(code == 0 and ok, "dense entry, valid call",
              "code %d, %s" % (code, msg))

# -- dense entry: null pointers ---------------------------------------------
for pos, name in enumerate(names):
    out = sentinel_out(expected.shape)
    ptrs = dense_inputs + [out]
    ptrs[pos] = None
    code = fn.call_raw(*ptrs)
    message = lib.last_error()
    report.expect(code == attn.ATTN_ERROR_NULL_POINTER and
                  re.search(r"\b%s\b" % re.escape(name), message or ""),
                  "dense null %s" % name,
                  "code %d, message %r" % (code, message))
    if pos < len(dense_inputs):
        report.expect(untouched(out), "dense null %s: output untouched" % name)

# mm has unnamed arguments: messages name them argN / result0.
a, b = (rng.standard_normal((5, 7)).astype(np.float32),
        rng.standard_normal((7, 3)).astype(np.float32))
for pos, name in enumerate(mm_names):
    out = sentinel_out((5, 3))
    ptrs = [a, b, out]
    ptrs[pos] = None
    code = lib.mm.call_raw(*ptrs)
    message = lib.last_error()
    report.expect(code == 1 and re.search(r"\b%s\b" % name, message or ""),
                  "mm dense null %s" % name,
                  "code %d, message %r" % (code, message))

# -- halide entry -----------------------------------------------------------


def halide_bufs(inputs, out):
    return [buffer_from_array(x) for x in inputs] + [buffer_from_array(out)]


def halide_case(label, mutate, want_codes, name):
    """Builds valid buffers, lets ``mutate(bufs, keep)`` break one, calls the
    _halide entry and checks code, message and untouched output."""
    out = sentinel_out(expected.shape)
    inputs = list(xs)
    keep = []
    bufs = halide_bufs(inputs, out)
    ptrs = mutate(bufs, keep)
    if ptrs is None:
        ptrs = bufs
    code = fn.call_halide_raw(*ptrs)
    message = lib.last_error()
    report.expect(code in want_codes and
                  re.search(r"\b%s\b" % re.escape(name), message or ""),
                  "halide %s" % label,
                  "code %d (want %s), message %r" % (code, want_codes, message))
    report.expect(untouched(out), "halide %s: output untouched" % label)
    return code


# valid call through the _halide entry
out = sentinel_out(expected.shape)
code = fn.call_halide_raw(*halide_bufs(xs, out))
ok, err, msg = compare(out, expected, TOL)
report.expect(code == 0 and ok, "halide entry, valid call",
              "code %d, %s" % (code, msg))

for pos, name in enumerate(names[:-1]):
    def null_buffer(bufs, keep, pos=pos):
        ptrs = list(bufs)
        ptrs[pos] = None
        return ptrs
    halide_case("null buffer %s" % name, null_buffer, (1,), name)


# (the output is the null one: nothing to check for "untouched" but the code)
code = fn.call_halide_raw(*(halide_bufs(xs, sentinel_out(expected.shape))[:4]
                            + [None]))
message = lib.last_error()
report.expect(code == 1 and "result0" in (message or ""),
              "halide null buffer result0", "code %d, message %r" % (code,
                                                                     message))


def null_host(pos):
    def mutate(bufs, keep):
        bufs[pos].buf.host = None
    return mutate


halide_case("null host k", null_host(1), (1, 2), "k")
halide_case("null host mask", null_host(3), (1, 2), "mask")


def wrong_rank(bufs, keep):
    bufs[0].set_rank(3)


halide_case("wrong rank q (3)", wrong_rank, (2,), "q")


def wrong_rank5(bufs, keep):
    bufs[2].set_rank(5)


halide_case("wrong rank v (5)", wrong_rank5, (2,), "v")


def wrong_extent_inner(bufs, keep):
    bufs[1].dims[0].extent = D - 1


halide_case("wrong extent k (D-1)", wrong_extent_inner, (2,), "k")


def wrong_extent_outer(bufs, keep):
    # dims are innermost first: [Dv, M, Hkv, B]; back the buffer with enough
    # memory that a library without the check would not crash
    big = np.zeros((B, HKV, M + 1, DV), dtype=np.float32)
    keep.append(big)
    bufs[2].buf.host = big.ctypes.data
    bufs[2].dims[1].extent = M + 1
    bufs[2].dims[1].stride = DV
    bufs[2].dims[2].stride = DV * (M + 1)
    bufs[2].dims[3].stride = DV * (M + 1) * HKV


halide_case("wrong extent v (M+1)", wrong_extent_outer, (2,), "v")


def wrong_mask_shape(bufs, keep):
    m = np.ones((M, N), dtype=np.bool_)  # transposed shape
    keep.append(m)
    ptrs = list(bufs)
    ptrs[3] = buffer_from_array(m)
    keep.append(ptrs[3])
    return ptrs


halide_case("wrong extents mask (transposed)", wrong_mask_shape, (2,), "mask")


def wrong_type_f64(bufs, keep):
    q64 = xs[0].astype(np.float64)
    keep.append(q64)
    ptrs = list(bufs)
    ptrs[0] = buffer_from_array(q64)
    keep.append(ptrs[0])
    return ptrs


halide_case("wrong type q (float64)", wrong_type_f64, (2,), "q")


def wrong_type_int32(bufs, keep):
    bufs[1].buf.type.code = 0  # int32 with the same size
    bufs[1].buf.type.bits = 32


halide_case("wrong type k (int32)", wrong_type_int32, (2,), "k")


def wrong_mask_type(bufs, keep):
    mf = xs[3].astype(np.float32)
    keep.append(mf)
    ptrs = list(bufs)
    ptrs[3] = buffer_from_array(mf)
    keep.append(ptrs[3])
    return ptrs


halide_case("wrong type mask (float32)", wrong_mask_type, (2,), "mask")


def wrong_lanes(bufs, keep):
    bufs[2].buf.type.lanes = 4
    bufs[2].buf.type.code = HALIDE_TYPE_FLOAT


halide_case("wrong type v (4 lanes)", wrong_lanes, (2,), "v")

# wrong output shape: a bigger sentinel buffer, described with the wrong extent
big_out = np.full((B, HQ, N + 1, DV), SENTINEL, dtype=np.float32)
bufs = halide_bufs(xs, big_out)
code = fn.call_halide_raw(*bufs)
message = lib.last_error()
report.expect(code == 2 and "result0" in (message or ""),
              "halide wrong output shape", "code %d, message %r" % (code,
                                                                    message))
report.expect(untouched(big_out), "halide wrong output shape: untouched")

# wrong output type
out64 = np.full(expected.shape, SENTINEL, dtype=np.float64)
code = fn.call_halide_raw(*halide_bufs(xs, out64))
message = lib.last_error()
report.expect(code == 2 and "result0" in (message or ""),
              "halide wrong output type", "code %d, message %r" % (code,
                                                                   message))
report.expect(bool(np.all(out64 == SENTINEL)),
              "halide wrong output type: untouched")

# null output host pointer
out = sentinel_out(expected.shape)
bufs = halide_bufs(xs, out)
bufs[4].buf.host = None
code = fn.call_halide_raw(*bufs)
message = lib.last_error()
report.expect(code in (1, 2) and "result0" in (message or ""),
              "halide null host result0", "code %d, message %r" % (code,
                                                                   message))
report.expect(untouched(out), "halide null host result0: untouched")

# -- valid calls after the failures -------------------------------------------
out = sentinel_out(expected.shape)
code = fn.call_raw(*dense_inputs, out)
ok, err, msg = compare(out, expected, TOL)
report.expect(code == 0 and ok, "dense entry after failures",
              "code %d, %s" % (code, msg))

# Strided views through the _halide entry (docs/Library.md): outer strides
# are free; the innermost dimension must be contiguous (stride 1), and a
# buffer that is not is rejected with code 2 before anything is written.
q_pad = np.zeros((B, HQ, N + 2, D + 5), dtype=np.float32)
q_pad[:, :, 1:N + 1, 2:D + 2] = xs[0]
q_o = q_pad[:, :, 1:N + 1, 2:D + 2]
k_pad = np.zeros((B, HKV + 1, M, D), dtype=np.float32)
k_pad[:, 1:] = xs[1]
k_o = k_pad[:, 1:]
mask_pad = np.zeros((N, M + 3), dtype=np.bool_)
mask_pad[:, :M] = xs[3]
mask_o = mask_pad[:, :M]
q_t = np.ascontiguousarray(np.swapaxes(xs[0], 2, 3)).swapaxes(2, 3)
v_big = np.zeros((B, HKV, M, 2 * DV), dtype=np.float32)
v_big[..., ::2] = xs[2]
v_s = v_big[..., ::2]
inside = np.zeros((B, HQ, N + 1, DV + 3), dtype=bool)
inside[:, :, 1:, 1:DV + 1] = True

out_big = np.full((B, HQ, N + 1, DV + 3), SENTINEL, dtype=np.float32)
out_v = out_big[:, :, 1:, 1:DV + 1]
code = fn.call_halide_raw(*[buffer_from_array(x) for x in
                            (q_o, k_o, xs[2], mask_o, out_v)])
message = lib.last_error() if code else ""
ok, err, msg = compare(out_v, expected, TOL)
report.expect(code == 0 and ok, "halide entry, outer strides only",
              "code %d, %s, message %r" % (code, msg, message))
report.expect(bool(np.all(out_big[~inside] == SENTINEL)),
              "halide entry, outer strides only: nothing written outside")

for label, views, name in (
        ("transposed q", (q_t, xs[1], xs[2], xs[3]), "q"),
        ("step-2 slice of v", (xs[0], xs[1], v_s, xs[3]), "v")):
    out = np.full((B, HQ, N, DV), SENTINEL, dtype=np.float32)
    code = fn.call_halide_raw(*[buffer_from_array(x) for x in views + (out,)])
    message = lib.last_error()
    report.expect(code == 2 and ("'%s'" % name) in message
                  and "contiguous" in message,
                  "halide entry, inner stride != 1 (%s) rejected" % label,
                  "code %d, message %r" % (code, message))
    report.expect(bool(np.all(out == SENTINEL)),
                  "halide entry, inner stride != 1 (%s): output untouched"
                  % label)

# high-level call after everything
ok, err, msg = compare(fn(*xs), expected, TOL)
report.expect(ok, "Python call after failures", msg)

# -- threads --------------------------------------------------------------------
THREADS, ITERS = 6, 15
thread_inputs = [sdpa_inputs(100 + t) for t in range(THREADS)]
thread_expected = [sdpa_ref(x) for x in thread_inputs]
barrier = threading.Barrier(THREADS + 2)
results = {}


def worker(t):
    inputs = thread_inputs[t]
    dense = inputs[:3] + [inputs[3].astype(np.uint8)]
    barrier.wait()
    worst, failures = 0.0, []
    for i in range(ITERS):
        out = sentinel_out(thread_expected[t].shape)
        if i % 3 == 2:
            code = fn.call_halide_raw(*halide_bufs(inputs, out))
        else:
            code = fn.call_raw(*dense, out)
        ok, err, msg = compare(out, thread_expected[t], TOL)
        worst = max(worst, err)
        if code != 0 or not ok:
            failures.append("iteration %d: code %d, %s" % (i, code, msg))
    results[t] = (worst, failures)


def failing_worker(t, pos):
    """Fails on purpose, concurrently, and checks its own message."""
    name = names[pos]
    barrier.wait()
    failures = []
    for i in range(ITERS * 3):
        ptrs = thread_inputs[0][:3] + [thread_inputs[0][3].astype(np.uint8),
                                       sentinel_out(thread_expected[0].shape)]
        ptrs[pos] = None
        code = fn.call_raw(*ptrs)
        message = lib.last_error() or ""
        if code != 1 or not re.search(r"\b%s\b" % name, message):
            failures.append("iteration %d: code %d, message %r" % (i, code,
                                                                   message))
    results[t] = (0.0, failures)


threads = [threading.Thread(target=worker, args=(t,)) for t in range(THREADS)]
threads.append(threading.Thread(target=failing_worker, args=(THREADS, 0)))
threads.append(threading.Thread(target=failing_worker, args=(THREADS + 1, 2)))
for th in threads:
    th.start()
for th in threads:
    th.join(timeout=300)
report.expect(not any(th.is_alive() for th in threads), "threads finished")
for t in range(THREADS):
    worst, failures = results.get(t, (None, ["did not finish"]))
    report.expect(not failures, "thread %d (%d calls)" % (t, ITERS),
                  "worst relative error %.3e" % worst if not failures
                  else "; ".join(failures[:3]))
for t, label in ((THREADS, "q"), (THREADS + 1, "v")):
    _, failures = results.get(t, (None, ["did not finish"]))
    report.expect(not failures, "failing thread (null %s): own messages" % label,
                  "; ".join(failures[:3]) if failures else "ok")

# -- compile errors -------------------------------------------------------------
BAD_VERIFY = """func.func @bad(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x4x16xf32>,
                %v: tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32> {
  %o = attn.attention %q, %k, %v : tensor<1x2x4x8xf32>, tensor<1x2x4x16xf32>, tensor<1x2x4x8xf32> -> tensor<1x2x4x8xf32>
  return %o : tensor<1x2x4x8xf32>
}
"""
BAD_PARSE = """func.func @bad(%x: tensor<4xf32>) -> tensor<4xf32> {
  %y = attn.scale %x by : tensor<4xf32>
  return %y : tensor<4xf32>
}
"""
with tempfile.TemporaryDirectory(prefix="attn-errors-") as tmp:
    for label, text, line in (("verifier error", BAD_VERIFY, 3),
                              ("parse error", BAD_PARSE, 2)):
        out_dir = os.path.join(tmp, label.replace(" ", "_"))
        try:
            attn.compile(text, output=out_dir, name="bad")
            report.fail("CompileError on %s" % label, "no exception")
        except attn.CompileError as e:
            diag = e.diagnostics or str(e)
            where = re.search(r"[^\s:]+\.mlir:(\d+):(\d+):\s*error", diag)
            report.expect(where and int(where.group(1)) == line,
                          "CompileError on %s" % label,
                          "want file:%d:col: error, got %r" % (line, diag[:300]))
            leftovers = [f for f in os.listdir(out_dir)
                         if f.endswith((".so", ".h", ".o"))] \
                if os.path.isdir(out_dir) else []
            report.expect(not leftovers, "%s leaves no output" % label,
                          "left %s" % leftovers if leftovers else "ok")
    # the same through a file path: the diagnostic names that file
    path = os.path.join(tmp, "bad_input.mlir")
    with open(path, "w") as f:
        f.write(BAD_VERIFY)
    try:
        attn.compile(path, output=os.path.join(tmp, "libbad_input.so"))
        report.fail("CompileError from a file", "no exception")
    except attn.CompileError as e:
        report.expect(re.search(r"bad_input\.mlir:3:\d+", e.diagnostics or ""),
                      "CompileError from a file",
                      "diagnostics %r" % (e.diagnostics or "")[:300])
        report.expect(not os.path.exists(os.path.join(tmp, "libbad_input.so")),
                      "file input leaves no library")
    try:
        attn.compile(MODULE, target="no-such-target", output=tmp, name="tgt")
        report.fail("CompileError on an unknown target", "no exception")
    except attn.CompileError as e:
        report.expect(True, "CompileError on an unknown target",
                      (e.diagnostics or str(e)).strip().splitlines()[0][:200]
                      if (e.diagnostics or str(e)).strip() else "raised")

report.finish()
