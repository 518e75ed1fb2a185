# REQUIRES: opencl
# RUN: %python %s
#
# attn.attention compiled with --target=opencl (the GPU schedule of
# AttentionGpu.cpp: K/V tiles in local memory, online softmax over KV tiles,
# causal / window tile skipping) and run through the OpenCL platform lit
# found (PoCL on machines without a GPU), against the float64 reference:
# random shapes, N and M not multiples of the tiles, odd head dims, Dv != D,
# GQA / MQA, causal in both alignments (N < M and N > M), windows, bool and
# additive masks with fully masked rows (zeros), large logits, long KV, a
# 256-key causal window at N = 16384 (sampled rows).
#
# Tolerance (f32): max|out - ref| / max(max|ref|, 1e-6) <= 1e-4, no NaN;
# "large real logits" uses 1e-3 for the reason attention_random.py gives.
#
# The library is compiled by attn-compile (a subprocess) and loaded with
# ctypes: this process never loads libHalide, whose LLVM clashes with PoCL's.

import time

import numpy as np

import attn
from attn import reference
from attn.testing import (AttnConfig, MaskSpec, Report, attention_func,
                          attention_inputs, module_text, tensor_type)

SEED = 20261126
TOL = 1e-4


def C(*args, window=None, **kwargs):
    c = AttnConfig(*args, **kwargs)
    c.window = window
    return c


configs = [
    C("n1_m1", N=1, M=1, D=16),
    C("decode_gqa", Hq=8, Hkv=2, N=1, M=100, D=64),
    C("n7_m33_d40", Hq=4, N=7, M=33, D=40),
    C("n33_m7_d80_dv16", B=2, Hq=2, N=33, M=7, D=80, Dv=16),
    C("n100_m129_d96_dv128", Hq=2, N=100, M=129, D=96, Dv=128),
    C("mqa_n129_m100_d128", Hq=4, Hkv=1, N=129, M=100, D=128),
    C("n17_m65_d256_dv40", Hq=2, N=17, M=65, D=256, Dv=40),
    C("scale_negative", Hq=2, N=9, M=11, D=16, scale=-0.25),
    C("b3_gqa6_3_dv80", B=3, Hq=6, Hkv=3, N=3, M=5, D=24, Dv=80),
    C("bool_nm_full_rows", Hq=4, N=33, M=47, D=64,
      mask=MaskSpec((33, 47), "bool", full_rows=3)),
    C("additive_11nm", N=65, M=70, D=40,
      mask=MaskSpec((1, 1, 65, 70), "additive", full_rows=3)),
    C("bool_b11m_batch_masked", B=2, Hq=2, N=33, M=65, D=96,
      mask=MaskSpec((2, 1, 1, 65), "bool", full_rows=1),
      note="batch 0 fully masked"),
    C("additive_bhnm_gqa", B=2, Hq=4, Hkv=2, N=17, M=31, D=40, Dv=24,
      mask=MaskSpec((2, 4, 17, 31), "additive", full_rows=2)),
    C("additive_all_masked", Hq=2, N=5, M=6, D=16,
      mask=MaskSpec((6,), "additive", full_rows="all"),
      note="every row fully masked -> all zeros"),
    C("top_left_square_gqa", Hq=8, Hkv=2, N=100, M=100, D=64,
      causal="top_left"),
    C("top_left_n_lt_m", Hq=2, N=33, M=129, D=40, causal="top_left"),
    C("top_left_n_gt_m", Hq=2, N=129, M=33, D=80, causal="top_left"),
    C("bottom_right_n_lt_m", Hq=4, Hkv=2, N=7, M=100, D=128,
      causal="bottom_right"),
    C("bottom_right_n_gt_m", Hq=2, N=100, M=33, D=80, causal="bottom_right",
      note="rows 0..66 fully masked"),
    C("bottom_right_decode", Hq=8, Hkv=1, N=1, M=129, D=64,
      causal="bottom_right"),
    C("bottom_right_bool_mask", Hq=4, Hkv=1, N=20, M=70, D=64, Dv=40,
      causal="bottom_right",
      mask=MaskSpec((1, 4, 20, 70), "bool", full_rows=2)),
    C("window_two_sided", Hq=2, N=37, M=37, D=16, window=(5, 3)),
    C("window_causal_top_left", B=2, Hq=4, Hkv=2, N=100, M=100, D=32,
      causal="top_left", window=(16, 0)),
    C("window_cross_n_lt_m", Hq=2, Hkv=1, N=20, M=70, D=16, window=(10, 10)),
    C("window_rows_without_keys", N=40, M=10, D=8, causal="bottom_right",
      window=(2, 2)),
    C("window_bool_mask", Hq=2, N=64, M=300, D=32, window=(20, 20),
      mask=MaskSpec((64, 300), "bool", full_rows=2)),
    C("long_causal_n1031", N=1031, M=1031, D=40, causal="top_left",
      note="long sequence"),
    C("long_decode_m4097_gqa", Hq=8, Hkv=2, N=1, M=4097, D=128,
      note="long KV"),
    # Few rows against long KV ranges: the range is split over blocks and
    # the partial (max, sum, acc) merged by a second kernel.
    C("split_causal_mask_rows", Hq=4, Hkv=2, N=3, M=2000, D=64, Dv=40,
      causal="bottom_right",
      mask=MaskSpec((1, 4, 3, 2000), "bool", full_rows=1),
      note="KV split over blocks, one row fully masked"),
    C("split_window_empty_splits", Hq=2, N=1, M=1500, D=40,
      causal="bottom_right", window=(300, 0),
      note="KV split over blocks, most splits see no key"),
    C("split_large_logits", Hq=2, N=2, M=3000, D=16, input_scale=30,
      integer_qk=True, note="KV split over blocks, large logits"),
    C("large_integer_logits", Hq=4, N=100, M=129, D=64, input_scale=30,
      integer_qk=True),
    C("large_integer_additive", Hq=2, N=31, M=64, D=64, input_scale=30,
      integer_qk=True, mask=MaskSpec((31, 64), "additive", full_rows=2)),
    C("large_real_logits", Hq=2, N=33, M=100, D=128, input_scale=30,
      rtol=1e-3, note="real-valued"),
]


def random_configs(rng, count):
    seqs = [1, 7, 13, 33, 61, 100, 129]
    dims = [16, 40, 64, 80, 96, 128]
    heads = [(1, 1), (2, 2), (4, 1), (8, 2), (6, 2)]
    out = []
    for i in range(count):
        B = int(rng.choice([1, 2]))
        Hq, Hkv = heads[int(rng.integers(len(heads)))]
        N, M = int(rng.choice(seqs)), int(rng.choice(seqs))
        D = int(rng.choice(dims))
        Dv = D if rng.random() < 0.5 else int(rng.choice(dims))
        causal = [None, "top_left", "bottom_right"][int(rng.integers(3))]
        mask = None
        if rng.random() < 0.5:
            forms = [(N, M), (1, 1, N, M), (B, 1, 1, M), (B, Hq, N, M), (M,)]
            shape = forms[int(rng.integers(len(forms)))]
            kind = "bool" if rng.random() < 0.5 else "additive"
            mask = MaskSpec(shape, kind, full_rows=int(rng.integers(0, 3)))
        out.append(C("random%d" % i, B=B, Hq=Hq, Hkv=Hkv, N=N, M=M, D=D,
                     Dv=Dv, mask=mask, causal=causal))
    return out


def func_text(c):
    text = attention_func(c).text()
    if c.window is None:
        return text
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if "attn.attention" in line:
            at = line.rindex(") : ") + 1 if ") : " in line else line.index(" : ")
            lines[i] = (line[:at] + " window <left = %d, right = %d>" % c.window
                        + line[at:])
    return "\n".join(lines)


configs += random_configs(np.random.default_rng(SEED), 6)
report = Report("attn.attention on OpenCL vs float64 reference (f32 tol %g)"
                % TOL)
report.expect(len(configs) >= 30, "configuration count",
              "%d configurations" % len(configs))

t0 = time.time()
lib = attn.compile(module_text([func_text(c) for c in configs],
                                header="attention_opencl.py"),
                   target="opencl", name="attention_opencl")
print("compiled %d functions in %.1fs" % (len(configs), time.time() - t0))
report.expect(lib.manifest.get("gpu", {}).get("api") == "opencl",
              "manifest names the OpenCL API", str(lib.manifest.get("gpu")))

rng = np.random.default_rng(SEED + 1)
for c in configs:
    inputs = attention_inputs(c, rng)
    mask = inputs[3] if c.mask is not None else None
    expected = reference.sdpa(*inputs[:3], mask=mask, scale=c.scale,
                              causal=c.causal, window=c.window)
    try:
        out = getattr(lib, c.name)(*inputs)
    except (attn.AttnError, ValueError) as e:
        report.fail(c.name, "call failed: %s [%s]" % (e, c.describe()))
        continue
    schedule = getattr(lib, c.name).schedule["attention"][0]
    detail = c.describe() + " window=%s tiles=%dx%d" % (
        c.window, schedule["query_tile"], schedule["kv_tile"])
    report.expect(schedule["form"] == "gpu_online", c.name + " schedule",
                  str(schedule))
    if c.name.startswith("split_"):
        report.expect(schedule["kv_splits"] > 1, c.name + " splits the KV range",
                      "%d splits" % schedule["kv_splits"])
    keep = reference.combined_keep_mask(expected.shape[:3] + (c.M,), mask,
                                        c.causal, c.window)
    empty = ~keep.any(axis=-1)
    if empty.any():
        report.expect(np.all(out[empty] == 0.0), c.name + " keyless rows",
                      "%d rows without keys give zeros" % int(empty.sum()))
    report.compare(c.name, out, expected, rtol=c.rtol, detail=detail)

# Two attentions in one function: the first's result feeds the second's
# queries, each with its own kernels.
chain = AttnConfig("chain", Hq=2, N=40, M=33, D=16)
chain_text = """func.func @chain(%q: {q}, %k: {kv}, %v: {kv}) -> {q} {{
  %a = attn.attention %q, %k, %v : {q}, {kv}, {kv} -> {q}
  %o = attn.attention %a, %k, %v causal(bottom_right) : {q}, {kv}, {kv} -> {q}
  return %o : {q}
}}""".format(q="tensor<1x2x40x16xf32>", kv="tensor<1x2x33x16xf32>")
chain_lib = attn.compile(module_text([chain_text], header="chain"),
                         target="opencl", name="attention_opencl_chain")
q, k, v = attention_inputs(chain, rng)[:3]
first = reference.sdpa(q, k, v)
expected = reference.sdpa(first.astype(np.float32), k, v,
                          causal="bottom_right")
report.compare("chain (attention of an attention)", chain_lib.chain(q, k, v),
               expected, rtol=TOL)

# The name_halide entry takes device buffers: upload with the library's
# helpers, run, copy back, free.
c = configs[3]
inputs = attention_inputs(c, rng)
fn = getattr(lib, c.name)
expected = reference.sdpa(*inputs[:3], scale=c.scale, causal=c.causal)
out = np.zeros(c.out_shape, np.float32)
buffers = [attn.halide.buffer_from_array(x) for x in inputs + [out]]
codes = [lib.device_call("attn_copy_to_device", b) for b in buffers[:-1]]
codes.append(lib.device_call("attn_device_malloc", buffers[-1]))
device_only = all(b.buf.device != 0 for b in buffers)
codes.append(fn.call_halide_raw(*buffers))
before = out.copy()
codes.append(lib.device_call("attn_copy_to_host", buffers[-1]))
codes += [lib.device_call("attn_device_free", b) for b in buffers]
report.expect(codes == [0] * len(codes) and device_only,
              "device buffers through %s_halide" % c.name,
              "return codes %s, all on the device: %s" % (codes, device_only))
report.expect(not np.any(before), "result stays on the device until copied",
              "host before attn_copy_to_host: max %g" % np.abs(before).max())
report.compare("%s_halide (device buffers)" % c.name, out, expected, rtol=TOL)

# A long causal window, checked on sampled rows (the dense reference would
# not fit): each query tile visits only the KV tiles of its window, from an
# offset first tile (on the CPU, Halide 14 once mis-trimmed such a loop at
# this size).
n = 16384
t = tensor_type((1, 1, n, 32))
long_lib = attn.compile(
    "func.func @f(%%q: %s, %%k: %s, %%v: %s) -> %s {\n  %%o = attn.attention "
    "%%q, %%k, %%v causal(top_left) window <left = 256, right = 0> : %s, %s, "
    "%s -> %s\n  return %%o : %s\n}\n" % ((t,) * 9), target="opencl",
    name="attention_opencl_window_16384")
xs = [rng.standard_normal((1, 1, n, 32)).astype(np.float32) for _ in range(3)]
out = long_lib.f(*xs)
rows = np.r_[0:3, 255:259, n // 2:n // 2 + 3, n - 3:n]
keep = (reference.window_mask(n, n, (256, 0), "top_left") &
        reference.causal_mask(n, n, "top_left"))[rows]
report.compare("window 256, N = 16384 (sampled rows)", out[:, :, rows],
               reference.sdpa(xs[0][:, :, rows], xs[1], xs[2], mask=keep),
               rtol=TOL)
report.finish()
