# RUN: %python %s
#
# The transformer-block ops alone and in small chains, compiled in one module
# and compared with the float64 numpy references in attn.reference:
#
#  - attn.layer_norm: odd widths (1, 3, 37, 769), one row, rank 1 and rank 4
#    inputs, with and without weight / bias, eps 0, rows of large values
#    close together (1e4 + N(0, 1): the centering must keep the spread's
#    precision), huge magnitudes (1e15, squares near 1e30), constant rows
#    (variance 0: the output is the bias); as RMSNorm (rms) too, with a row
#    of zeros among values of 1e10;
#  - attn.gelu, tanh and exact: odd sizes, one element, large and tiny
#    values (|x| up to 1e4, 1e-30), the negative tail;
#  - attn.rope with Llama's tables: [1, 1, N, D], per batch [B, 1, N, D],
#    [N, D] against rank-4 queries, D = 2 and 128, far positions (1e5),
#    and rotated queries and keys feeding a causal attention;
#  - attn.slice of f32 and i1 tensors (a mask slice feeding attn.mask), a
#    slice returned directly, a slice of a computed tensor;
#  - attn.linear with a transposed (Conv1D [in, out]) weight and with a
#    slice of one (GPT-2's c_attn split), read in place by the product.
#
# Tolerance (f32): max|out - ref| / max(max|ref|, 1e-6) <= 1e-4.

import numpy as np

import attn
from attn.testing import Func, Report, module_text

TOL = 1e-4
funcs = []
inputs_of = {}


def new(name, make_inputs=None):
    f = Func(name)
    funcs.append(f)
    if make_inputs is not None:
        inputs_of[name] = make_inputs
    return f


def normal(rng, shape, scale=1.0, offset=0.0):
    return (offset + scale * rng.standard_normal(shape)).astype(np.float32)


# -- layer_norm ---------------------------------------------------------------
for shape in ([2, 5, 37], [3, 1], [1, 3], [1, 769], [2, 3, 2, 9]):
    f = new("ln_%s" % "x".join(map(str, shape)))
    x = f.arg(shape)
    w, b = f.arg([shape[-1]]), f.arg([shape[-1]])
    f.ret(f.layer_norm(x, w, b))

f = new("ln_rank1")
f.ret(f.layer_norm(f.arg([13]), eps=1e-3))

f = new("ln_no_affine")
f.ret(f.layer_norm(f.arg([4, 7, 33])))

f = new("ln_weight_only")
x = f.arg([4, 20])
f.ret(f.layer_norm(x, weight=f.arg([20])))

f = new("ln_bias_only")
x = f.arg([4, 20])
f.ret(f.layer_norm(x, bias=f.arg([20])))

f = new("ln_eps0")
f.ret(f.layer_norm(f.arg([6, 9]), eps=0.0))

# 1e4 + N(0, 1): f32 holds x to 1e-3, the mean of x in f32 only to about
# 5e-4 absolute, which a centering x - mean would pass on to the output.
f = new("ln_large_offset",
        lambda rng: [normal(rng, [3, 8, 768], 1.0, 1e4),
                     normal(rng, [768]), normal(rng, [768])])
x = f.arg([3, 8, 768])
f.ret(f.layer_norm(x, f.arg([768]), f.arg([768])))

f = new("ln_huge", lambda rng: [normal(rng, [5, 65], 1e15)])
f.ret(f.layer_norm(f.arg([5, 65]), eps=1e-5))

# RMSNorm (rms): odd widths, with and without a weight, rank 1 and 4, a
# row of zeros (eps alone under the root) and large values.
for shape in ([2, 5, 37], [1, 769], [2, 3, 2, 9]):
    f = new("rms_%s" % "x".join(map(str, shape)))
    x = f.arg(shape)
    f.ret(f.layer_norm(x, f.arg([shape[-1]]), eps=1e-6, rms=True))
f = new("rms_rank1_bias")
f.ret(f.layer_norm(f.arg([13]), bias=f.arg([13]), eps=1e-3, rms=True))


def zero_row(rng):
    x = normal(rng, [4, 24], 1e10)
    x[2, :] = 0.0
    return [x]


f = new("rms_zero_row_large", zero_row)
f.ret(f.layer_norm(f.arg([4, 24]), eps=1e-5, rms=True))


def constant_rows(rng):
    x = normal(rng, [4, 24])
    x[1, :] = 3.5
    x[3, :] = -1e4
    return [x, normal(rng, [24]), normal(rng, [24])]


f = new("ln_constant_rows", constant_rows)
x = f.arg([4, 24])
f.ret(f.layer_norm(x, f.arg([24]), f.arg([24])))

# -- gelu ---------------------------------------------------------------------
for approximate in ("tanh", "none"):
    f = new("gelu_%s_odd" % approximate, lambda rng: [normal(rng, [3, 7, 37], 3.0)])
    f.ret(f.gelu(f.arg([3, 7, 37]), approximate))

    f = new("gelu_%s_one" % approximate, lambda rng: [normal(rng, [1], 2.0)])
    f.ret(f.gelu(f.arg([1]), approximate))

    def tails(rng):
        x = np.concatenate([
            np.linspace(-12.0, 12.0, 97), [-1e4, -50.0, -9.0, 1e-30, -1e-30,
                                          0.0, 9.0, 50.0, 1e4]])
        return [x.astype(np.float32).reshape(1, -1)]

    f = new("gelu_%s_tails" % approximate, tails)
    f.ret(f.gelu(f.arg([1, 106]), approximate))

    # The negative tail alone: values down to about -1e-3, so the error is
    # measured against small outputs.
    f = new("gelu_%s_negative" % approximate,
            lambda rng: [np.linspace(-4.0, -0.5, 64, dtype=np.float32)])
    f.ret(f.gelu(f.arg([64]), approximate))

# -- slice --------------------------------------------------------------------
f = new("slice_f32")
f.ret(f.slice(f.arg([2, 9, 12]), [1, 2, 5], [1, 6, 7]))

f = new("slice_whole_rows")
f.ret(f.slice(f.arg([4, 30]), [0, 10], [4, 10]))

f = new("slice_of_computed")
x = f.arg([3, 16])
f.ret(f.slice(f.scale(x, 2.0), [1, 3], [2, 11]))

f = new("slice_bool_mask")
s = f.arg([2, 3, 5, 6])
m = f.arg([1, 1, 9, 9], "i1")
f.ret(f.mask(s, f.slice(m, [0, 0, 2, 1], [1, 1, 5, 6])))

# -- rope ---------------------------------------------------------------------
# Llama's tables (base 10000) for positions 0..N-1, shaped [1, 1, N, D], and
# per batch [B, 1, N, D] (position ids that differ per sequence: a later
# start), [N, D] against rank-4 queries, D = 2, and large positions (angles
# up to 1e5 radians: f32 tables, so only their own rounding).
from attn.reference import rope_tables


def rope_inputs(x_shape, table_shape, starts, scale=1.0):
    def make(rng):
        n, d = x_shape[-2], x_shape[-1]
        tables = [rope_tables(np.arange(n) + s, d) for s in starts]
        cos = np.stack([c for c, _ in tables]).reshape(table_shape)
        sin = np.stack([t for _, t in tables]).reshape(table_shape)
        return [normal(rng, x_shape, scale), cos.astype(np.float32),
                sin.astype(np.float32)]
    return make


for name, x_shape, table_shape, starts in (
        ("rope_llama", [2, 4, 37, 64], [1, 1, 37, 64], [0]),
        ("rope_per_batch", [3, 2, 9, 16], [3, 1, 9, 16], [0, 5, 300]),
        ("rope_rank2_table", [1, 3, 11, 128], [11, 128], [0]),
        ("rope_d2", [2, 1, 5, 2], [1, 1, 5, 2], [0]),
        ("rope_far_positions", [1, 2, 8, 32], [1, 1, 8, 32], [100000])):
    f = new(name, rope_inputs(x_shape, table_shape, starts))
    x = f.arg(x_shape)
    cos, sin = f.arg(table_shape), f.arg(table_shape)
    f.ret(f.rope(x, cos, sin))

# Queries and keys rotated, then attention (the scores depend only on the
# positions' differences).
f = new("rope_then_attention",
        lambda rng: [normal(rng, [1, 2, 24, 32]), normal(rng, [1, 2, 24, 32]),
                     normal(rng, [1, 2, 24, 32])] +
        rope_inputs([1, 2, 24, 32], [1, 1, 24, 32], [0])(rng)[1:])
q, k, v = f.arg([1, 2, 24, 32]), f.arg([1, 2, 24, 32]), f.arg([1, 2, 24, 32])
cos, sin = f.arg([1, 1, 24, 32]), f.arg([1, 1, 24, 32])
f.ret(f.attention(f.rope(q, cos, sin), f.rope(k, cos, sin), v,
                  causal="top_left"))

# -- Conv1D weights: linear(x, transpose(W)) ---------------------------------
f = new("conv1d")
x = f.arg([2, 7, 40])
w = f.arg([40, 24])  # [in, out]
f.ret(f.linear(x, f.transpose(w, [1, 0]), f.arg([24])))

f = new("conv1d_sliced")
x = f.arg([1, 9, 16])
w = f.arg([16, 48])
b = f.arg([48])
outs = []
for i in range(3):
    wi = f.transpose(f.slice(w, [0, 16 * i], [16, 16]), [1, 0])
    outs.append(f.linear(x, wi, f.slice(b, [16 * i], [16])))
f.ret(*outs)

# -- run ------------------------------------------------------------------------
report = Report("layer_norm, gelu, rope, slice, Conv1D linear vs float64 "
                "(tol %g)"
                % TOL)
text = module_text(funcs, header="block_ops.py")
try:
    lib = attn.compile(text, name="block_ops")
except attn.CompileError as e:
    print(str(e))
    print("---- module text ----\n" + text)
    report.fail("compile", "the module did not compile")
    report.finish()

rng = np.random.default_rng(11)
for f in funcs:
    xs = inputs_of[f.name](rng) if f.name in inputs_of else \
        f.random_inputs(rng, scale=2.0)
    expected = f.evaluate(xs)
    outs = getattr(lib, f.name)(*xs)
    if not isinstance(outs, tuple):
        outs = (outs,)
    for i, (out, exp) in enumerate(zip(outs, expected)):
        name = f.name if len(expected) == 1 else "%s[%d]" % (f.name, i)
        report.compare(name, out, exp, rtol=TOL,
                       detail="shape %s" % (list(exp.shape),))
report.finish()
