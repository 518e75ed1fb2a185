# RUN: %python %s
#
# attn.attention with f16 and bf16 storage (q, k, v and the result; masks
# bool, f32 or the storage type) on the CPU, against the float64 reference
# computed from the *rounded* inputs: odd head dims, N != M, sizes that are
# not multiples of any tile, GQA / MQA, causal both ways, windows, bool
# masks with fully masked rows, additive masks with -inf / overflowing /
# finite-minimum values, large logits, long sequences (online softmax and
# split KV).
#
# Tolerances (max|out - ref| / max|ref|, as attn.testing.compare): f16 1e-3,
# bf16 8e-3. The output is rounded to the storage type, which alone costs up
# to half an ulp: 2^-11 = 4.9e-4 (f16) and 2^-8 = 3.9e-3 (bf16) of an
# element's magnitude; the factor 2 leaves room for the f32 computation.
# A sharper check per element: |out - ref| <= ulp(ref)/2 + 2e-5·max|ref|,
# i.e. the result is the reference correctly rounded up to the f32 error
# ("rounding" below). Rows without a kept key must be exactly zero.
#
# Also: exact round-to-nearest-even ties at the store (the mean of two
# adjacent values), a chain of two f16 attentions, an f16 constant mask,
# returned arguments (all 65536 bit patterns), the manifest and header
# dtypes, the Python API's dtype checks, and the C ABI's run-time dtype
# checks (error code and message).

import time

import numpy as np

import attn
from attn import dtypes, reference
from attn.halide import HALIDE_TYPE_FLOAT, buffer_from_array
from attn.testing import (STORAGE_TOLERANCE, AttnConfig, MaskSpec, Report,
                          module_text, rounding_excess, run_storage_case,
                          storage_attention_text, storage_inputs, tensor_type,
                          widen)

SEED = 20260301
DTYPES = ("f16", "bf16")
# Masked values of each storage type: -1e30 overflows f16 to -inf; f16's
# finite minimum (-65504) is above the -1e30 threshold, an additive value.
MASKED_VALUES = {
    "f16": (-np.inf, -1e30, float(np.finfo(np.float16).min)),
    "bf16": (-np.inf, -1e31, float(np.finfo(np.float32).min)),
}


def C(name, dtype, window=None, mask_dtype=None, **kwargs):
    c = AttnConfig("%s_%s" % (dtype, name), **kwargs)
    c.dtype, c.window, c.mask_dtype = dtype, window, mask_dtype
    return c


def configs_for(dtype):
    """All of them for f16; the kernels are shared, so bf16 (whose
    conversions differ) takes a subset covering each structure."""
    mv = MASKED_VALUES[dtype]
    cs = [
        C("n1_m1", dtype, N=1, M=1, D=16),
        C("decode_gqa", dtype, Hq=8, Hkv=2, N=1, M=100, D=64),
        C("odd_d33_dv17", dtype, Hq=2, N=7, M=33, D=33, Dv=17),
        C("mqa_n100_m129_d96_dv128", dtype, Hq=4, Hkv=1, N=100, M=129, D=96,
          Dv=128),
        C("n17_m65_d256_dv40", dtype, Hq=2, N=17, M=65, D=256, Dv=40),
        C("top_left_n_gt_m", dtype, Hq=2, N=129, M=33, D=40,
          causal="top_left"),
        C("bottom_right_n_lt_m", dtype, Hq=4, Hkv=2, N=7, M=100, D=128,
          causal="bottom_right"),
        C("bottom_right_n_gt_m", dtype, Hq=2, N=100, M=33, D=80,
          causal="bottom_right", note="rows 0..66 fully masked"),
        C("window_two_sided", dtype, Hq=2, N=37, M=70, D=16, window=(5, 3)),
        C("window_causal_gqa", dtype, B=2, Hq=4, Hkv=2, N=100, M=100, D=32,
          causal="top_left", window=(16, 0)),
        C("bool_mask_full_rows", dtype, Hq=4, N=33, M=47, D=64,
          mask=MaskSpec((33, 47), "bool", full_rows=3)),
        C("bool_b11m_batch_masked", dtype, B=2, Hq=2, N=33, M=65, D=96,
          mask=MaskSpec((2, 1, 1, 65), "bool", full_rows=1),
          note="batch 0 fully masked"),
        C("additive_storage_mask", dtype, N=65, M=70, D=40,
          mask=MaskSpec((1, 1, 65, 70), "additive", full_rows=3,
                        masked_values=mv)),
        C("additive_f32_mask_gqa", dtype, B=2, Hq=4, Hkv=2, N=17, M=31, D=40,
          Dv=24, mask_dtype="f32",
          mask=MaskSpec((2, 4, 17, 31), "additive", full_rows=2)),
        C("large_integer_logits", dtype, Hq=4, N=100, M=129, D=64,
          input_scale=30, integer_qk=True),
        C("large_integer_additive", dtype, Hq=2, N=31, M=64, D=64,
          input_scale=30, integer_qk=True,
          mask=MaskSpec((31, 64), "additive", full_rows=2, masked_values=mv)),
        C("long_causal_n1031", dtype, N=1031, M=1031, D=40, causal="top_left",
          note="online softmax"),
        C("long_decode_m4097_gqa", dtype, Hq=8, Hkv=2, N=1, M=4097, D=128,
          note="split KV"),
    ]
    if dtype == "bf16":
        keep = {"n1_m1", "decode_gqa", "odd_d33_dv17", "n17_m65_d256_dv40",
                "bottom_right_n_gt_m", "window_causal_gqa",
                "bool_mask_full_rows", "additive_storage_mask",
                "large_integer_logits", "long_decode_m4097_gqa"}
        cs = [c for c in cs if c.name[len(dtype) + 1:] in keep]
    rng = np.random.default_rng(SEED + len(dtype))
    seqs, dims = [1, 7, 13, 33, 61, 100], [16, 40, 64, 80, 96]
    for i in range(2 if dtype == "f16" else 1):
        B, N, M = int(rng.choice([1, 2])), int(rng.choice(seqs)), \
            int(rng.choice(seqs))
        D, Dv = int(rng.choice(dims)), int(rng.choice(dims))
        causal = [None, "top_left", "bottom_right"][int(rng.integers(3))]
        mask = None
        if rng.random() < 0.7:
            kind = "bool" if rng.random() < 0.5 else "additive"
            mask = MaskSpec((B, 1, N, M), kind,
                            full_rows=int(rng.integers(0, 3)),
                            masked_values=mv)
        cs.append(C("random%d" % i, dtype, B=B, Hq=4, Hkv=2, N=N, M=M, D=D,
                    Dv=Dv, causal=causal, mask=mask))
    return cs


configs = [c for t in DTYPES for c in configs_for(t)]
report = Report("attn.attention with f16 / bf16 storage vs float64 reference "
                "(f16 tol %g, bf16 tol %g)" % (STORAGE_TOLERANCE["f16"],
                                                STORAGE_TOLERANCE["bf16"]))

t0 = time.time()
lib = attn.compile(module_text(
    [storage_attention_text(c, c.dtype, c.mask_dtype, c.window)
     for c in configs], header="attention_half.py"), name="attention_half")
print("compiled %d functions in %.1fs" % (len(configs), time.time() - t0))

rng = np.random.default_rng(SEED)
for c in configs:
    ran = run_storage_case(report, lib, c, rng)
    if ran is None:
        continue
    fn, out, expected, mask = ran
    want = np.float16 if c.dtype == "f16" else np.uint16
    if not report.expect(out.dtype == want, c.name + " result dtype",
                         str(out.dtype)):
        continue
    got = widen(out, c.dtype)
    schedule = fn.schedule["attention"][0]
    detail = "%s window=%s form=%s" % (c.describe(), c.window,
                                       schedule["form"])
    report.compare(c.name, got, expected, rtol=STORAGE_TOLERANCE[c.dtype],
                   detail=detail)
    # Rows whose every kept key carries a large finite additive value (f16's
    # -65504) are softmaxed from s - 65504, which f32 holds to ~2^-9: their
    # error is the f32 computation's, checked by the tolerance alone.
    coarse = None
    if c.mask is not None and c.mask.kind != "bool":
        m = np.broadcast_to(mask, expected.shape[:3] + (c.M,))
        coarse = (np.where(m > reference.MASKED, m, -np.inf).max(axis=-1)
                  < -1e4)[..., None]
    excess = rounding_excess(got, expected, c.dtype, ignore=coarse)
    report.expect(excess <= 1.0, c.name + " rounding",
                  "|out - ref| <= ulp/2 + 2e-5 max|ref|%s: worst %.3f of the "
                  "bound" % ("" if coarse is None or not coarse.any() else
                             " (%d coarse rows left out)" % coarse.sum(),
                             excess))
    keep = reference.combined_keep_mask(expected.shape[:3] + (c.M,), mask,
                                        c.causal, c.window)
    empty = ~keep.any(axis=-1)
    if empty.any():
        report.expect(np.all(out.view(np.uint16)[empty] == 0),
                      c.name + " keyless rows",
                      "%d rows without keys are +0.0" % int(empty.sum()))

report.expect({f.name for f in lib} == {c.name for c in configs},
              "every function is in the manifest")
c = configs[0]
spec = getattr(lib, configs[-1].name)
report.expect([a.dtype for a in spec.args[:3]] == ["bf16"] * 3 and
              spec.results[0].dtype == "bf16", "manifest dtypes (bf16)",
              "%s -> %s" % ([a.dtype for a in spec.args],
                            [r.dtype for r in spec.results]))
with open(lib.header_path) as f:
    header = f.read()
report.expect("int %s(const uint16_t *q, const uint16_t *k, const uint16_t *v, "
              "uint16_t *out);" % c.name in header,
              "header: f16 arguments are uint16_t raw bits")

# -- exact rounding at the store: ties to even --------------------------------
# q = 0 and two keys: every output is the exact mean of two value rows, here
# two adjacent values of the storage type, i.e. a tie the store must round
# to the even one (subnormals, the largest finite values, signs included).
PAIRS = 96


def tie_pairs(dtype, rng):
    if dtype == "f16":
        bits = np.concatenate([
            rng.integers(0x0001, 0x7BFE, PAIRS - 8),          # positive
            [0x0001, 0x0002, 0x03FE, 0x03FF, 0x0400, 0x7BFE, 0x3BFF, 0x3C00]])
        lo = bits.astype(np.uint16).view(np.float16).astype(np.float64)
        hi = (bits + 1).astype(np.uint16).view(np.float16).astype(np.float64)
    else:
        # Below 2^126: the sum of two values (P·V accumulates in f32) stays
        # finite.
        bits = np.concatenate([
            rng.integers(0x0001, 0x7E7E, PAIRS - 6),
            [0x0001, 0x007F, 0x0080, 0x7E7E, 0x3F7F, 0x3F80]])
        lo = dtypes.from_bf16(bits.astype(np.uint16)).astype(np.float64)
        hi = dtypes.from_bf16((bits + 1).astype(np.uint16)).astype(np.float64)
    sign = np.where(rng.random(PAIRS) < 0.5, -1.0, 1.0)
    return lo * sign, hi * sign


tie_funcs = []
for t in DTYPES:
    q, k = tensor_type((1, 1, 1, 8), t), tensor_type((1, 1, 2, 8), t)
    v, o = tensor_type((1, 1, 2, PAIRS), t), tensor_type((1, 1, 1, PAIRS), t)
    tie_funcs.append(
        "func.func @ties_%s(%%q: %s, %%k: %s, %%v: %s) -> %s {\n"
        "  %%o = attn.attention %%q, %%k, %%v : %s, %s, %s -> %s\n"
        "  return %%o : %s\n}" % (t, q, k, v, o, q, k, v, o, o))
ties = attn.compile(module_text(tie_funcs), name="attention_half_ties")
for t in DTYPES:
    lo, hi = tie_pairs(t, rng)
    mean = (lo + hi) / 2  # exact in float64 (and in f32)
    if t == "f16":
        want = mean.astype(np.float16).view(np.uint16)  # numpy rounds to even
        value = np.stack([lo, hi]).astype(np.float16)
    else:
        want = dtypes.to_bf16(mean)
        value = dtypes.to_bf16(np.stack([lo, hi]))
    zeros = dtypes.storage_array(np.zeros((1, 1, 1, 8)), t)
    keys = dtypes.storage_array(np.zeros((1, 1, 2, 8)), t)
    got = getattr(ties, "ties_" + t)(zeros, keys, value.reshape(1, 1, 2, PAIRS))
    got = got.view(np.uint16).ravel()
    report.expect(np.array_equal(got, want), "%s ties round to even" % t,
                  "%d of %d means exact; first miss: %s" % (
                      int((got == want).sum()), PAIRS,
                      "none" if np.array_equal(got, want) else
                      "got 0x%04x want 0x%04x" % (got[got != want][0],
                                                  want[got != want][0])))
    odd = got & 1
    report.expect(not odd.any(), "%s tie results have an even last bit" % t,
                  "%d odd" % int(odd.sum()))

# -- a chain of two f16 attentions, an f16 constant mask ----------------------
# The first result is stored as f16 (and returned); the second attention
# reads those rounded values.
t4 = lambda s: tensor_type(s, "f16")
Q, K, O2 = (1, 2, 13, 24), (1, 1, 29, 24), (1, 2, 13, 24)
chain_text = (
    "func.func @chain(%%q: %s, %%k: %s, %%v: %s) -> (%s, %s) {\n"
    "  %%a = attn.attention %%q, %%k, %%v causal(bottom_right) : %s, %s, %s -> %s\n"
    "  %%b = attn.attention %%a, %%k, %%v : %s, %s, %s -> %s\n"
    "  return %%a, %%b : %s, %s\n}" % (
        t4(Q), t4(K), t4(K), t4(O2), t4(O2), t4(Q), t4(K), t4(K), t4(O2),
        t4(O2), t4(K), t4(K), t4(O2), t4(O2), t4(O2)))
N, M = 6, 9
keep = rng.random((N, M)) < 0.6
keep[2] = False  # a fully masked row
values = np.where(keep, rng.standard_normal((N, M)), -np.inf).astype(np.float16)
literal = "[%s]" % ", ".join(
    "[%s]" % ", ".join("0x%04X" % b for b in row)
    for row in values.view(np.uint16))
mt = tensor_type((N, M), "f16")
qt, kt = t4((1, 2, N, 16)), t4((1, 2, M, 16))
const_text = (
    "func.func @constant_mask(%%q: %s, %%k: %s, %%v: %s) -> %s {\n"
    "  %%m = arith.constant dense<%s> : %s\n"
    "  %%o = attn.attention %%q, %%k, %%v mask(%%m : %s) : %s, %s, %s -> %s\n"
    "  return %%o : %s\n}" % (qt, kt, kt, qt, literal, mt, mt, qt, kt, kt, qt,
                             qt))
misc = attn.compile(module_text([chain_text, const_text]),
                    name="attention_half_misc")
q, k, v = (rng.standard_normal(s).astype(np.float16) for s in (Q, K, K))
a, b = misc.chain(q, k, v)
f64 = lambda x: x.astype(np.float64)
ref_a = reference.sdpa(f64(q), f64(k), f64(v), causal="bottom_right")
report.compare("chain: first f16 attention", f64(a), ref_a,
               rtol=STORAGE_TOLERANCE["f16"])
report.compare("chain: second reads the stored f16 result", f64(b),
               reference.sdpa(f64(a), f64(k), f64(v)),
               rtol=STORAGE_TOLERANCE["f16"])
q, k, v = (rng.standard_normal(s).astype(np.float16)
           for s in ((1, 2, N, 16), (1, 2, M, 16), (1, 2, M, 16)))
out = misc.constant_mask(q, k, v)
report.compare("f16 constant additive mask (row 2 fully masked)", f64(out),
               reference.sdpa(f64(q), f64(k), f64(v), mask=f64(values)),
               rtol=STORAGE_TOLERANCE["f16"])
report.expect(np.all(out[:, :, 2] == 0), "constant mask: masked row is zero")

# -- returned arguments: every bit pattern survives --------------------------
ident = attn.compile(module_text([
    "func.func @ident_%s(%%x: %s {attn.name = \"x\"}) -> (%s {attn.name = "
    "\"y\"}) {\n  return %%x : %s\n}" % ((t,) + (tensor_type((65536,), t),) * 3)
    for t in DTYPES]), name="attention_half_ident")
all_bits = np.arange(65536, dtype=np.uint32).astype(np.uint16)
for t in DTYPES:
    x = all_bits.view(np.float16) if t == "f16" else all_bits
    y = getattr(ident, "ident_" + t)(x).view(np.uint16)
    nan = (widen(all_bits.view(np.float16), "f16") if t == "f16" else
           widen(all_bits, "bf16"))
    nan = np.isnan(nan)
    same = (y == all_bits) | (nan & np.isnan(widen(
        y.view(np.float16) if t == "f16" else y, t)))
    report.expect(same.all(), "%s: every bit pattern returned unchanged" % t,
                  "%d of 65536 (NaNs may change payload, stay NaN)"
                  % int(same.sum()))

# -- Python API and C ABI dtype checks ---------------------------------------
c16 = next(c for c in configs if c.dtype == "f16" and c.mask is None)
cb = next(c for c in configs if c.dtype == "bf16" and c.mask is None)
f16fn, bf16fn = getattr(lib, c16.name), getattr(lib, cb.name)
args16, _ = storage_inputs(c16, rng, "f16")
argsb, _ = storage_inputs(cb, rng, "bf16")
for name, call, words in [
        ("float32 for an f16 argument", lambda: f16fn(
            *[a.astype(np.float32) for a in args16]), "float16"),
        ("float16 for a bf16 argument", lambda: bf16fn(
            *[a.view(np.float16) for a in argsb]), "raw bits"),
        ("float32 out for an f16 result", lambda: f16fn(
            *args16, out=np.empty(c16.out_shape, np.float32)), "float16")]:
    try:
        call()
        report.fail("python: " + name, "no error")
    except ValueError as e:
        report.expect(words in str(e), "python: " + name, str(e))

# halide_buffer_t entry: the library checks type code and bits.
dense16 = f16fn(*args16)
out = np.zeros(c16.out_shape, np.float16)
code = f16fn.call_halide_raw(*[buffer_from_array(a) for a in args16 + [out]])
report.expect(code == 0 and np.array_equal(out.view(np.uint16),
                                           dense16.view(np.uint16)),
              "f16 %s_halide with float16 buffers" % c16.name,
              "code %d" % code)
outb = np.zeros(cb.out_shape, np.uint16)
code = bf16fn.call_halide_raw(*[buffer_from_array(a, bfloat16=True)
                                for a in argsb + [outb]])
report.expect(code == 0 and np.array_equal(outb, bf16fn(*argsb)),
              "bf16 %s_halide with bfloat16 buffers" % cb.name,
              "code %d" % code)


def bad_call(fn, buffers, label, want_arg, want_type):
    code = fn.call_halide_raw(*buffers)
    message = fn.library.last_error()
    report.expect(code == attn.ATTN_ERROR_BAD_BUFFER and
                  "argument '%s' must hold %s elements" % (want_arg, want_type)
                  in message, label, "code %d: %s" % (code, message))


bufs = [buffer_from_array(a) for a in args16 + [out]]
bufs[0] = buffer_from_array(args16[0].astype(np.float32))
bad_call(f16fn, bufs, "f16 argument given a float32 buffer", "q", "float16")
bufs = [buffer_from_array(a) for a in args16 + [out]]
bufs[1] = buffer_from_array(args16[1].view(np.uint16))
bad_call(f16fn, bufs, "f16 argument given a uint16 buffer", "k", "float16")
bufs = [buffer_from_array(a, bfloat16=True) for a in argsb + [outb]]
bufs[2] = buffer_from_array(argsb[2].view(np.float16))
bad_call(bf16fn, bufs, "bf16 argument given a float16 buffer", "v",
         "bfloat16")
bufs = [buffer_from_array(a, bfloat16=True) for a in argsb + [outb]]
bufs[3] = buffer_from_array(outb)
bad_call(bf16fn, bufs, "bf16 result given a uint16 buffer", "out",
         "bfloat16")
bufs = [buffer_from_array(a, bfloat16=True) for a in argsb + [outb]]
bufs[3].buf.type.code = HALIDE_TYPE_FLOAT
bad_call(bf16fn, bufs, "bf16 result given a float16 buffer", "out",
         "bfloat16")
report.finish()
