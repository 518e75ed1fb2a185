# REQUIRES: opencl
# RUN: %python %s
#
# attn.attention with f16 and bf16 storage compiled with --target=opencl
# (the GPU schedule of AttentionGpu.cpp) and run on the OpenCL platform lit
# found (PoCL on machines without a GPU), against the float64 reference of
# the rounded inputs. OpenCL kernels see f16 / bf16 buffers as ushort and
# convert with integer arithmetic, so no cl_khr_fp16 is needed (PoCL has
# none).
#
# Tolerances as attention_half.py: f16 1e-3, bf16 8e-3 relative to max|ref|
# (half an ulp of output rounding, 4.9e-4 / 3.9e-3, times 2), and each
# element within ulp(ref)/2 + 2e-5·max|ref| of the reference.
#
# Also: the device-buffer entry (`name_halide`) with f16 / bf16 buffers
# uploaded through the library's helpers, with the result's device memory
# allocated by the caller or left to the pipeline, and every f16 / bf16 bit
# pattern through the integer conversions (a returned argument, converted
# by the host code of an OpenCL library).
#
# The libraries are compiled by attn-compile (a subprocess) and loaded with
# ctypes: this process never loads libHalide, whose LLVM clashes with PoCL's.

import time

import numpy as np

import attn
from attn import dtypes, reference
from attn.testing import (STORAGE_TOLERANCE, AttnConfig, MaskSpec, Report,
                          module_text, rounding_excess, run_storage_case,
                          storage_attention_text, storage_inputs, tensor_type,
                          widen)

SEED = 20260302


def C(name, dtype, window=None, mask_dtype=None, **kwargs):
    c = AttnConfig("%s_%s" % (dtype, name), **kwargs)
    c.dtype, c.window, c.mask_dtype = dtype, window, mask_dtype
    return c


def configs_for(t):
    return [
        C("n1_m1", t, N=1, M=1, D=16),
        C("odd_gqa_d80_dv40", t, B=2, Hq=8, Hkv=2, N=100, M=129, D=80, Dv=40),
        C("mqa_decode_d128", t, Hq=8, Hkv=1, N=1, M=1000, D=128),
        C("bottom_right_n_gt_m", t, Hq=2, N=100, M=33, D=80,
          causal="bottom_right", note="rows 0..66 fully masked"),
        C("window_causal", t, B=2, Hq=4, Hkv=2, N=300, M=300, D=64,
          causal="top_left", window=(32, 0)),
        C("bool_mask_full_rows", t, Hq=4, N=33, M=47, D=64,
          mask=MaskSpec((33, 47), "bool", full_rows=3)),
        C("additive_storage_batch", t, B=2, Hq=2, N=65, M=70, D=40,
          mask=MaskSpec((2, 1, 1, 70), "additive", full_rows=1,
                        masked_values=(-np.inf,)),
          note="batch 0 fully masked"),
        C("additive_f32_mask", t, Hq=2, N=31, M=47, D=40, Dv=96,
          mask_dtype="f32", mask=MaskSpec((31, 47), "additive", full_rows=2)),
        C("large_integer_logits", t, Hq=4, N=100, M=129, D=64,
          input_scale=30, integer_qk=True),
    ]


configs = configs_for("f16") + configs_for("bf16")
report = Report("attn.attention f16 / bf16 on OpenCL vs float64 reference "
                "(f16 tol %g, bf16 tol %g)" % (STORAGE_TOLERANCE["f16"],
                                                STORAGE_TOLERANCE["bf16"]))
ident = ["func.func @ident_%s(%%x: %s {attn.name = \"x\"}) -> (%s {attn.name "
         "= \"y\"}) {\n  return %%x : %s\n}" % ((t,) +
                                              (tensor_type((65536,), t),) * 3)
         for t in ("f16", "bf16")]
t0 = time.time()
lib = attn.compile(module_text(
    [storage_attention_text(c, c.dtype, c.mask_dtype, c.window)
     for c in configs] + ident, header="attention_half_opencl.py"),
    target="opencl", name="attention_half_opencl")
print("compiled %d functions in %.1fs" % (len(configs) + 2, time.time() - t0))
report.expect(lib.manifest.get("gpu", {}).get("api") == "opencl",
              "manifest names the OpenCL API", str(lib.manifest.get("gpu")))

rng = np.random.default_rng(SEED)
for c in configs:
    ran = run_storage_case(report, lib, c, rng)
    if ran is None:
        continue
    fn, out, expected, mask = ran
    schedule = fn.schedule["attention"][0]
    report.expect(schedule["form"] == "gpu_online", c.name + " schedule",
                  str(schedule))
    got = widen(out, c.dtype)
    report.compare(c.name, got, expected, rtol=STORAGE_TOLERANCE[c.dtype],
                   detail="%s window=%s" % (c.describe(), c.window))
    excess = rounding_excess(got, expected, c.dtype)
    report.expect(excess <= 1.0, c.name + " rounding",
                  "|out - ref| <= ulp/2 + 2e-5 max|ref|: worst %.3f of the "
                  "bound" % excess)
    keep = reference.combined_keep_mask(expected.shape[:3] + (c.M,),
                                        mask, c.causal, c.window)
    empty = ~keep.any(axis=-1)
    if empty.any():
        report.expect(np.all(out.view(np.uint16)[empty] == 0),
                      c.name + " keyless rows",
                      "%d rows without keys are +0.0" % int(empty.sum()))

# name_halide on device buffers: inputs uploaded with the library's helpers;
# the result's device memory allocated by the caller (first) or by the
# pipeline (second), in both cases the caller's buffer is left device-dirty
# and holding the allocation (the pipeline works on a raw-bits view of it).
for c in (configs[1], configs[len(configs) // 2 + 1]):
    bf16 = c.dtype == "bf16"
    fn = getattr(lib, c.name)
    args, wide = storage_inputs(c, rng, c.dtype)
    expected = reference.sdpa(*wide[:3], scale=c.scale, causal=c.causal)
    for allocate in (True, False):
        out = np.zeros(c.out_shape, np.float16 if not bf16 else np.uint16)
        bufs = [attn.halide.buffer_from_array(x, bfloat16=bf16)
                for x in args + [out]]
        codes = [lib.device_call("attn_copy_to_device", b) for b in bufs[:-1]]
        if allocate:
            codes.append(lib.device_call("attn_device_malloc", bufs[-1]))
        codes.append(fn.call_halide_raw(*bufs))
        on_device = bufs[-1].buf.device != 0
        dirty = bool(bufs[-1].buf.flags & 2)  # halide_buffer_flag_device_dirty
        before = out.copy()
        codes.append(lib.device_call("attn_copy_to_host", bufs[-1]))
        codes += [lib.device_call("attn_device_free", b) for b in bufs]
        label = "%s_halide, result %s" % (c.name, "allocated by the caller"
                                          if allocate else
                                          "allocated by the pipeline")
        report.expect(codes == [0] * len(codes) and on_device and dirty,
                      label + ": codes, device-dirty result",
                      "codes %s, on the device %s, device-dirty %s" % (
                          codes, on_device, dirty))
        report.expect(not np.any(before.view(np.uint16)),
                      label + ": host untouched until copied")
        report.compare(label, widen(out, c.dtype), expected,
                       rtol=STORAGE_TOLERANCE[c.dtype])

# Every bit pattern through the integer conversions (an OpenCL library's
# host code widens f16 without the CPU's f16 instructions).
all_bits = np.arange(65536, dtype=np.uint32).astype(np.uint16)
for t in ("f16", "bf16"):
    x = all_bits.view(np.float16) if t == "f16" else all_bits
    y = getattr(lib, "ident_" + t)(x).view(np.uint16)
    as_t = (lambda b: b.view(np.float16)) if t == "f16" else (lambda b: b)
    nan = np.isnan(widen(as_t(all_bits), t))
    same = (y == all_bits) | (nan & np.isnan(widen(as_t(y), t)))
    report.expect(same.all(), "%s: every bit pattern returned unchanged" % t,
                  "%d of 65536 (NaNs stay NaN)" % int(same.sum()))
report.finish()
