# RUN: %python %s
# Finite mask fills (PyTorch's scores.masked_fill(mask == 0, F) before the
# softmax): attn.attention's mask_fill, attn.mask's fill, and the chain
# mask(fill) -> softmax fused by --attn-fuse, against the float64 reference
# (relative error <= 1e-4 as max|out - ref| / max|ref|). The dropped pairs
# keep the score F, so a row the mask drops entirely averages the values
# (not zeros), and a mild fill (-2) leaves them visible weight; causal and
# window still remove their pairs. Odd sizes and head dims, tiles that do
# not divide N or M, the online form, split-KV decoding, GQA, large logits,
# a constant mask (no sparsity may be read from it) and a mask per batch
# and head. `--target=T` compiles for another target
# (attention_mask_fill_opencl.py runs this file on OpenCL).
import numpy as np

import attn
from attn import reference as ref
from attn.testing import Func, Report, module_text, target_from_args, \
    tensor_type

TOL = 1e-4
TARGET = target_from_args()
rng = np.random.default_rng(23)
cases = []


def case(name, N, M, D=32, B=1, Hq=2, Hkv=2, fill=-1e9, mask_shape=None,
         causal=None, window=None, tiling=None, logit_scale=1.0,
         constant=False, dropped_rows=(0,)):
    cases.append(dict(name=name, N=N, M=M, D=D, B=B, Hq=Hq, Hkv=Hkv,
                      fill=fill, mask_shape=mask_shape or (N, M),
                      causal=causal, window=window, tiling=tiling,
                      logit_scale=logit_scale, constant=constant,
                      dropped_rows=dropped_rows))


case("fill_1e9_rows_dropped", 37, 45, D=24, dropped_rows=(0, 20, 36))
case("fill_mild", 30, 50, D=16, fill=-2.0)
case("fill_positive", 12, 20, D=8, fill=3.0)
case("fill_causal", 70, 70, causal="top_left", tiling=(16, 32, 1))
case("fill_window_bottom_right", 20, 90, D=40, causal="bottom_right",
     window=(30, 0), fill=-1e4)
case("fill_online_gqa", 65, 130, D=40, B=2, Hq=4, Hkv=2,
     tiling=(16, 32, 1), mask_shape=(2, 4, 65, 130))
case("fill_decode_split_kv", 1, 300, D=64, Hq=4, Hkv=1, tiling=(1, 64, 4),
     mask_shape=(1, 1, 1, 300), dropped_rows=())
case("fill_decode_all_dropped", 1, 100, D=16, tiling=(1, 32, 2),
     mask_shape=(1, 100))
case("fill_large_logits", 33, 33, D=17, logit_scale=30.0, fill=-1e9)
case("fill_constant_mask", 48, 64, D=16, constant=True, tiling=(16, 16, 1))


def literal(a):
    text = np.array2string(a, separator=", ", threshold=1 << 30,
                           max_line_width=1 << 30)
    return text.replace("True", "true").replace("False", "false")


lines = []
inputs = {}
for c in cases:
    N, M, D = c["N"], c["M"], c["D"]
    q_t = tensor_type((c["B"], c["Hq"], N, D))
    k_t = tensor_type((c["B"], c["Hkv"], M, D))
    m_t = tensor_type(c["mask_shape"], "i1")
    q = rng.standard_normal((c["B"], c["Hq"], N, D)).astype(np.float32)
    q *= c["logit_scale"]
    k = rng.standard_normal((c["B"], c["Hkv"], M, D)).astype(np.float32)
    v = rng.standard_normal((c["B"], c["Hkv"], M, D)).astype(np.float32)
    mask = rng.random(c["mask_shape"]) < 0.6
    mask[..., 40:48] = False  # a run of keys dropped for every row
    for r in c["dropped_rows"]:
        mask[..., r, :] = False  # rows the mask drops entirely
    args = ["%%q: %s" % q_t, "%%k: %s" % k_t, "%%v: %s" % k_t]
    xs = [q, k, v]
    body = []
    if c["constant"]:
        body.append("  %%m = arith.constant dense<%s> : %s"
                    % (literal(mask), m_t))
    else:
        args.append("%%m: %s" % m_t)
        xs.append(mask)
    clauses = " mask(%%m : %s)" % m_t
    if c["causal"]:
        clauses += " causal(%s)" % c["causal"]
    if c["window"]:
        clauses += " window <left = %d, right = %d>" % c["window"]
    clauses += " mask_fill(%r)" % float(c["fill"])
    if c["tiling"]:
        clauses += (" tiling <query_tile = %d, kv_tile = %d, kv_splits = %d>"
                    % c["tiling"])
    body.append("  %%o = attn.attention %%q, %%k, %%v%s : %s, %s, %s -> %s"
                % (clauses, q_t, k_t, k_t, q_t))
    lines += ["func.func @%s(%s) -> %s {" % (c["name"], ", ".join(args), q_t)]
    lines += body + ["  return %%o : %s" % q_t, "}"]
    inputs[c["name"]] = (xs, mask)

report = Report("finite mask fills vs float64 reference (f32 tol %g, target "
                "%s)" % (TOL, TARGET))
lib = attn.compile("\n".join(lines) + "\n", name="attention_mask_fill",
                   target=TARGET)
for c in cases:
    xs, mask = inputs[c["name"]]
    expected = ref.sdpa(xs[0], xs[1], xs[2], mask=mask, causal=c["causal"],
                        window=c["window"], mask_fill=c["fill"])
    out = getattr(lib, c["name"])(*xs)
    report.compare(c["name"], out, expected, rtol=TOL)
# A row the mask drops entirely (and nothing else removes) averages the
# values of all keys, as PyTorch's masked_fill does; not zeros.
xs, _ = inputs["fill_1e9_rows_dropped"]
mean = xs[2].astype(np.float64).mean(axis=2)
out = lib.fill_1e9_rows_dropped(*xs)
report.compare("fill_1e9_rows_dropped: a dropped row is the mean of V",
               out[:, :, 20], mean, rtol=TOL)
# The attention would differ if the fill were taken as -inf.
xs, mask = inputs["fill_mild"]
as_inf = ref.sdpa(xs[0], xs[1], xs[2], mask=mask)
report.expect(np.abs(lib.fill_mild(*xs) - as_inf).max() > 1e-2,
              "fill_mild differs from a -inf mask",
              "max difference %.3g" % np.abs(lib.fill_mild(*xs) - as_inf).max())

# The same written as graph ops: the chain is fused into one attention with
# mask_fill (scale after the mask: the fill is scaled too); and, on the CPU
# (GPU targets compile attention only), attn.mask's fill on its own.
funcs = []
f = Func("chain_fill_then_scale")
q = f.arg((1, 2, 19, 24), name="q")
k = f.arg((1, 2, 23, 24), name="k")
v = f.arg((1, 2, 23, 8), name="v")
m = f.arg((19, 23), dtype="i1", name="m")
s = f.scale(f.matmul(q, k, transpose_rhs=True), 0.5)
s = f.scale(f.mask(s, m, fill=-4.0), 0.25)
f.ret(f.matmul(f.softmax(s, -1), v))
funcs.append(f)
if TARGET == "host":
    f = Func("mask_fill_alone")
    f.ret(f.mask(f.arg((2, 3, 5, 7)), f.arg((5, 7), "i1"), fill=-1e9))
    funcs.append(f)
chains = attn.compile(module_text(funcs, header="attention_mask_fill.py"),
                      name="attention_mask_fill_chains", target=TARGET)
fused = [x for x in chains.manifest["functions"]
         if x["name"] == "chain_fill_then_scale"][0]
report.expect(len(fused["schedule"]["attention"]) == 1,
              "chain_fill_then_scale fused into one attention",
              "%d attention ops" % len(fused["schedule"]["attention"]))
for f in funcs:
    xs = f.random_inputs(rng)
    report.compare(f.name, getattr(chains, f.name)(*xs), f.evaluate(xs)[0],
                   rtol=TOL)
report.finish()
