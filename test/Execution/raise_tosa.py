# RUN: %python %s
# Attention graphs written in TOSA the way torch-mlir / onnx-mlir emit them
# (rank-3 tosa.matmul between reshapes, scales as tosa.mul by a constant or
# by tosa.reciprocal of one, masks as tosa.add / tosa.select (of -inf or
# of a finite fill such as -1e9), the softmax
# decomposed into reduce_max / sub / exp / reduce_sum / reciprocal / mul),
# compiled with attn-compile --raise (--attn-raise, --canonicalize, then
# --attn-fuse). Each function must become one attn.attention (the manifest
# lists one attention schedule) and match the float64 evaluation of the
# TOSA graph itself (relative error <= 1e-4).
#
# The builder `Tosa` below emits TOSA text and evaluates the same graph in
# float64 numpy; raise_linalg.py imports it to run the graphs through
# --tosa-to-linalg first.
import os
import sys

import numpy as np

TOL = 1e-4
NEG_INF = float("-inf")


def tensor_type(shape, dtype="f32"):
    return "tensor<%s%s>" % ("".join("%dx" % d for d in shape), dtype)


def _literal(x, dtype):
    if dtype == "i1":
        return "true" if x else "false"
    x = float(np.float32(x))
    if x == NEG_INF:
        return "0xFF800000"
    return "%.9e" % x


def dense_literal(array, dtype):
    array = np.asarray(array)
    if array.size and np.all(array == array.flat[0]):
        return _literal(array.flat[0], dtype)

    def nest(a):
        if a.ndim == 0:
            return _literal(a, dtype)
        return "[%s]" % ", ".join(nest(x) for x in a)
    return nest(array)


class V:
    def __init__(self, ssa, shape, dtype="f32"):
        self.ssa = ssa
        self.shape = tuple(int(d) for d in shape)
        self.dtype = dtype

    @property
    def type(self):
        return tensor_type(self.shape, self.dtype)


class Tosa:
    """One func.func of TOSA ops, and its float64 numpy evaluation."""

    def __init__(self, name):
        self.name = name
        self.args = []
        self.lines = []
        self.nodes = []  # (result V, fn, input Vs)
        self.results = []
        self._count = 0
        self._shift = None
        self._zp = None

    # -- plumbing ------------------------------------------------------------
    def arg(self, shape, dtype="f32"):
        v = V("%%arg%d" % len(self.args), shape, dtype)
        self.args.append(v)
        return v

    def _new(self, shape, dtype="f32"):
        self._count += 1
        return V("%%t%d" % self._count, shape, dtype)

    def _emit(self, out, text, fn, inputs):
        self.lines.append("  %s = %s" % (out.ssa, text))
        self.nodes.append((out, fn, list(inputs)))
        return out

    def _functional(self, name, out, inputs, attrs="", extra=()):
        operands = [i.ssa for i in inputs] + [e.ssa for e in extra]
        types = [i.type for i in inputs] + [e.type for e in extra]
        return "%s %s%s : (%s) -> %s" % (name, ", ".join(operands), attrs,
                                         ", ".join(types), out.type)

    def shape_const(self, dims):
        out = V("%%s%d" % (self._count + 1), (len(dims),), "index")
        self._count += 1
        self.lines.append(
            "  %s = tosa.const_shape {values = dense<[%s]> : tensor<%dxindex>}"
            " : () -> !tosa.shape<%d>" % (out.ssa, ", ".join(
                str(int(d)) for d in dims), len(dims), len(dims)))
        return out

    def const(self, array, dtype="f32"):
        array = np.asarray(array, dtype=bool if dtype == "i1" else np.float32)
        out = self._new(array.shape, dtype)
        text = '"tosa.const"() <{values = dense<%s> : %s}> : () -> %s' % (
            dense_literal(array, dtype), out.type, out.type)
        value = array.astype(bool if dtype == "i1" else np.float64)
        return self._emit(out, text, lambda: value, [])

    def scalar(self, x, rank):
        return self.const(np.full((1,) * rank, x, dtype=np.float32))

    def shift(self):
        if self._shift is None:
            self._shift = self._new((1,), "i8")
            self.lines.append(
                '  %s = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> '
                ': () -> tensor<1xi8>' % self._shift.ssa)
        return self._shift

    def zero_point(self):
        if self._zp is None:
            self._zp = self._new((1,))
            self.lines.append(
                '  %s = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}>'
                ' : () -> tensor<1xf32>' % self._zp.ssa)
        return self._zp

    # -- TOSA ops ------------------------------------------------------------
    def reshape(self, x, shape):
        s = self.shape_const(shape)
        out = self._new(shape, x.dtype)
        text = "tosa.reshape %s, %s : (%s, !tosa.shape<%d>) -> %s" % (
            x.ssa, s.ssa, x.type, len(shape), out.type)
        return self._emit(out, text, lambda a: a.reshape(shape), [x])

    def transpose(self, x, perms):
        out = self._new([x.shape[p] for p in perms], x.dtype)
        text = self._functional("tosa.transpose", out, [x],
                                " {perms = array<i32: %s>}"
                                % ", ".join(str(p) for p in perms))
        return self._emit(out, text, lambda a: np.transpose(a, perms), [x])

    def matmul(self, a, b):
        out = self._new((max(a.shape[0], b.shape[0]), a.shape[1], b.shape[2]))
        zp = self.zero_point()
        text = self._functional("tosa.matmul", out, [a, b], extra=(zp, zp))
        return self._emit(out, text, np.matmul, [a, b])

    def _binary(self, name, a, b, fn, dtype="f32"):
        out = self._new(np.broadcast_shapes(a.shape, b.shape), dtype)
        extra = (self.shift(),) if name == "tosa.mul" else ()
        text = self._functional(name, out, [a, b], extra=extra)
        return self._emit(out, text, fn, [a, b])

    def mul(self, a, b):
        return self._binary("tosa.mul", a, b, np.multiply)

    def add(self, a, b):
        return self._binary("tosa.add", a, b, np.add)

    def sub(self, a, b):
        return self._binary("tosa.sub", a, b, np.subtract)

    def _unary(self, name, x, fn):
        out = self._new(x.shape, x.dtype)
        return self._emit(out, self._functional(name, out, [x]), fn, [x])

    def exp(self, x):
        return self._unary("tosa.exp", x, np.exp)

    def reciprocal(self, x):
        return self._unary("tosa.reciprocal", x, lambda a: 1.0 / a)

    def logical_not(self, x):
        return self._unary("tosa.logical_not", x, np.logical_not)

    def select(self, c, a, b):
        out = self._new(np.broadcast_shapes(c.shape, a.shape, b.shape))
        text = self._functional("tosa.select", out, [c, a, b])
        return self._emit(out, text, np.where, [c, a, b])

    def _reduce(self, name, x, axis, fn):
        shape = list(x.shape)
        shape[axis] = 1
        out = self._new(shape)
        text = self._functional(name, out, [x], " {axis = %d : i32}" % axis)
        return self._emit(out, text, lambda a: fn(a, axis=axis, keepdims=True),
                          [x])

    def reduce_max(self, x, axis):
        return self._reduce("tosa.reduce_max", x, axis, np.max)

    def reduce_sum(self, x, axis):
        return self._reduce("tosa.reduce_sum", x, axis, np.sum)

    def tile(self, x, multiples):
        m = self.shape_const(multiples)
        out = self._new([d * t for d, t in zip(x.shape, multiples)], x.dtype)
        text = "tosa.tile %s, %s : (%s, !tosa.shape<%d>) -> %s" % (
            x.ssa, m.ssa, x.type, len(multiples), out.type)
        return self._emit(out, text, lambda a: np.tile(a, multiples), [x])

    # -- what frontends build from them ---------------------------------------
    def bmm(self, a, b):
        """torch.matmul of [..., N, K] and [..., K, M] with equal batch
        dimensions: flattened to rank 3 around tosa.matmul."""
        batch = a.shape[:-2]
        flat = int(np.prod(batch))
        a3 = self.reshape(a, (flat,) + a.shape[-2:])
        b3 = self.reshape(b, (flat,) + b.shape[-2:])
        c3 = self.matmul(a3, b3)
        return self.reshape(c3, batch + c3.shape[-2:])

    def softmax(self, x, axis=-1, shifted=True):
        """exp(x - max(x)) / sum(...), or exp(x) / sum(exp(x)) unshifted."""
        axis %= len(x.shape)
        if shifted:
            x = self.sub(x, self.reduce_max(x, axis))
        e = self.exp(x)
        s = self.reduce_sum(e, axis)
        return self.mul(e, self.reciprocal(s))

    def linear(self, x, w, b=None):
        """torch.nn.functional.linear(x [B, N, E], w [O, E], b [O])."""
        bsz, n, e = x.shape
        o = w.shape[0]
        wt = self.reshape(self.transpose(w, (1, 0)), (1, e, o))
        y = self.matmul(self.reshape(x, (1, bsz * n, e)), wt)
        y = self.reshape(y, (bsz, n, o))
        if b is not None:
            y = self.add(y, self.reshape(b, (1, 1, o)))
        return y

    def split_heads(self, x, heads):
        bsz, n, e = x.shape
        return self.transpose(self.reshape(x, (bsz, n, heads, e // heads)),
                              (0, 2, 1, 3))

    def merge_heads(self, x):
        bsz, h, n, d = x.shape
        return self.reshape(self.transpose(x, (0, 2, 1, 3)), (bsz, n, h * d))

    def repeat_heads(self, k, groups):
        """repeat_interleave(k, groups, dim=1) as HF's repeat_kv writes it:
        unsqueeze, expand (tosa.tile), flatten."""
        bsz, h, m, d = k.shape
        k5 = self.reshape(k, (bsz, h, 1, m, d))
        k5 = self.tile(k5, (1, 1, groups, 1, 1))
        return self.reshape(k5, (bsz, h * groups, m, d))

    def ret(self, *values):
        self.results = list(values)
        return self

    # -- output ----------------------------------------------------------------
    def text(self):
        params = ", ".join("%s: %s" % (a.ssa, a.type) for a in self.args)
        rtypes = [r.type for r in self.results]
        rsig = rtypes[0] if len(rtypes) == 1 else "(%s)" % ", ".join(rtypes)
        lines = ["func.func @%s(%s) -> %s {" % (self.name, params, rsig)]
        lines += self.lines
        lines.append("  return %s : %s" % (
            ", ".join(r.ssa for r in self.results), ", ".join(rtypes)))
        lines.append("}")
        return "\n".join(lines)

    def evaluate(self, inputs):
        env = {}
        for a, x in zip(self.args, inputs):
            env[a.ssa] = np.asarray(x, dtype=bool if a.dtype == "i1"
                                    else np.float64)
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            for out, fn, ins in self.nodes:
                env[out.ssa] = fn(*[env[i.ssa] for i in ins])
        return [env[r.ssa] for r in self.results]

    def random_inputs(self, rng):
        xs = []
        for a in self.args:
            if a.dtype == "i1":
                xs.append(rng.random(a.shape) < 0.7)
            else:
                xs.append(rng.standard_normal(a.shape).astype(np.float32))
        return xs


def module_text(graphs):
    return "\n\n".join(g.text() for g in graphs) + "\n"


# ---------------------------------------------------------------------------
# The graphs
# ---------------------------------------------------------------------------

def sdpa(g, q, k, v, scale, mask=None, mask_kind="add", scale_kind="mul",
         shifted=True, fill=NEG_INF):
    """torch-mlir's decomposition of scaled_dot_product_attention; `fill`
    is what a "select" or "fill" mask puts on the dropped scores."""
    kt = g.transpose(k, (0, 1, 3, 2))
    s = g.bmm(q, kt)
    rank = len(s.shape)
    if scale_kind == "mul":
        s = g.mul(s, g.scalar(scale, rank))
    else:  # onnx-mlir's Div: x * reciprocal(c)
        s = g.mul(s, g.reciprocal(g.scalar(1.0 / scale, rank)))
    if mask is not None:
        if mask_kind == "add":
            s = g.add(s, mask)
        elif mask_kind == "select":  # where(keep, s, fill)
            s = g.select(mask, s, g.scalar(fill, rank))
        else:  # masked_fill(~keep, fill)
            s = g.select(g.logical_not(mask), g.scalar(fill, rank), s)
    return g.bmm(g.softmax(s, shifted=shifted), v)


def causal(n, m):
    return np.tril(np.ones((n, m), dtype=bool))


def graphs():
    out = []

    g = Tosa("plain_sdpa")
    q, k, v = g.arg((2, 4, 9, 16)), g.arg((2, 4, 9, 16)), g.arg((2, 4, 9, 16))
    out.append(g.ret(sdpa(g, q, k, v, 0.25)))

    g = Tosa("causal_additive")
    q, k, v = g.arg((1, 4, 17, 32)), g.arg((1, 4, 17, 32)), g.arg((1, 4, 17, 32))
    bias = np.where(causal(17, 17), 0.0, NEG_INF).reshape(1, 1, 17, 17)
    out.append(g.ret(sdpa(g, q, k, v, 32 ** -0.5, mask=g.const(bias))))

    g = Tosa("causal_select")
    q, k, v = g.arg((2, 2, 12, 8)), g.arg((2, 2, 12, 8)), g.arg((2, 2, 12, 8))
    keep = g.const(causal(12, 12).reshape(1, 1, 12, 12), "i1")
    out.append(g.ret(sdpa(g, q, k, v, 8 ** -0.5, mask=keep,
                          mask_kind="select")))

    g = Tosa("masked_fill_argument")
    q, k, v = g.arg((1, 2, 10, 16)), g.arg((1, 2, 14, 16)), g.arg((1, 2, 14, 16))
    keep = g.arg((1, 1, 10, 14), "i1")
    out.append(g.ret(sdpa(g, q, k, v, 0.25, mask=keep, mask_kind="fill")))

    # masked_fill(mask == 0, -1e9), as hand-written models mask: the
    # dropped scores keep -1e9 (mask_fill); a row the constant mask drops
    # entirely averages the values.
    g = Tosa("masked_fill_finite_argument")
    q, k, v = g.arg((1, 2, 10, 16)), g.arg((1, 2, 14, 16)), g.arg((1, 2, 14, 16))
    keep = g.arg((1, 1, 10, 14), "i1")
    out.append(g.ret(sdpa(g, q, k, v, 0.25, mask=keep, mask_kind="fill",
                          fill=-1e9)))
    g = Tosa("masked_fill_finite_constant")
    q, k, v = g.arg((2, 2, 12, 8)), g.arg((2, 2, 12, 8)), g.arg((2, 2, 12, 8))
    rows = causal(12, 12)
    rows[5] = False
    keep = g.const(rows.reshape(1, 1, 12, 12), "i1")
    out.append(g.ret(sdpa(g, q, k, v, 8 ** -0.5, mask=keep,
                          mask_kind="select", fill=-1e9)))

    # A [N, M] boolean key mask argument, reshaped to the scores' rank.
    g = Tosa("mask_argument_reshaped")
    q, k, v = g.arg((1, 2, 6, 8)), g.arg((1, 2, 9, 8)), g.arg((1, 2, 9, 8))
    keep = g.reshape(g.arg((6, 9), "i1"), (1, 1, 6, 9))
    out.append(g.ret(sdpa(g, q, k, v, 8 ** -0.5, mask=keep,
                          mask_kind="select")))

    g = Tosa("gqa_tile")
    q, k, v = g.arg((1, 8, 11, 16)), g.arg((1, 2, 13, 16)), g.arg((1, 2, 13, 24))
    out.append(g.ret(sdpa(g, q, g.repeat_heads(k, 4), g.repeat_heads(v, 4),
                          0.25)))

    g = Tosa("mqa_tile")
    q, k, v = g.arg((2, 6, 7, 16)), g.arg((2, 1, 9, 16)), g.arg((2, 1, 9, 16))
    out.append(g.ret(sdpa(g, q, g.repeat_heads(k, 6), g.repeat_heads(v, 6),
                          0.25)))

    g = Tosa("cross_attention_div")
    q, k, v = g.arg((2, 3, 7, 40)), g.arg((2, 3, 23, 40)), g.arg((2, 3, 23, 24))
    pad = g.arg((2, 1, 1, 23))  # additive key-padding mask
    out.append(g.ret(sdpa(g, q, k, v, 40 ** -0.5, mask=pad,
                          scale_kind="div")))

    # The softmax without its max subtraction, with a causal mask.
    g = Tosa("unshifted_softmax_causal")
    q, k, v = g.arg((1, 2, 19, 16)), g.arg((1, 2, 19, 16)), g.arg((1, 2, 19, 8))
    bias = np.where(causal(19, 19), 0.0, NEG_INF).reshape(1, 1, 19, 19)
    out.append(g.ret(sdpa(g, q, k, v, 0.25, mask=g.const(bias),
                          shifted=False)))

    # [B*H, N, D] throughout (onnx-mlir's 3-d MatMul), K given transposed.
    g = Tosa("rank3_heads")
    q, kt, v = g.arg((6, 10, 16)), g.arg((6, 16, 15)), g.arg((6, 15, 16))
    s = g.mul(g.matmul(q, kt), g.scalar(0.25, 3))
    out.append(g.ret(g.matmul(g.softmax(s), v)))

    # A multi-head block: projections, head split / merge, output projection.
    g = Tosa("mha_block")
    e, h = 32, 4
    x = g.arg((2, 6, e))
    ws = [g.arg((e, e)) for _ in range(4)]
    bs = [g.arg((e,)) for _ in range(4)]
    qh, kh, vh = (g.split_heads(g.linear(x, w, b), h)
                  for w, b in zip(ws[:3], bs[:3]))
    o = g.merge_heads(sdpa(g, qh, kh, vh, (e // h) ** -0.5))
    out.append(g.ret(g.add(x, g.linear(o, ws[3], bs[3]))))

    # An encoder-decoder cross-attention block (the decoder's second
    # attention): queries from the decoder states, keys and values from the
    # encoder output of another length and width, a key-padding mask added
    # to the scores, the output projection and the residual.
    g = Tosa("enc_dec_cross_attention_block")
    e, em, h = 24, 20, 3
    x, memory = g.arg((2, 5, e)), g.arg((2, 11, em))
    pad = g.arg((2, 1, 1, 11))
    wq, wk, wv, wo = g.arg((e, e)), g.arg((e, em)), g.arg((e, em)), g.arg((e, e))
    bq, bk, bv, bo = (g.arg((e,)) for _ in range(4))
    qh = g.split_heads(g.linear(x, wq, bq), h)
    kh = g.split_heads(g.linear(memory, wk, bk), h)
    vh = g.split_heads(g.linear(memory, wv, bv), h)
    o = g.merge_heads(sdpa(g, qh, kh, vh, (e // h) ** -0.5, mask=pad))
    out.append(g.ret(g.add(x, g.linear(o, wo, bo))))

    # The same with the parameters as constants (an exported model).
    g = Tosa("mha_constant_weights")
    e, h = 16, 2
    rng = np.random.default_rng(3)
    x = g.arg((2, 5, e))
    ws = [g.const(rng.standard_normal((e, e)) / 4) for _ in range(4)]
    bs = [g.const(rng.standard_normal(e)) for _ in range(4)]
    qh, kh, vh = (g.split_heads(g.linear(x, w, b), h)
                  for w, b in zip(ws[:3], bs[:3]))
    o = g.merge_heads(sdpa(g, qh, kh, vh, (e // h) ** -0.5))
    out.append(g.ret(g.linear(o, ws[3], bs[3])))
    return out


# ---------------------------------------------------------------------------
# Running
# ---------------------------------------------------------------------------

def run(title, gs, text, compile_args=()):
    import attn
    from attn.testing import Report

    report = Report(title)
    lib = attn.compile(text, extra_args=["--raise"] + list(compile_args),
                       name="raise_graphs")
    rng = np.random.default_rng(11)
    for g in gs:
        entry = [f for f in lib.manifest["functions"] if f["name"] == g.name][0]
        count = len(entry["schedule"]["attention"])
        report.expect(count == 1, g.name + " raised and fused",
                      "%d attention ops" % count)
        xs = g.random_inputs(rng)
        expected = g.evaluate(xs)[0]
        report.compare(g.name, getattr(lib, g.name)(*xs), expected, rtol=TOL)
    report.finish()


def main():
    gs = graphs()
    run("TOSA attention graphs raised, fused, vs float64 TOSA evaluation "
        "(tol %g)" % TOL, gs, module_text(gs))


if __name__ == "__main__":
    main()
