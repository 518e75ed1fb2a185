# RUN: %python %s
#
# Each attn graph op alone (matmul with transposes and batch broadcasting,
# scale, add with broadcasting, bool/additive mask, softmax over every axis
# with fully masked slices, linear with/without bias, split/merge heads,
# transpose, reshape), small chains, and an unfused multi-head attention
# (linear -> split_heads -> matmul transpose_rhs -> scale -> mask -> softmax
# -> matmul -> merge_heads -> linear), compared with the float64 numpy
# references in attn.reference. All functions are one module (one
# attn-compile call).
#
# Tolerance (f32): max|out - ref| / max(max|ref|, 1e-6) <= 1e-4 over the
# entries the reference does not mask; masked entries (<= -1e30) must agree
# exactly in being masked, and a boolean attn.mask must write -inf there.

import time

import numpy as np

import attn
from attn.testing import Func, Report, module_text

TOL = 1e-4
SEED = 7
NEG_VALUES = (-np.inf, -1e30, float(np.finfo(np.float32).min))

funcs = []      # Func objects, in module order
inputs_of = {}  # name -> function(rng) -> list of inputs (default: random)


def new(name, make_inputs=None):
    f = Func(name)
    funcs.append(f)
    if make_inputs is not None:
        inputs_of[name] = make_inputs
    return f


# -- matmul -------------------------------------------------------------------
f = new("matmul_2d")
f.ret(f.matmul(f.arg([5, 7]), f.arg([7, 3])))

f = new("matmul_batched_transpose_rhs")
f.ret(f.matmul(f.arg([2, 3, 17, 40]), f.arg([2, 3, 33, 40]),
               transpose_rhs=True))

f = new("matmul_transpose_lhs")
f.ret(f.matmul(f.arg([2, 9, 5]), f.arg([2, 9, 6]), transpose_lhs=True))

f = new("matmul_transpose_both")
f.ret(f.matmul(f.arg([3, 8, 4]), f.arg([3, 6, 8]), transpose_lhs=True,
               transpose_rhs=True))

f = new("matmul_broadcast_batch")
f.ret(f.matmul(f.arg([2, 1, 7, 16]), f.arg([3, 16, 5])))

f = new("matmul_broadcast_rank2_lhs")
f.ret(f.matmul(f.arg([7, 16]), f.arg([2, 4, 16, 9])))

f = new("matmul_k1_odd")
f.ret(f.matmul(f.arg([1, 13, 1]), f.arg([1, 1, 29])))

# -- scale, add ----------------------------------------------------------------
f = new("scale_only")
f.ret(f.scale(f.arg([2, 3, 5, 7]), 0.3))

f = new("add_same_shape")
f.ret(f.add(f.arg([4, 9]), f.arg([4, 9])))

f = new("add_bias_rank2")
f.ret(f.add(f.arg([2, 8, 13, 13]), f.arg([13, 13])))

f = new("add_both_broadcast")
f.ret(f.add(f.arg([1, 8, 1, 13]), f.arg([2, 1, 11, 1])))

f = new("add_scalar_like")
f.ret(f.add(f.arg([1]), f.arg([3, 5])))

# -- mask -----------------------------------------------------------------------
f = new("mask_bool_nm")
f.ret(f.mask(f.arg([2, 4, 13, 17]), f.arg([13, 17], "i1")))

f = new("mask_bool_b11m")
f.ret(f.mask(f.arg([2, 4, 13, 17]), f.arg([2, 1, 1, 17], "i1")))

f = new("mask_bool_full")
f.ret(f.mask(f.arg([2, 3, 5, 7]), f.arg([2, 3, 5, 7], "i1")))


def additive_mask_inputs(rng):
    x = rng.standard_normal((2, 4, 13, 17)).astype(np.float32)
    m = rng.standard_normal((1, 4, 1, 17)).astype(np.float32)
    m[0, 1, 0, 3] = -np.inf
    m[0, 2, 0, 5] = -1e30
    return [x, m]


f = new("mask_additive", additive_mask_inputs)
f.ret(f.mask(f.arg([2, 4, 13, 17]), f.arg([1, 4, 1, 17])))

# -- softmax ------------------------------------------------------------------


def softmax_inputs(shape, axis):
    def make(rng):
        x = (rng.standard_normal(shape) * 3).astype(np.float32)
        x = np.moveaxis(x, axis, -1)  # a view: write whole slices along axis
        # three fully masked slices written three ways, one partial slice
        for t, value in enumerate(NEG_VALUES):
            idx = np.unravel_index(t % int(np.prod(x.shape[:-1])),
                                   x.shape[:-1])
            x[idx] = value
        last = tuple(d - 1 for d in x.shape[:-1])
        x[last + (0,)] = -np.inf
        return [np.ascontiguousarray(np.moveaxis(x, -1, axis))]
    return make


SOFTMAX_SHAPE = (2, 3, 5, 7)
for axis in range(4):
    f = new("softmax_axis%d" % axis, softmax_inputs(SOFTMAX_SHAPE, axis))
    f.ret(f.softmax(f.arg(SOFTMAX_SHAPE), axis))

for axis in (-1, -3):
    f = new("softmax_axis_neg%d" % -axis, softmax_inputs(SOFTMAX_SHAPE, axis))
    f.ret(f.softmax(f.arg(SOFTMAX_SHAPE), axis))

f = new("softmax_large_values", lambda rng: [
    (rng.standard_normal((3, 129)) * 1e4).astype(np.float32)])
f.ret(f.softmax(f.arg([3, 129]), 1))

f = new("softmax_after_bool_mask")
x = f.arg([2, 2, 9, 11])
m = f.arg([2, 1, 9, 11], "i1")
f.ret(f.softmax(f.mask(x, m), 3))

# -- linear ---------------------------------------------------------------------
f = new("linear_bias")
f.ret(f.linear(f.arg([2, 7, 40]), f.arg([24, 40]), f.arg([24])))

f = new("linear_no_bias")
f.ret(f.linear(f.arg([2, 7, 40]), f.arg([24, 40])))

f = new("linear_rank2")
f.ret(f.linear(f.arg([9, 16]), f.arg([33, 16]), f.arg([33])))

f = new("linear_rank4")
f.ret(f.linear(f.arg([2, 3, 5, 8]), f.arg([6, 8])))

# -- layout ops -----------------------------------------------------------------
f = new("split_heads_only")
f.ret(f.split_heads(f.arg([2, 7, 64]), 4))

f = new("merge_heads_only")
f.ret(f.merge_heads(f.arg([2, 4, 7, 16])))

f = new("split_merge_roundtrip")
f.ret(f.merge_heads(f.split_heads(f.arg([1, 5, 24]), 3)))

f = new("transpose_0213")
f.ret(f.transpose(f.arg([2, 3, 5, 7]), [0, 2, 1, 3]))

f = new("transpose_3102")
f.ret(f.transpose(f.arg([2, 3, 5, 7]), [3, 1, 0, 2]))

f = new("transpose_2d")
f.ret(f.transpose(f.arg([5, 9]), [1, 0]))

f = new("reshape_split_last")
f.ret(f.reshape(f.arg([2, 7, 64]), [2, 7, 4, 16]))

f = new("reshape_flatten")
f.ret(f.reshape(f.arg([6, 10]), [60]))

f = new("reshape_regroup")
f.ret(f.reshape(f.arg([2, 3, 4]), [4, 6]))

# -- several results ----------------------------------------------------------
f = new("two_results")
x = f.arg([3, 4], name="x")
f.ret(f.scale(x, 2.0), f.transpose(x, [1, 0]))

# -- chains -----------------------------------------------------------------------
# scores with an ALiBi-like additive bias, softmax, P·V
f = new("chain_alibi")
q = f.arg([1, 4, 13, 16], name="q")
k = f.arg([1, 4, 21, 16], name="k")
v = f.arg([1, 4, 21, 24], name="v")
bias = f.arg([4, 1, 21], name="bias")
s = f.scale(f.matmul(q, k, transpose_rhs=True), 0.25)
f.ret(f.matmul(f.softmax(f.add(s, bias), 3), v))


def mha(name, B, N, Nm, E, heads, Eout, mask_shape, mask_dtype, cross):
    f = new(name)
    x = f.arg([B, N, E], name="x")
    mem = f.arg([B, Nm, E], name="memory") if cross else x
    wq, bq = f.arg([E, E], name="wq"), f.arg([E], name="bq")
    wk, bk = f.arg([E, E], name="wk"), f.arg([E], name="bk")
    wv, bv = f.arg([E, E], name="wv"), f.arg([E], name="bv")
    wo, bo = f.arg([Eout, E], name="wo"), f.arg([Eout], name="bo")
    m = f.arg(mask_shape, mask_dtype, name="mask")
    qh = f.split_heads(f.linear(x, wq, bq), heads)
    kh = f.split_heads(f.linear(mem, wk, bk), heads)
    vh = f.split_heads(f.linear(mem, wv, bv), heads)
    s = f.matmul(qh, kh, transpose_rhs=True)
    s = f.scale(s, 1.0 / np.sqrt(E // heads))
    p = f.softmax(f.mask(s, m), 3)
    o = f.merge_heads(f.matmul(p, vh))
    f.ret(f.linear(o, wo, bo))
    return f


def mha_inputs(fn_name, fully_masked_rows):
    def make(rng):
        f = next(g for g in funcs if g.name == fn_name)
        xs = f.random_inputs(rng, keep=0.8)
        # weights ~ N(0, 1/E) keep activations O(1)
        for i, a in enumerate(f.args):
            if a.arg_name.startswith("w"):
                xs[i] = (xs[i] / np.sqrt(a.shape[1])).astype(np.float32)
        m = xs[-1]
        if m.dtype == np.bool_:
            for r in fully_masked_rows:
                m[..., r, :] = False
        else:
            m[...] = np.where(m > -1.0, m, -np.inf).astype(np.float32)
            for r in fully_masked_rows:
                m[..., r, :] = -1e30
        return xs
    return make


mha("mha_self_bool_mask", B=2, N=13, Nm=13, E=64, heads=4, Eout=48,
    mask_shape=[13, 13], mask_dtype="i1", cross=False)
inputs_of["mha_self_bool_mask"] = mha_inputs("mha_self_bool_mask", [0, 7])
mha("mha_cross_additive_mask", B=2, N=9, Nm=17, E=40, heads=5, Eout=40,
    mask_shape=[2, 1, 9, 17], mask_dtype="f32", cross=True)
inputs_of["mha_cross_additive_mask"] = mha_inputs("mha_cross_additive_mask",
                                                  [4])

# -- run ------------------------------------------------------------------------
report = Report("attn graph ops vs float64 reference (f32 tol %g)" % TOL)
text = module_text(funcs, header="graph_ops.py")
# Each graph op must be correct on its own (--fuse=false), and the chains
# that --attn-fuse turns into attn.attention must stay correct (default).
for variant, extra in (("unfused", ["--fuse=false"]), ("fused", [])):
    t0 = time.time()
    try:
        lib = attn.compile(text, name="graph_ops_" + variant, extra_args=extra)
    except attn.CompileError as e:
        print(str(e))
        print("---- module text ----\n" + text)
        report.fail("compile " + variant, "the graph-op module did not compile")
        report.finish()
    print("compiled %d functions (%s) in %.1fs" % (len(funcs), variant,
                                                  time.time() - t0))
    rng = np.random.default_rng(SEED)
    for f in funcs:
        if f.name in inputs_of:
            xs = inputs_of[f.name](rng)
        else:
            xs = f.random_inputs(rng)
        expected = f.evaluate(xs)
        try:
            outs = getattr(lib, f.name)(*xs)
        except (attn.AttnError, ValueError) as e:
            report.fail(variant + " " + f.name, "call failed: %s" % e)
            continue
        if not isinstance(outs, tuple):
            outs = (outs,)
        for i, (out, exp) in enumerate(zip(outs, expected)):
            name = f.name if len(expected) == 1 else "%s[%d]" % (f.name, i)
            name = variant + " " + name
            report.compare(name, out, exp, rtol=TOL,
                           detail="shape %s" % (list(exp.shape),))
        if f.name.startswith("mask_bool"):
            masked = np.isneginf(expected[0])
            report.expect(np.all(np.isneginf(outs[0][masked])),
                          f.name + " writes -inf",
                          "%d masked entries, %d of them -inf" % (
                              int(masked.sum()),
                              int(np.isneginf(outs[0][masked]).sum())))

report.finish()
